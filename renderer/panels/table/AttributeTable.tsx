import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Input, Space, Table, type TableProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { fieldLabel } from '../../../layers/field-aliases.js';
import { useApi } from '../../app/api-context.js';
import { useMapEvent } from '../../app/use-map-event.js';
import { useNotifyError } from '../../app/use-notify-error.js';
import { fieldValueText } from '../../format/field-value.js';
import type { MapController } from '../../map/controller.js';
import { compareValues, filterRows, rowsOf, rowsToCsv, type TableRow } from './table-rows.js';

interface AttributeTableProps {
  layer: string;
  layers: LayerEntry[];
  controller: MapController | null;
  onClose: () => void;
}

const TABLE_HEIGHT_PX = 200;

/**
 * A layer's attribute table under the map (QGIS's): every feature, virtualised, sortable by
 * any column, filtered by a text, exported as CSV. A row click selects the feature on the
 * globe and flies to it; a feature picked on the globe is selected and scrolled to here.
 */
export function AttributeTable({ layer, layers, controller, onClose }: AttributeTableProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notifyError = useNotifyError();
  const { message } = AntApp.useApp();
  const entry = layers.find((l) => l.name === layer);
  const [rows, setRows] = useState<TableRow[] | null>(null);
  const [query, setQuery] = useState('');
  // the feature picked before the table opened is its selected row from the start
  const picked = useMapEvent(controller, 'pick', controller?.selected() ?? null);
  const tableRef = useRef<{ scrollTo: (config: { key: React.Key }) => void } | null>(null);

  useEffect(() => {
    let live = true;
    fetch(api.featuresUrl(layer))
      .then(async (response) => {
        if (!response.ok) throw new TypeError(`${layer}: HTTP ${String(response.status)}`);
        const all = rowsOf(await response.json());
        if (live) setRows(all);
      })
      .catch(notifyError);
    return () => {
      live = false;
    };
  }, [api, layer, notifyError]);

  const shown = useMemo(() => filterRows(rows ?? [], query), [rows, query]);
  const selectedKey = picked?.layer === layer ? picked.fid : null;
  useEffect(() => {
    if (selectedKey !== null && shown.some((r) => r.key === selectedKey))
      tableRef.current?.scrollTo({ key: selectedKey });
  }, [selectedKey, shown]);

  const fields = entry?.fields.map((f) => f.name) ?? Object.keys(rows?.[0]?.properties ?? {});
  const words = { empty: '—', yes: t('attributes.true'), no: t('attributes.false') };
  const columns: TableProps<TableRow>['columns'] = fields.map((name) => ({
    key: name,
    title: (
      <span title={name}>{fieldLabel(name, i18n.language, entry?.fields.find((f) => f.name === name)?.alias)}</span>
    ),
    width: 130,
    ellipsis: true,
    sorter: (a: TableRow, b: TableRow) => compareValues(a.properties[name], b.properties[name]),
    render: (_: unknown, row: TableRow) => fieldValueText(t, name, row.properties[name], words),
  }));

  const select = (row: TableRow): void => {
    controller?.select({ layer, fid: row.key, properties: row.properties });
    if (row.bbox) void controller?.flyToBBox(row.bbox);
  };

  const exportCsv = (): void => {
    const file = `${layer}.csv`;
    const url = URL.createObjectURL(new Blob([rowsToCsv(shown, fields)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    void message.success(t('table.exported', { file }));
  };

  return (
    <section className="cim-table" data-testid="attribute-table" data-layer={layer}>
      <div className="cim-table-bar">
        <strong>{t('table.title', { layer: entry?.title ?? layer })}</strong>
        <Space size="small">
          <Input.Search
            size="small"
            allowClear
            placeholder={t('table.filter')}
            data-testid="table-filter"
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: 200 }}
          />
          <span data-testid="table-count">{t('table.count', { shown: shown.length, total: rows?.length ?? 0 })}</span>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            data-testid="table-export"
            onClick={exportCsv}
            disabled={!rows}
          >
            {t('table.export')}
          </Button>
          <Button
            size="small"
            icon={<CloseOutlined />}
            data-testid="table-close"
            aria-label={t('table.close')}
            onClick={onClose}
          />
        </Space>
      </div>
      <Table<TableRow>
        ref={tableRef as never}
        virtual
        size="small"
        loading={rows === null}
        rowKey="key"
        columns={columns}
        dataSource={shown}
        pagination={false}
        scroll={{ x: Math.max(fields.length * 130, 600), y: TABLE_HEIGHT_PX }}
        rowClassName={(row) => (row.key === selectedKey ? 'cim-table-selected' : '')}
        onRow={(row) => ({ onClick: () => select(row), 'data-testid': `table-row-${String(row.key)}` }) as never}
      />
    </section>
  );
}
