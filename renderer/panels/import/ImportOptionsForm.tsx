import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, PreviewLayer } from '../../../common/contract/index.js';
import { ENCODINGS } from './crs-options.js';
import { CrsSelect } from './CrsSelect.js';
import { isValidLayerName } from './layer-name.js';
import type { ImportChoices } from './use-import-flow.js';

interface ImportOptionsFormProps {
  preview: ImportPreview;
  layer: PreviewLayer;
  name: string;
  choices: ImportChoices;
  disabled: boolean;
  onSelectLayer: (sourceLayer: string) => void;
  onName: (name: string) => void;
  onChoose: (patch: ImportChoices) => void;
}

/** What the user may set before importing: source layer, name, CRS, encoding, CSV columns. */
export function ImportOptionsForm(props: ImportOptionsFormProps) {
  const { preview, layer, name, choices, disabled, onSelectLayer, onName, onChoose } = props;
  const { t } = useTranslation();
  const nameValid = isValidLayerName(name);
  const crsValue = choices.crs ?? (layer.crsKnown ? layer.crs : null);
  const columns = layer.columns;
  const columnOptions = (columns?.all ?? []).map((c) => ({ value: c, label: c }));

  return (
    <Form layout="inline" className="cim-import-options">
      {preview.layers.length > 1 && (
        <Form.Item label={t('import.sourceLayer')}>
          <Select
            data-testid="import-source-layer"
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
      {/* Models and tilesets carry their place (or get one below), not a source CRS. */}
      {!layer.tiled?.needsPlacement && layer.crs !== 'EPSG:4978' && (
        <Form.Item
          label={t('import.sourceCrs')}
          help={
            !layer.crsKnown && layer.suggestedCrs ? t('import.suggestedCrs', { crs: layer.suggestedCrs }) : undefined
          }
        >
          <CrsSelect
            testId="import-crs"
            webMapOffsets
            disabled={disabled}
            status={layer.crsKnown ? undefined : 'error'}
            value={crsValue}
            onChange={(crs) => onChoose({ crs })}
          />
        </Form.Item>
      )}
      {layer.encoding !== null && (
        <Form.Item label={t('import.encoding')}>
          <Select
            data-testid="import-encoding"
            style={{ width: 150 }}
            disabled={disabled}
            value={choices.encoding ?? layer.encoding}
            onChange={(encoding: string) => onChoose({ encoding })}
            options={[...new Set([layer.encoding, ...ENCODINGS])].map((e) => ({ value: e, label: e }))}
          />
        </Form.Item>
      )}
      {columns && (
        <>
          <Form.Item label={t('import.xColumn')}>
            <Select
              data-testid="import-x"
              style={{ width: 140 }}
              disabled={disabled}
              value={columns.x}
              onChange={(xColumn: string) => onChoose({ xColumn, yColumn: columns.y ?? undefined })}
              options={columnOptions}
            />
          </Form.Item>
          <Form.Item label={t('import.yColumn')}>
            <Select
              data-testid="import-y"
              style={{ width: 140 }}
              disabled={disabled}
              value={columns.y}
              onChange={(yColumn: string) => onChoose({ yColumn, xColumn: columns.x ?? undefined })}
              options={columnOptions}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
