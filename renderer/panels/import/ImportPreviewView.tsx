import { Alert, Descriptions, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BBoxLonLat, ImportPreview, PreviewLayer } from '../../../common/contract/index.js';
import { cellText } from '../../format/cell-value.js';
import { ImportOptionsForm } from './ImportOptionsForm.js';
import { TiledOptionsView } from './TiledOptionsView.js';
import type { ImportChoices } from './use-import-flow.js';

interface ImportPreviewViewProps {
  preview: ImportPreview;
  layer: PreviewLayer;
  name: string;
  choices: ImportChoices;
  disabled: boolean;
  onSelectLayer: (sourceLayer: string) => void;
  onName: (name: string) => void;
  onChoose: (patch: ImportChoices) => void;
  /** The camera's point on the ground (a model's default place). */
  defaultPlace: () => { lon: number; lat: number } | null;
}

function bboxText(bbox: BBoxLonLat | null): string {
  return bbox ? bbox.map((value) => value.toFixed(6)).join(', ') : '—';
}

/** What the file holds, before anything is written: format, count, fields, CRS, extent, rows. */
export function ImportPreviewView(props: ImportPreviewViewProps) {
  const { preview, layer } = props;
  const { t } = useTranslation();
  const words = { empty: '', yes: t('attributes.true'), no: t('attributes.false') };
  const sampleRows = layer.sample.map((row, index) => ({ ...row, __row: index }));
  const crs = layer.crsKnown ? (
    <span data-testid="preview-crs">{layer.crs}</span>
  ) : (
    <Tag color="error" data-testid="preview-crs-unknown">
      {layer.crs ? t('import.crsUnknownNamed', { name: layer.crs }) : t('import.crsUnknown')}
    </Tag>
  );

  const raster = layer.tiled?.raster !== undefined;
  return (
    <div className="cim-import-preview" data-testid="import-preview">
      <Descriptions
        size="small"
        bordered
        column={3}
        items={[
          { key: 'file', label: t('import.file'), children: preview.fileName, span: 2 },
          {
            key: 'format',
            label: t('import.format'),
            children: <span data-testid="preview-format">{t(`import.formats.${preview.format}`)}</span>,
          },
          // a raster has no features, fields or text encoding: its facts are in the raster table
          ...(raster
            ? []
            : [
                {
                  key: 'count',
                  label: t('import.featureCount'),
                  children: <span data-testid="preview-count">{layer.featureCount}</span>,
                },
                { key: 'geometry', label: t('layers.geometry'), children: t(`geometry.${layer.geometryType}`) },
              ]),
          { key: 'crs', label: t('import.crs'), children: crs },
          ...(raster
            ? []
            : [
                {
                  key: 'encoding',
                  label: t('import.encoding'),
                  children: <span data-testid="preview-encoding">{layer.encoding ?? '—'}</span>,
                },
              ]),
          { key: 'bbox', label: t('import.bbox'), children: bboxText(layer.bbox), span: raster ? 3 : 2 },
        ]}
      />
      {layer.warnings.map((w) => (
        <Alert key={w} type="info" showIcon data-testid={`preview-warning-${w}`} title={t(`import.warnings.${w}`)} />
      ))}
      <ImportOptionsForm {...props} />
      {layer.tiled && (
        <TiledOptionsView
          layer={layer}
          tiled={layer.tiled}
          choices={props.choices}
          disabled={props.disabled}
          defaultPlace={props.defaultPlace}
          onChoose={props.onChoose}
        />
      )}
      {!raster && (
        <Tabs
          size="small"
          items={[
            {
              key: 'fields',
              forceRender: true,
              label: t('import.fields', { count: layer.fields.length }),
              children: (
                <Table
                  size="small"
                  data-testid="preview-fields"
                  rowKey="name"
                  pagination={false}
                  scroll={{ y: 150 }}
                  dataSource={layer.fields}
                  columns={[
                    { key: 'name', dataIndex: 'name', title: t('import.fieldName') },
                    { key: 'type', dataIndex: 'type', title: t('import.fieldType') },
                  ]}
                />
              ),
            },
            {
              key: 'sample',
              forceRender: true,
              label: t('import.sample', { count: layer.sample.length }),
              children: (
                <Table
                  size="small"
                  data-testid="preview-sample"
                  rowKey="__row"
                  pagination={false}
                  scroll={{ x: 'max-content', y: 150 }}
                  dataSource={sampleRows}
                  columns={layer.fields.map((field) => ({
                    key: field.name,
                    title: field.name,
                    render: (_: unknown, row: Record<string, unknown>) => cellText(row[field.name], words),
                  }))}
                />
              ),
            },
            {
              key: 'skipped',
              label: t('import.repairs', { count: layer.skipped.length }),
              children: (
                <div data-testid="preview-skipped" className="cim-import-skipped">
                  {layer.skipped.length === 0
                    ? t('import.noRepairs')
                    : layer.skipped.map((s) => (
                        <div key={`${String(s.record)}-${s.reason}`} className="cim-muted">
                          {t('import.skippedRecord', { record: s.record, reason: t(`errors:skipped.${s.reason}`) })}
                        </div>
                      ))}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
