import { App, Button, Modal, Progress, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MultiplanStart } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import { ResultsView } from './ResultsView.js';
import { RulesEditor } from './RulesEditor.js';
import { defaultDistrictLayer, polygonLayers } from './layer-choice.js';
import { SetupForm } from './SetupForm.js';
import { useMultiplan } from './use-multiplan.js';
import type { AnalysisPanelProps } from '../registry.js';

type Tab = 'setup' | 'rules' | 'results';

/**
 * 多规合一审查: choose the plans and their class fields, edit the conflict rules, run the
 * review as a job (progress, cancel), then read the conflicts: list, charts, exports. The
 * panel is modeless, so the globe (with the hatched conflicts) stays in reach.
 */
export function MultiplanPanel({ layers, jobs, controller, notifyError, onClose }: AnalysisPanelProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const model = useMultiplan(api, jobs, notifyError);
  const [tab, setTab] = useState<Tab>('setup');
  // Bottom of the tree first: the plans in the order they were loaded (总规 usually before 控规).
  const [setup, setSetup] = useState<MultiplanStart>(() => {
    const reviewed = polygonLayers(layers)
      .sort((a, b) => a.order - b.order)
      .slice(0, 3)
      .map((l) => l.name);
    return { layers: reviewed, districtLayer: defaultDistrictLayer(layers, reviewed) };
  });
  const { job } = model;
  const running = job?.state === 'running';

  useEffect(() => {
    if (job?.state === 'done') setTab('results');
    if (job?.state === 'failed' && job.error) notifyError(job.error);
  }, [job?.state, job?.error, notifyError]);

  const stage = job?.stage;
  const stageText = stage && i18n.exists(stage) ? t(stage) : '';
  const footer = (
    <Space className="cim-multiplan-footer">
      {job && (
        <span className="cim-multiplan-progress" data-testid="multiplan-progress">
          <Progress
            percent={Math.round(job.progress * 100)}
            size="small"
            status={job.state === 'failed' ? 'exception' : running ? 'active' : undefined}
          />
          <span data-testid="multiplan-stage">{stageText}</span>
        </span>
      )}
      {running ? (
        <Button data-testid="multiplan-cancel" onClick={() => void model.cancel()}>
          {t('multiplan.cancel')}
        </Button>
      ) : (
        <Button onClick={onClose}>{t('common.close')}</Button>
      )}
      <Button
        type="primary"
        data-testid="multiplan-run"
        loading={running}
        disabled={setup.layers.length < 2}
        onClick={() => void model.start(setup).catch((err: unknown) => void message.error(errorText(err)))}
      >
        {t('multiplan.run')}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      title={t('multiplan.title')}
      width={560}
      mask={false}
      // Over the layer tree, at the left: the globe's centre, where a picked conflict is
      // flown to, and the attributes panel on the right stay in view.
      classNames={{ wrapper: 'cim-modeless', body: 'cim-multiplan-body' }}
      style={{ top: 40, left: 8, margin: 0 }}
      footer={footer}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="multiplan-panel">
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          items={[
            {
              key: 'setup',
              label: <span data-testid="multiplan-tab-setup">{t('multiplan.tabs.setup')}</span>,
              children: <SetupForm layers={layers} value={setup} onChange={setSetup} disabled={running} />,
            },
            {
              key: 'rules',
              label: <span data-testid="multiplan-tab-rules">{t('multiplan.tabs.rules')}</span>,
              children: <RulesEditor notifyError={notifyError} />,
            },
            {
              key: 'results',
              label: <span data-testid="multiplan-tab-results">{t('multiplan.tabs.results')}</span>,
              children: (
                <ResultsView
                  model={model}
                  controller={controller}
                  onExported={(file) => void message.success(t('multiplan.results.exported', { file }))}
                />
              ),
            },
          ]}
        />
      </div>
    </Modal>
  );
}
