/**
 * Numbers as a planner reads them: rounded by the unit their field holds, grouped, with the
 * unit (`base_height_m 120.90133815686653` -> `120.9 m`, `area_m2 8756.999999967637` ->
 * `8,757.0 m²`). The unit comes from the field name's suffix (`_m`, `_m2`, `_mm`, `_pct`),
 * the naming rule of our tables (STYLE.md: names say the unit). Environment: common.
 */
export type FieldUnit = 'm' | 'm2' | 'mm' | 'pct' | 'count' | null;

interface UnitRule {
  digits: number;
  suffix: string;
}

const RULES: Record<Exclude<FieldUnit, null>, UnitRule> = {
  // survey and model heights are good to a decimetre; areas to a tenth of a square metre
  m: { digits: 1, suffix: ' m' },
  m2: { digits: 1, suffix: ' m²' },
  mm: { digits: 0, suffix: ' mm' },
  pct: { digits: 1, suffix: ' %' },
  count: { digits: 0, suffix: '' },
};

const COUNT_FIELDS = new Set(['floors', 'count', 'build_year', 'laid_year']);

export function unitOfField(field: string): FieldUnit {
  const name = field.toLowerCase();
  if (COUNT_FIELDS.has(name)) return 'count';
  if (name.endsWith('_m2')) return 'm2';
  if (name.endsWith('_mm')) return 'mm';
  if (name.endsWith('_m')) return 'm';
  if (name.endsWith('_pct')) return 'pct';
  return null;
}

/** A number of this field for display; other values are the caller's to show. */
export function formatNumber(field: string, value: number): string {
  const unit = unitOfField(field);
  if (unit === 'count') return String(Math.round(value));
  if (unit === null) {
    // no unit known: at most 3 decimals, no float noise (0.30000000000000004 -> 0.3)
    return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  }
  const rule = RULES[unit];
  return (
    value.toLocaleString('en-US', { minimumFractionDigits: rule.digits, maximumFractionDigits: rule.digits }) +
    rule.suffix
  );
}
