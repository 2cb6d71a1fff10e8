import { Checkbox, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry, MultiplanStart } from '../../../common/contract/index.js';
import { CLASS_FIELD_CANDIDATES } from '../../../layers/plan-rules.js';

interface SetupFormProps {
  layers: readonly LayerEntry[];
  value: MultiplanStart;
  onChange: (value: MultiplanStart) => void;
  disabled: boolean;
}

const POLYGONAL = new Set(['POLYGON', 'MULTIPOLYGON', 'GEOMETRY']);

/** The class field the engine would pick: the first of CLASS_FIELD_CANDIDATES the layer has. */
function defaultClassField(entry: LayerEntry | undefined): string | undefined {
  return CLASS_FIELD_CANDIDATES.find((c) => entry?.fields.some((f) => f.name === c));
}

export function polygonLayers(layers: readonly LayerEntry[]): LayerEntry[] {
  return layers.filter((l) => l.kind === 'vector' && POLYGONAL.has(l.geometryType) && l.style.thematic?.hatch !== true);
}

/** Which layers, which class field of each, slivers and districts. */
export function SetupForm({ layers, value, onChange, disabled }: SetupFormProps) {
  const { t } = useTranslation();
  const candidates = polygonLayers(layers);
  const byName = new Map(layers.map((l) => [l.name, l]));
  const set = (patch: Partial<MultiplanStart>): void => onChange({ ...value, ...patch });
  return (
    <Form layout="vertical" disabled={disabled} data-testid="multiplan-setup">
      <Form.Item label={t('multiplan.layers')}>
        <Select
          mode="multiple"
          data-testid="multiplan-layers"
          value={value.layers}
          onChange={(names: string[]) => set({ layers: names })}
          options={candidates.map((l) => ({ value: l.name, label: l.title }))}
        />
      </Form.Item>
      {value.layers.map((name) => {
        const entry = byName.get(name);
        return (
          <Form.Item key={name} label={t('multiplan.classField', { layer: entry?.title ?? name })}>
            <Select
              data-testid={`multiplan-class-${name}`}
              value={value.classFields?.[name] ?? defaultClassField(entry)}
              onChange={(field: string) => set({ classFields: { ...value.classFields, [name]: field } })}
              options={(entry?.fields ?? [])
                .filter((f) => f.type === 'TEXT' || f.type === 'INTEGER')
                .map((f) => ({ value: f.name, label: f.name }))}
            />
          </Form.Item>
        );
      })}
      <Form.Item>
        <Checkbox checked={value.allPairs === true} onChange={(e) => set({ allPairs: e.target.checked })}>
          {t('multiplan.allPairs')}
        </Checkbox>
      </Form.Item>
      <div className="cim-multiplan-row">
        <Form.Item label={t('multiplan.minArea')}>
          <InputNumber
            min={0}
            step={0.5}
            value={value.minAreaM2 ?? 1}
            onChange={(v) => set({ minAreaM2: v ?? undefined })}
          />
        </Form.Item>
        <Form.Item label={t('multiplan.minWidth')}>
          <InputNumber
            min={0}
            step={0.05}
            value={value.minWidthM ?? 0.1}
            onChange={(v) => set({ minWidthM: v ?? undefined })}
          />
        </Form.Item>
        <Form.Item label={t('multiplan.districtLayer')}>
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('multiplan.none')}
            value={value.districtLayer}
            onChange={(name?: string) => set({ districtLayer: name })}
            options={candidates
              .filter((l) => !value.layers.includes(l.name))
              .map((l) => ({ value: l.name, label: l.title }))}
          />
        </Form.Item>
      </div>
    </Form>
  );
}
