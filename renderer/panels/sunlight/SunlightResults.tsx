import { Alert, Button, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SunlightSummary } from '../../../common/contract/sunlight.js';

interface Props {
  resultLayer: string | null;
  summary: SunlightSummary | null;
  onPdf: () => void;
}

type Point = SunlightSummary['points'][number];

const CHANGE_COLOURS: Record<string, string> = {
  newly_failing: 'red',
  still_failing_worse: 'volcano',
  still_failing: 'orange',
  reduced: 'gold',
  unchanged: 'default',
  improved: 'green',
};

function intervalsText(p: Point, key: 'TrueSolar' | 'Beijing'): string {
  return p.intervals
    .map((i) => `${i[`start${key}`].slice(0, 5)}–${i[`end${key}`].slice(0, 5)}${i.counted ? '' : '*'}`)
    .join(', ');
}

/** The window in both times, what was applied, notes, the failing list and the before/after list. */
export function SunlightResults({ resultLayer, summary, onPdf }: Props) {
  const { t } = useTranslation();
  if (!summary || !resultLayer) return <Empty description={t('sunlight.results.empty')} />;
  const failing = summary.points.filter((p) => !p.meets).sort((a, b) => a.sunlitMinutes - b.sunlitMinutes);
  const newly = new Set(summary.scheme?.newlyFailing ?? []);
  const changed = summary.scheme
    ? summary.points
        .filter((p) => p.beforeMinutes !== undefined && p.beforeMinutes !== p.sunlitMinutes)
        .map((p) => ({ ...p, delta: p.sunlitMinutes - (p.beforeMinutes ?? 0) }))
        .sort((a, b) => Number(newly.has(b.id)) - Number(newly.has(a.id)) || a.delta - b.delta)
    : [];
  const rules = [
    ...(summary.rules.minSegmentMin !== null
      ? [t('sunlight.results.minSegment', { n: summary.rules.minSegmentMin })]
      : []),
    ...(summary.rules.minSweepDeg !== null ? [t('sunlight.results.sweep', { n: summary.rules.minSweepDeg })] : []),
  ];
  return (
    <div data-testid="sunlight-results">
      <Typography.Title level={5} data-testid="sunlight-summary">
        {t('sunlight.results.summary', {
          layer: resultLayer,
          count: summary.count,
          failing: summary.failingCount,
          hours: summary.requirement.hours,
        })}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('sunlight.results.windowTst')}>
          {summary.window.startTrueSolar}–{summary.window.endTrueSolar}
        </Descriptions.Item>
        <Descriptions.Item label={t('sunlight.results.windowBjt')}>
          <span data-testid="sunlight-window-bjt">
            {summary.window.startBeijing}–{summary.window.endBeijing}
          </span>{' '}
          {t('sunlight.results.eot', {
            eot: summary.window.equationOfTimeMin.toFixed(2),
            lon: summary.window.longitudeCorrectionMin.toFixed(2),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('sunlight.results.requirement')}>{summary.requirement.basis}</Descriptions.Item>
        <Descriptions.Item label={t('sunlight.results.elevation')}>
          {t(`sunlight.results.${summary.elevation}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('sunlight.results.rules')}>
          {rules.length ? rules.join('; ') : t('sunlight.results.noRules')}
        </Descriptions.Item>
      </Descriptions>
      {summary.notes.map((n) => (
        <Alert
          key={n.code}
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t(`sunlight.notes.${n.code}`, n.facts)}
        />
      ))}
      {summary.scheme && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('sunlight.results.beforeAfter', {
              scheme: summary.scheme.layer,
              newly: summary.scheme.newlyFailing.length,
            })}
          </Typography.Title>
          <Table
            data-testid="sunlight-before-after"
            size="small"
            rowKey="id"
            pagination={{ pageSize: 8, size: 'small' }}
            dataSource={changed}
            columns={[
              { title: t('sunlight.results.point'), dataIndex: 'id' },
              { title: t('sunlight.results.before'), dataIndex: 'beforeMinutes', align: 'right' },
              { title: t('sunlight.results.after'), dataIndex: 'sunlitMinutes', align: 'right' },
              {
                title: t('sunlight.results.change'),
                render: (_: unknown, p: Point & { delta: number }) => {
                  const key = newly.has(p.id) ? 'newly_failing' : p.meets ? 'reduced' : 'still_failing_worse';
                  return <Tag color={CHANGE_COLOURS[key]}>{t(`sunlight.changes.${key}`)}</Tag>;
                },
              },
            ]}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('sunlight.results.failing', { count: failing.length })}
      </Typography.Title>
      <Table
        data-testid="sunlight-failing"
        size="small"
        rowKey="id"
        pagination={{ pageSize: 8, size: 'small' }}
        dataSource={failing}
        columns={[
          { title: t('sunlight.results.point'), dataIndex: 'id' },
          { title: t('sunlight.results.minutes'), dataIndex: 'sunlitMinutes', align: 'right' },
          { title: t('sunlight.results.tst'), render: (_: unknown, p: Point) => intervalsText(p, 'TrueSolar') || '—' },
          { title: t('sunlight.results.bjt'), render: (_: unknown, p: Point) => intervalsText(p, 'Beijing') || '—' },
        ]}
      />
      <Button type="primary" data-testid="sunlight-pdf" onClick={onPdf}>
        {t('sunlight.results.pdf')}
      </Button>
    </div>
  );
}
