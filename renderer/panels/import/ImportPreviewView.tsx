import { Descriptions, Form, Input, Select, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BBoxLonLat, ImportPreview, PreviewLayer } from '../../../main/api/contract.js';
import { cellText } from '../../format/cell-value.js';
import { isValidLayerName } from './layer-name.js';

interface ImportPreviewViewProps {
  preview: ImportPreview;
  layer: PreviewLayer;
  name: string;
  disabled: boolean;
  onSelectLayer: (sourceLayer: string) => void;
  onName: (name: string) => void;
}

function bboxText(bbox: BBoxLonLat | null): string {
  return bbox ? bbox.map((value) => value.toFixed(6)).join(', ') : '—';
}

/** What the file holds, before anything is written: format, count, fields, CRS, extent, rows. */
export function ImportPreviewView({ preview, layer, name, disabled, onSelectLayer, onName }: ImportPreviewViewProps) {
  const { t } = useTranslation();
  const nameValid = isValidLayerName(name);
  const words = { empty: '', yes: t('attributes.true'), no: t('attributes.false') };
  const sampleRows = layer.sample.map((row, index) => ({ ...row, __row: index }));

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
          {
            key: 'count',
            label: t('import.featureCount'),
            children: <span data-testid="preview-count">{layer.featureCount}</span>,
          },
          { key: 'geometry', label: t('layers.geometry'), children: t(`geometry.${layer.geometryType}`) },
          { key: 'crs', label: t('import.crs'), children: <span data-testid="preview-crs">{layer.crs}</span> },
          { key: 'bbox', label: t('import.bbox'), children: bboxText(layer.bbox), span: 3 },
        ]}
      />
      <Form layout="inline" className="cim-import-options">
        {preview.layers.length > 1 && (
          <Form.Item label={t('import.sourceLayer')}>
            <Select
              style={{ minWidth: 200 }}
              disabled={disabled}
              value={layer.sourceLayer}
              onChange={onSelectLayer}
              options={preview.layers.map((l) => ({
                value: l.sourceLayer,
                label: t('import.layerOption', { layer: l.sourceLayer, count: l.featureCount }),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={t('import.targetName')}
          validateStatus={nameValid ? undefined : 'error'}
          help={nameValid ? undefined : t('import.nameRule')}
        >
          <Input
            data-testid="import-name"
            style={{ width: 240 }}
            disabled={disabled}
            value={name}
            onChange={(event) => onName(event.target.value)}
          />
        </Form.Item>
      </Form>
      <Tabs
        size="small"
        items={[
          {
            key: 'fields',
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
        ]}
      />
    </div>
  );
}
