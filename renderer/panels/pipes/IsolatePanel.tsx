import { Alert, App, Descriptions, Empty, Form, Input, Select, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisModal } from '../analysis/AnalysisModal.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { AnalysisPanelProps } from '../registry.js';
import { NetworkSelect } from './NetworkSelect.js';
import { useIsolateRun, useNetworkLayers, usePickedPipe } from './use-pipes.js';

const ROLE_COLOURS = { close: 'red', closed: 'blue', notRequired: 'green', source: 'default' } as const;

function Ids({ ids, colour, testId }: { ids: readonly string[]; colour: string; testId: string }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <Typography.Text type="secondary">{t('pipes.none')}</Typography.Text>;
  return (
    <span data-testid={testId}>
      {ids.map((id) => (
        <Tag key={id} color={colour}>
          {id}
        </Tag>
      ))}
    </span>
  );
}

/** 爆管分析: click a water or gas pipe, run the isolation, see the valves to close and the households cut off. */
export function IsolatePanel({ layers, jobs, controller, notifyError, onClose }: AnalysisPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const network = useNetworkLayers(layers);
  const picked = usePickedPipe(controller, network.segments);
  const model = useIsolateRun(api, jobs, notifyError);
  const [burst, setBurst] = useState('');
  const [stuck, setStuck] = useState<string[]>([]);
  useEffect(() => {
    if (picked) setBurst(picked);
  }, [picked]);
  const running = model.job?.state === 'running';
  const run = (): void => {
    if (!network.segments || !network.nodes || !burst) return;
    model
      .start({
        segments: network.segments,
        nodes: network.nodes,
        burst,
        ...(stuck.length ? { stuckValves: stuck } : {}),
      })
      .catch((err: unknown) => void message.error(errorText(err)));
  };
  const s = model.summary;
  return (
    <AnalysisModal
      title={t('analysis.pipes-isolate.title')}
      testId="pipes-isolate"
      job={model.job}
      runLabel={t('pipes.isolate.run')}
      canRun={Boolean(burst)}
      onRun={run}
      onCancel={() => void model.cancel()}
      onClose={onClose}
    >
      <Form layout="vertical" size="small" disabled={running}>
        <Alert type="info" showIcon title={t('pipes.isolate.rule')} />
        <NetworkSelect network={network} />
        <Space wrap>
          <Form.Item label={t('pipes.isolate.burst')} help={t('pipes.isolate.pickHint')}>
            <Input
              data-testid="pipes-isolate-burst"
              style={{ width: 180 }}
              value={burst}
              onChange={(e) => setBurst(e.target.value.trim())}
            />
          </Form.Item>
          <Form.Item label={t('pipes.isolate.stuck')}>
            <Select mode="tags" style={{ minWidth: 180 }} value={stuck} onChange={setStuck} open={false} />
          </Form.Item>
        </Space>
      </Form>
      {s && model.resultLayer ? (
        <div data-testid="pipes-isolate-results">
          <Space size="large">
            <Statistic
              title={t('pipes.isolate.households')}
              value={s.affectedHouseholds}
              data-testid="pipes-households"
            />
            <Statistic title={t('pipes.isolate.services')} value={s.affectedServices.length} />
            <Statistic title={t('pipes.isolate.zone')} value={s.isolatedSegments.length} />
            <Statistic title={t('pipes.isolate.unsupplied')} value={s.unsuppliedSegmentsOutsideZone.length} />
          </Space>
          <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('pipes.isolate.burstId')}>
              {s.burst} · {s.system}
            </Descriptions.Item>
            <Descriptions.Item label={t('pipes.isolate.close')}>
              <Ids ids={s.valvesToClose} colour={ROLE_COLOURS.close} testId="pipes-valves-to-close" />
            </Descriptions.Item>
            <Descriptions.Item label={t('pipes.isolate.closed')}>
              <Ids ids={s.closedBoundaryValves} colour={ROLE_COLOURS.closed} testId="pipes-valves-closed" />
            </Descriptions.Item>
            <Descriptions.Item label={t('pipes.isolate.notRequired')}>
              <Ids
                ids={s.boundaryValvesNotRequired}
                colour={ROLE_COLOURS.notRequired}
                testId="pipes-valves-not-required"
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('pipes.isolate.sources')}>
              <Ids ids={s.sourcesToShut} colour={ROLE_COLOURS.source} testId="pipes-sources" />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('pipes.isolate.onGlobe', { layer: model.resultLayer })}
          </Typography.Paragraph>
        </div>
      ) : (
        <Empty description={t('pipes.isolate.empty')} />
      )}
    </AnalysisModal>
  );
}
