import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStats, MergeConflict } from '../../../common/contract/index.js';
import { CASE_MAJORS } from '../../../layers/cases.js';
import { EChart } from '../multiplan/EChart.js';
import type { CasesModel } from './use-cases.js';

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

function bars(entries: [string, number][], colour: string) {
  return {
    // drawn at once: a screenshot or a PDF page shows the bars, not their growing
    animation: false,
    tooltip: {},
    grid: { left: 40, right: 10, top: 10, bottom: 40 },
    xAxis: { type: 'category', data: entries.map(([k]) => k), axisLabel: { rotate: 30, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: entries.map(([, v]) => v), itemStyle: { color: colour } }],
  };
}

function majorName(key: string): string {
  const m = CASE_MAJORS.find((x) => `${x.kind}${x.code}` === key);
  return m ? `${m.kind}·${m.name}` : key;
}

/** The supervisor's figures: counts, the two rates against 97 %, hotspots, with definitions. */
export function CaseStatsView({ model }: { model: CasesModel }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const { loadStats } = model;
  useEffect(() => {
    const from = range?.[0]?.format('YYYY-MM-DD');
    const to = range?.[1]?.add(1, 'day').format('YYYY-MM-DD');
    loadStats({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }, [range, loadStats]);
  const s: CaseStats | null = model.stats;
  const charts = useMemo(
    () =>
      s
        ? {
            status: bars(
              Object.entries(s.byStatus).map(([k, v]) => [t(`enums.status.${k}`, { defaultValue: k }), v]),
              '#1e88e5',
            ),
            category: bars(
              Object.entries(s.byCategory)
                .sort((a, b) => b[1] - a[1])
                .map(([k, v]) => [majorName(k), v]),
              '#fb8c00',
            ),
            month: bars(Object.entries(s.byMonth), '#43a047'),
          }
        : null,
    [s, t],
  );
  const csv = (): void => {
    if (!s) return;
    const lines = ['kind,key,count'];
    for (const [k, v] of Object.entries(s.byStatus)) lines.push(`status,${k},${String(v)}`);
    for (const [k, v] of Object.entries(s.byCategory)) lines.push(`category,${k},${String(v)}`);
    for (const [k, v] of Object.entries(s.byStreet)) lines.push(`street,${k},${String(v)}`);
    for (const [k, v] of Object.entries(s.byMonth)) lines.push(`month,${k},${String(v)}`);
    lines.push(`rate,onTimeRate,${String(s.onTimeRate ?? '')}`, `rate,closureRate,${String(s.closureRate ?? '')}`);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob(['\uFEFF' + lines.join('\n')], { type: 'text/csv' }));
    a.download = 'case-stats.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <div data-testid="case-stats">
      <Space style={{ marginBottom: 8 }}>
        <DatePicker.RangePicker onChange={(v) => setRange(v)} />
        <Button onClick={csv} disabled={!s}>
          {t('cases.stats.csv')}
        </Button>
      </Space>
      {s && charts && (
        <>
          <Row gutter={8}>
            <Col span={6}>
              <Statistic title={t('cases.stats.total')} value={s.total} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('cases.stats.onTime')}
                value={pct(s.onTimeRate)}
                styles={{ content: { color: (s.onTimeRate ?? 0) >= s.target ? '#3f8600' : '#cf1322' } }}
              />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('cases.stats.closure')}
                value={pct(s.closureRate)}
                styles={{ content: { color: (s.closureRate ?? 0) >= s.target ? '#3f8600' : '#cf1322' } }}
              />
            </Col>
            <Col span={6}>
              <Statistic title={t('cases.stats.overdue')} value={s.overdue} />
            </Col>
          </Row>
          <Alert
            style={{ margin: '8px 0' }}
            type="info"
            title={t('cases.stats.definitions', {
              target: '97 %',
              checked: s.checked,
              onTime: s.checkedOnTime,
              registered: s.registered,
              closed: s.closed,
              asOf: s.asOf.slice(0, 16).replace('T', ' '),
            })}
          />
          <Row gutter={8}>
            <Col span={12}>
              <Card size="small" title={t('cases.stats.byStatus')}>
                <EChart option={charts.status} height={180} testId="case-chart-status" />
              </Card>
            </Col>
            <Col span={12}>
              <Card size="small" title={t('cases.stats.byCategory')}>
                <EChart option={charts.category} height={180} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('cases.stats.byMonth')} style={{ marginTop: 8 }}>
            <EChart option={charts.month} height={160} />
          </Card>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {t('cases.stats.hotspots')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.street}/${r.community}`}
            dataSource={s.hotspots}
            columns={[
              { dataIndex: 'community', title: t('cases.stats.community') },
              { dataIndex: 'street', title: t('cases.col.street') },
              { dataIndex: 'count', title: t('cases.stats.count') },
            ]}
          />
        </>
      )}
    </div>
  );
}

/** Merge conflicts waiting for a person: keep ours or take theirs, field by field. */
export function ConflictList({ model, onError }: { model: CasesModel; onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  if (model.conflicts.length === 0) return <Typography.Text type="secondary">{t('cases.noConflicts')}</Typography.Text>;
  return (
    <Table<MergeConflict>
      size="small"
      data-testid="case-conflicts"
      rowKey={(c) => `${c.uuid}/${c.field}`}
      dataSource={model.conflicts}
      pagination={false}
      columns={[
        { dataIndex: 'case', title: t('cases.col.caseId') },
        { dataIndex: 'field', title: t('cases.conflict.field') },
        { dataIndex: 'base', title: t('cases.conflict.base') },
        { dataIndex: 'ours', title: t('cases.conflict.ours') },
        { dataIndex: 'theirs', title: t('cases.conflict.theirs'), ellipsis: true },
        {
          key: 'take',
          title: '',
          render: (_, c) => (
            <Space>
              <Button size="small" onClick={() => void model.resolve(c, 'ours').catch(onError)}>
                {t('cases.conflict.keepOurs')}
              </Button>
              <Button size="small" type="primary" onClick={() => void model.resolve(c, 'theirs').catch(onError)}>
                {t('cases.conflict.takeTheirs')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
