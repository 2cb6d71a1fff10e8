import { Alert, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEMO_CITY_SUNLIGHT } from '../../../layers/sunlight.js';
import type { LayerEntry } from '../../../common/contract/index.js';

export interface SunlightSetupValue {
  buildings: string | undefined;
  facades: string | undefined;
  facadeUse: string;
  radiusM: number;
  spacing: number;
  lowestFloorOnly: boolean;
  date: string;
  window: 'dahan' | 'dongzhi';
  refraction: boolean;
  climateZone: 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII';
  population: 'ge50' | 'lt50';
  terrain: string | undefined;
  scheme: string | undefined;
}

const POLYGONAL = new Set(['POLYGON', 'MULTIPOLYGON']);

export function buildingLayers(layers: readonly LayerEntry[]): LayerEntry[] {
  return layers.filter(
    (l) =>
      (l.kind === 'vector' &&
        POLYGONAL.has(l.geometryType) &&
        l.fields.some((f) => f.name === 'height_m' || f.name === 'floors')) ||
      (l.kind === 'tiles3d' && (l.tiles?.sourceLayers.length ?? 0) > 0),
  );
}

/** Scheme candidates: footprints with heights, or a placed model (a 3D Tiles layer with no source layers). */
function schemeLayers(layers: readonly LayerEntry[]): LayerEntry[] {
  return [
    ...buildingLayers(layers).filter((l) => l.kind === 'vector'),
    ...layers.filter((l) => l.kind === 'tiles3d' && (l.tiles?.sourceLayers.length ?? 0) === 0),
  ];
}

export function defaultSetup(layers: readonly LayerEntry[]): SunlightSetupValue {
  const candidates = buildingLayers(layers);
  const footprints = candidates.filter((l) => l.kind === 'vector').sort((a, b) => b.order - a.order);
  const tiles = candidates.find((l) => l.kind === 'tiles3d');
  return {
    buildings: tiles?.name ?? footprints[0]?.name,
    facades: footprints.find((l) => l.name === tiles?.tiles?.sourceLayers.at(-1))?.name ?? footprints[0]?.name,
    facadeUse: '住宅',
    radiusM: 150,
    spacing: 3,
    lowestFloorOnly: true,
    // 大寒 falls on 20 January in 2023-2030 (the back end checks and notes any other day).
    date: `${String(new Date().getFullYear())}-01-20`,
    window: 'dahan',
    refraction: false,
    climateZone: DEMO_CITY_SUNLIGHT.zone,
    population: DEMO_CITY_SUNLIGHT.population,
    terrain: layers.find((l) => l.kind === 'terrain')?.name,
    scheme: undefined,
  };
}

interface Props {
  layers: readonly LayerEntry[];
  value: SunlightSetupValue;
  onChange: (v: SunlightSetupValue) => void;
  disabled: boolean;
}

/** The site, the day and window, the standard's row, and the scheme; the conventions in words. */
export function SunlightSetup({ layers, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<SunlightSetupValue>): void => onChange({ ...value, ...patch });
  const options = (list: readonly LayerEntry[]) => list.map((l) => ({ value: l.name, label: l.title }));
  return (
    <Form layout="vertical" disabled={disabled} data-testid="sunlight-setup" size="small">
      <Alert
        type="info"
        showIcon
        data-testid="sunlight-conventions"
        title={t('sunlight.conventions.title')}
        description={t('sunlight.conventions.text')}
      />
      <div className="cim-sunlight-row">
        <Form.Item label={t('sunlight.buildings')}>
          <Select
            data-testid="sunlight-buildings"
            value={value.buildings}
            onChange={(v: string) => set({ buildings: v })}
            options={options(buildingLayers(layers))}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.facades')}>
          <Select
            data-testid="sunlight-facades"
            value={value.facades}
            onChange={(v: string) => set({ facades: v })}
            options={options(buildingLayers(layers).filter((l) => l.kind === 'vector'))}
          />
        </Form.Item>
      </div>
      <div className="cim-sunlight-row">
        <Form.Item label={t('sunlight.facadeUse')}>
          <Input
            data-testid="sunlight-use"
            value={value.facadeUse}
            onChange={(e) => set({ facadeUse: e.target.value })}
            style={{ width: 90 }}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.radius')}>
          <InputNumber
            data-testid="sunlight-radius"
            min={20}
            max={2000}
            step={50}
            value={value.radiusM}
            onChange={(v) => set({ radiusM: v ?? 150 })}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.spacing')}>
          <InputNumber min={1} max={50} value={value.spacing} onChange={(v) => set({ spacing: v ?? 3 })} />
        </Form.Item>
        <Form.Item label=" ">
          <Checkbox checked={value.lowestFloorOnly} onChange={(e) => set({ lowestFloorOnly: e.target.checked })}>
            {t('sunlight.lowestFloorOnly')}
          </Checkbox>
        </Form.Item>
      </div>
      <div className="cim-sunlight-row">
        <Form.Item label={t('sunlight.date')}>
          <Input
            data-testid="sunlight-date"
            value={value.date}
            onChange={(e) => set({ date: e.target.value })}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.window')}>
          <Select
            data-testid="sunlight-window"
            value={value.window}
            onChange={(v: 'dahan' | 'dongzhi') => set({ window: v })}
            options={[
              { value: 'dahan', label: t('sunlight.windows.dahan') },
              { value: 'dongzhi', label: t('sunlight.windows.dongzhi') },
            ]}
          />
        </Form.Item>
        <Form.Item label=" ">
          <Checkbox checked={value.refraction} onChange={(e) => set({ refraction: e.target.checked })}>
            {t('sunlight.refraction')}
          </Checkbox>
        </Form.Item>
      </div>
      <div className="cim-sunlight-row">
        <Form.Item label={t('sunlight.climateZone')}>
          <Select
            value={value.climateZone}
            onChange={(v: SunlightSetupValue['climateZone']) => set({ climateZone: v })}
            options={(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'] as const).map((z) => ({ value: z, label: z }))}
            style={{ width: 80 }}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.population')}>
          <Select
            value={value.population}
            onChange={(v: 'ge50' | 'lt50') => set({ population: v })}
            options={[
              { value: 'ge50', label: t('sunlight.populations.ge50') },
              { value: 'lt50', label: t('sunlight.populations.lt50') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('sunlight.terrain')}>
          <Select
            allowClear
            placeholder={t('sunlight.flat')}
            value={value.terrain}
            onChange={(v?: string) => set({ terrain: v })}
            options={options(layers.filter((l) => l.kind === 'terrain'))}
          />
        </Form.Item>
      </div>
      <Form.Item label={t('sunlight.scheme')} style={{ marginTop: 4 }}>
        <Select
          allowClear
          data-testid="sunlight-scheme"
          placeholder={t('sunlight.noScheme')}
          value={value.scheme}
          onChange={(v?: string) => set({ scheme: v })}
          options={options(schemeLayers(layers))}
        />
      </Form.Item>
    </Form>
  );
}
