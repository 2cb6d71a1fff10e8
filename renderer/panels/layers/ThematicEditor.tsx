import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry, ThematicStyle } from '../../../common/contract/index.js';

interface ThematicEditorProps {
  entry: LayerEntry;
  onChange: (thematic: ThematicStyle | null) => void;
}

const METHODS: ThematicStyle['method'][] = ['landuse', 'categories', 'ramp'];
/** Fields that usually hold 用地用海分类 codes. */
const LANDUSE_FIELD = /^(yddm|dlbm|ydbm|用地代码|地类编码|用地编码|landuse)$/i;

function defaultMethod(entry: LayerEntry, field: string): ThematicStyle['method'] {
  if (LANDUSE_FIELD.test(field)) return 'landuse';
  const type = entry.fields.find((f) => f.name === field)?.type;
  return type === 'INTEGER' || type === 'REAL' ? 'ramp' : 'categories';
}

/** Colour by a field (QGIS's categorized / graduated renderers, and the land-use standard's colours). */
export function ThematicEditor({ entry, onChange }: ThematicEditorProps) {
  const { t } = useTranslation();
  const current = entry.style.thematic ?? null;
  return (
    <Space size="small" wrap className="cim-style-row" data-testid={`thematic-${entry.name}`}>
      <span>{t('layers.thematic')}</span>
      <Select
        size="small"
        style={{ width: 120 }}
        data-testid={`thematic-field-${entry.name}`}
        value={current?.field ?? ''}
        options={[
          { value: '', label: t('layers.thematicNone') },
          ...entry.fields.map((f) => ({ value: f.name, label: f.name })),
        ]}
        onChange={(field: string) => onChange(field === '' ? null : { field, method: defaultMethod(entry, field) })}
      />
      {current && (
        <Select
          size="small"
          style={{ width: 120 }}
          data-testid={`thematic-method-${entry.name}`}
          value={current.method}
          // a style made in the style editor shows its kind here (changing it starts a palette style)
          options={(METHODS.includes(current.method) ? METHODS : [...METHODS, current.method]).map((m) => ({
            value: m,
            label: t(`layers.method.${m}`),
          }))}
          onChange={(method: ThematicStyle['method']) => onChange({ field: current.field, method })}
        />
      )}
    </Space>
  );
}
