import { App, Button, Empty, Form, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AnalysisModal } from '../analysis/AnalysisModal.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { AnalysisPanelProps } from '../registry.js';
import { NetworkSelect } from './NetworkSelect.js';
import { SectionChart } from './SectionChart.js';
import { useDrawnLine, useNetworkLayers, useSectionRun } from './use-pipes.js';

/** 横断面: draw a line across the street, see every pipe it crosses at its depth. */
export function SectionPanel({ layers, jobs, controller, notifyError, onClose }: AnalysisPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const network = useNetworkLayers(layers);
  const drawn = useDrawnLine(controller);
  const model = useSectionRun(api, jobs, notifyError);
  const running = model.job?.state === 'running';
  const run = (): void => {
    if (!network.segments || !network.nodes || !drawn.line) return;
    model
      .start({ segments: network.segments, nodes: network.nodes, line: drawn.line })
      .catch((err: unknown) => void message.error(errorText(err)));
  };
  const s = model.summary;
  return (
    <AnalysisModal
      title={t('analysis.pipes-section.title')}
      testId="pipes-section"
      width={620}
      job={model.job}
      runLabel={t('pipes.section.run')}
      canRun={Boolean(drawn.line)}
      onRun={run}
      onCancel={() => void model.cancel()}
      onClose={onClose}
    >
      <Form layout="vertical" size="small" disabled={running}>
        <NetworkSelect network={network} />
        <Space>
          <Button data-testid="pipes-section-draw" onClick={drawn.draw} type={drawn.drawing ? 'primary' : 'default'}>
            {t('pipes.section.draw')}
          </Button>
          <Typography.Text type="secondary">
            {drawn.drawing
              ? t('pipes.section.drawing')
              : drawn.line
                ? t('pipes.section.drawn', { points: drawn.line.length / 2 })
                : t('pipes.section.drawHint')}
          </Typography.Text>
        </Space>
      </Form>
      {s && model.resultLayer && s.pipes.length > 0 ? (
        <div data-testid="pipes-section-results">
          <Typography.Text strong>
            {t('pipes.section.summary', { count: s.pipes.length, length: s.lengthM.toFixed(1) })}
          </Typography.Text>
          <SectionChart summary={s} />
          <Table
            size="small"
            rowKey={(r) => `${r.pipeId}@${String(r.offsetM)}`}
            pagination={{ pageSize: 6, size: 'small' }}
            dataSource={s.pipes}
            columns={[
              { title: t('pipes.section.offset'), dataIndex: 'offsetM', align: 'right' },
              { title: t('pipes.section.pipe'), dataIndex: 'pipeId' },
              { title: t('pipes.section.system'), dataIndex: 'system' },
              { title: t('pipes.section.top'), dataIndex: 'topM', align: 'right' },
              { title: t('pipes.section.cover'), dataIndex: 'coverM', align: 'right' },
            ]}
          />
        </div>
      ) : (
        <Empty description={s && s.pipes.length === 0 ? t('pipes.section.noPipes') : t('pipes.section.empty')} />
      )}
    </AnalysisModal>
  );
}
