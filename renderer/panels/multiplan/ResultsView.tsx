import { Alert, App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import { downloadReport } from '../analysis/report.js';
import { DOWNLOAD_EXTENSION, type DownloadFormat } from '../../../common/download.js';
import type { MapController } from '../../map/controller.js';
import { SEVERITY_COLOURS } from './severity.js';
import { StatsCharts } from './StatsCharts.js';
import type { ConflictSort, MultiplanModel } from './use-multiplan.js';

interface ResultsViewProps {
  model: MultiplanModel;
  controller: MapController | null;
  /** Told the file name of each download started. */
  onExported: (fileName: string) => void;
}

const m2 = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function side(layer: string | null, cls: string | null, name: string | null): string {
  if (!layer) return '';
  return `${layer}: ${cls ?? '—'}${name && name !== cls ? ` ${name}` : ''}`;
}

/** Totals, charts, the conflict list (a click flies there and opens its attributes) and exports. */
export function ResultsView({ model, controller, onExported }: ResultsViewProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { summary, resultLayer } = model;
  if (!summary || !resultLayer) return <Empty description={t('multiplan.results.empty')} />;

  const open = (row: ConflictRow): void => {
    controller?.select({ layer: resultLayer, fid: row.fid, properties: row.properties });
    if (row.bbox) void controller?.flyToContext(row.bbox);
  };
  const exportAs = (format: DownloadFormat): void => {
    if (format === 'pdf') {
      const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
      void downloadReport(api, controller, resultLayer, lang, (err) => void message.error(errorText(err)));
    } else {
      api.download(resultLayer, format, {});
    }
    onExported(`${resultLayer}.${DOWNLOAD_EXTENSION[format]}`);
  };

  return (
    <div data-testid="multiplan-results">
      <Typography.Title level={5} data-testid="multiplan-summary">
        {resultLayer}:{' '}
        {t('multiplan.results.summary', { count: summary.conflicts.count, area: m2(summary.conflicts.areaM2) })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('multiplan.results.sliver', {
          area: summary.sliver.minAreaM2,
          width: summary.sliver.minWidthM,
          count: summary.sliver.dropped,
        })}
      </Typography.Paragraph>
      {summary.problemCount > 0 && (
        <Alert type="warning" showIcon title={t('multiplan.results.problems', { count: summary.problemCount })} />
      )}
      <Space wrap className="cim-multiplan-actions">
        <Button data-testid="multiplan-export-gpkg" onClick={() => exportAs('gpkg')}>
          {t('multiplan.results.exportGpkg')}
        </Button>
        <Button data-testid="multiplan-export-csv" onClick={() => exportAs('csv')}>
          {t('multiplan.results.exportCsv')}
        </Button>
        <Button type="primary" data-testid="multiplan-export-pdf" onClick={() => exportAs('pdf')}>
          {t('multiplan.results.exportPdf')}
        </Button>
      </Space>
      <Table<ConflictRow>
        size="small"
        rowKey="fid"
        data-testid="conflict-table"
        dataSource={model.rows}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        onRow={(row) =>
          ({
            onClick: () => open(row),
            'data-testid': `conflict-row-${String(row.fid)}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          model.setSort((s?.columnKey === 'severity' ? 'severity' : 'area') satisfies ConflictSort);
        }}
        columns={[
          {
            key: 'severity',
            title: t('multiplan.results.severity'),
            width: 80,
            sorter: true,
            sortOrder: model.sort === 'severity' ? 'ascend' : null,
            render: (_v, r) =>
              r.severity ? (
                <Tag color={SEVERITY_COLOURS[r.severity]}>{t(`multiplan.severity.${r.severity}`)}</Tag>
              ) : (
                '—'
              ),
          },
          { key: 'rule', title: t('multiplan.results.rule'), width: 60, render: (_v, r) => r.ruleId ?? '—' },
          { key: 'a', title: t('multiplan.results.sideA'), render: (_v, r) => side(r.layerA, r.classA, r.nameA) },
          { key: 'b', title: t('multiplan.results.sideB'), render: (_v, r) => side(r.layerB, r.classB, r.nameB) },
          { key: 'district', title: t('multiplan.results.district'), width: 80, render: (_v, r) => r.district ?? '' },
          {
            key: 'area',
            title: t('multiplan.results.area'),
            width: 110,
            align: 'right',
            sorter: true,
            sortOrder: model.sort === 'area' ? 'descend' : null,
            render: (_v, r) => m2(r.areaM2),
          },
        ]}
      />
      <StatsCharts summary={summary} />
    </div>
  );
}
