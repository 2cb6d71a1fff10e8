/**
 * Thematic styles resolved to colours: one pure function of a style and the field's summary,
 * used by the map adapters (which turn the hex colours into Cesium colours) and by the legend,
 * so both always agree. No Cesium, no DOM.
 */
import type {
  ClassSymbol,
  FieldSummary,
  RuleCondition,
  StyleRule,
  ThematicStyle,
} from '../../common/contract/index.js';
import { landUseClass } from '../../layers/landuse.js';

export interface LegendItem {
  /** The value as stored (a code, a category, or a range label's lower bound). */
  value: string | number | null;
  label: string;
  colour: string;
  count: number | null;
}

export interface ResolvedThematic {
  field: string;
  method: ThematicStyle['method'];
  colourOf(value: unknown): string;
  /**
   * How one feature draws, from all its attributes (rules look at several fields): its class's
   * colour and, where the class has them, its own opacity and outline; null when no class
   * takes it (QGIS then draws nothing).
   */
  symbolOf(properties: Readonly<Record<string, unknown>>): ClassSymbol | null;
  legend: LegendItem[];
  /** For `ramp`: the bin edges, `legend.length + 1` of them. */
  breaks: number[];
}

/** ColorBrewer Set3 + Dark2, distinguishable on imagery. */
export const CATEGORY_PALETTE = [
  '#8dd3c7',
  '#fb8072',
  '#80b1d3',
  '#fdb462',
  '#b3de69',
  '#fccde5',
  '#bc80bd',
  '#ccebc5',
  '#ffed6f',
  '#1b9e77',
  '#d95f02',
  '#7570b3',
];

/** ColorBrewer RdYlBu reversed: low values cool, high warm. */
export const RAMP = ['#4575b4', '#74add1', '#abd9e9', '#e0f3f8', '#fee090', '#fdae61', '#f46d43', '#d73027'];

export const OTHER_COLOUR = '#9aa0a6';
const MAX_LEGEND = 14;

function key(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function landuse(style: ThematicStyle, summary: FieldSummary | null, language: string): ByValue {
  const byCode = new Map<string, LegendItem>();
  for (const { value, count } of summary?.values ?? []) {
    const cls = landUseClass(key(value));
    const code = cls?.code ?? key(value);
    const current = byCode.get(code);
    if (current) current.count = (current.count ?? 0) + count;
    else {
      const name = cls ? (language.startsWith('zh') ? cls.nameZh : cls.nameEn) : key(value) || '—';
      byCode.set(code, {
        value: code,
        label: cls ? `${cls.code} ${name}` : name,
        colour: cls?.colour ?? OTHER_COLOUR,
        count,
      });
    }
  }
  const legend = [...byCode.values()].sort((a, b) => String(a.value).localeCompare(String(b.value)));
  return {
    field: style.field,
    method: 'landuse',
    colourOf: (value) => landUseClass(key(value))?.colour ?? OTHER_COLOUR,
    legend,
    breaks: [],
  };
}

function categories(style: ThematicStyle, summary: FieldSummary | null): ByValue {
  const fixed = style.colours ?? {};
  const colours = new Map<string, string>(Object.entries(fixed));
  let next = 0;
  const values = summary?.values ?? Object.keys(fixed).map((value) => ({ value, count: 0 }));
  for (const { value } of values) {
    const k = key(value);
    if (k === '' || colours.has(k)) continue;
    if (next < CATEGORY_PALETTE.length) colours.set(k, CATEGORY_PALETTE[next++] ?? OTHER_COLOUR);
  }
  const counted = new Map(values.map((v) => [key(v.value), v.count]));
  const legend: LegendItem[] = [...colours]
    .slice(0, MAX_LEGEND)
    .map(([value, colour]) => ({ value, label: value, colour, count: counted.get(value) ?? null }));
  return {
    field: style.field,
    method: 'categories',
    colourOf: (value) => colours.get(key(value)) ?? OTHER_COLOUR,
    legend,
    breaks: [],
  };
}

/** Rounds a bin edge to two significant digits below its magnitude, so legends read 10–20, not 9.73–19.46. */
function niceNumber(value: number): number {
  if (value === 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(Math.abs(value)) - 1);
  return Math.round(value / magnitude) * magnitude;
}

function ramp(style: ThematicStyle, summary: FieldSummary | null): ByValue {
  const min = style.min ?? summary?.min ?? 0;
  const max = Math.max(style.max ?? summary?.max ?? 1, min + Number.EPSILON);
  const bins = RAMP.length;
  const breaks = Array.from({ length: bins + 1 }, (_, i) =>
    i === 0 ? min : i === bins ? max : niceNumber(min + ((max - min) * i) / bins),
  );
  const binOf = (v: number): number => {
    for (let i = bins - 1; i >= 0; i--) if (v >= (breaks[i] ?? 0)) return i;
    return 0;
  };
  const legend = RAMP.map((colour, i) => ({
    value: breaks[i] ?? 0,
    label: `${String(breaks[i])} – ${String(breaks[i + 1])}`,
    colour,
    count: null,
  }));
  return {
    field: style.field,
    method: 'ramp',
    colourOf: (value) => {
      const v = typeof value === 'number' ? value : Number(value);
      return value === null || value === undefined || !Number.isFinite(v)
        ? OTHER_COLOUR
        : (RAMP[binOf(v)] ?? OTHER_COLOUR);
    },
    legend,
    breaks,
  };
}

/** The palette methods colour by one field and draw every feature. */
type ByValue = Omit<ResolvedThematic, 'symbolOf'>;
function byValue(r: ByValue): ResolvedThematic {
  return { ...r, symbolOf: (properties) => ({ colour: r.colourOf(properties[r.field]) }) };
}

function symbolPart(c: ClassSymbol): ClassSymbol {
  const out: ClassSymbol = { colour: c.colour };
  if (c.opacity !== undefined) out.opacity = c.opacity;
  if (c.outlineColour !== undefined) out.outlineColour = c.outlineColour;
  if (c.outlineWidthPx !== undefined) out.outlineWidthPx = c.outlineWidthPx;
  return out;
}

/** QGIS's categorized renderer: a class per value; the empty-value class takes all others. */
function categorized(style: ThematicStyle, summary: FieldSummary | null): ResolvedThematic {
  const cats = style.categories ?? [];
  const byKey = new Map(cats.filter((c) => c.value !== null).map((c) => [key(c.value), symbolPart(c)]));
  const otherCat = cats.find((c) => c.value === null);
  const other = otherCat ? symbolPart(otherCat) : null;
  const counted = new Map((summary?.values ?? []).map((v) => [key(v.value), v.count]));
  const symbolOfValue = (value: unknown): ClassSymbol | null => byKey.get(key(value)) ?? other;
  const legend: LegendItem[] = cats.map((c) => ({
    value: c.value,
    label: c.label || (c.value === null ? '' : String(c.value)),
    colour: c.colour,
    count:
      c.value === null
        ? (summary?.values ?? []).filter((v) => !byKey.has(key(v.value))).reduce((n, v) => n + v.count, 0)
        : (counted.get(key(c.value)) ?? 0),
  }));
  return {
    field: style.field,
    method: 'categorized',
    colourOf: (value) => symbolOfValue(value)?.colour ?? OTHER_COLOUR,
    symbolOf: (properties) => symbolOfValue(properties[style.field]),
    legend,
    breaks: [],
  };
}

/** QGIS's graduated renderer: lower < v <= upper, the lowest range closed at its lower bound. */
function graduated(style: ThematicStyle): ResolvedThematic {
  const ranges = [...(style.ranges ?? [])].sort((a, b) => a.lower - b.lower);
  const symbols = ranges.map(symbolPart);
  const symbolOfValue = (value: unknown): ClassSymbol | null => {
    if (value === null || value === undefined || value === '') return null;
    const v = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(v)) return null;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i];
      if (r && (v > r.lower || (i === 0 && v >= r.lower)) && v <= r.upper) return symbols[i] ?? null;
    }
    return null;
  };
  return {
    field: style.field,
    method: 'graduated',
    colourOf: (value) => symbolOfValue(value)?.colour ?? OTHER_COLOUR,
    symbolOf: (properties) => symbolOfValue(properties[style.field]),
    legend: ranges.map((r) => ({ value: r.lower, label: r.label, colour: r.colour, count: null })),
    breaks: ranges.length > 0 ? [...ranges.map((r) => r.lower), ranges[ranges.length - 1]?.upper ?? 0] : [],
  };
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** One condition on a feature: numbers compare as numbers when both sides are, text as text. */
export function conditionHolds(c: RuleCondition, properties: Readonly<Record<string, unknown>>): boolean {
  const actual = properties[c.field];
  if (actual === null || actual === undefined) return c.op === 'ne';
  const a = asNumber(actual);
  const b = asNumber(c.value);
  const cmp = a !== null && b !== null ? a - b : key(actual).localeCompare(key(c.value));
  switch (c.op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'lt':
      return cmp < 0;
    case 'lte':
      return cmp <= 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
  }
}

/** The rule a feature draws with: the first that holds, else the ELSE rule, else none. */
export function ruleFor(rules: readonly StyleRule[], properties: Readonly<Record<string, unknown>>): StyleRule | null {
  for (const r of rules) if (!r.else && r.conditions.every((c) => conditionHolds(c, properties))) return r;
  return rules.find((r) => r.else) ?? null;
}

function rules(style: ThematicStyle): ResolvedThematic {
  const list = style.rules ?? [];
  const symbols = new Map(list.map((r) => [r, symbolPart(r)]));
  const symbolOf = (properties: Readonly<Record<string, unknown>>): ClassSymbol | null => {
    const r = ruleFor(list, properties);
    return r ? (symbols.get(r) ?? null) : null;
  };
  return {
    field: style.field,
    method: 'rules',
    colourOf: (value) => symbolOf({ [style.field]: value })?.colour ?? OTHER_COLOUR,
    symbolOf,
    legend: list.map((r) => ({ value: null, label: r.label, colour: r.colour, count: null })),
    breaks: [],
  };
}

export function resolveThematic(
  style: ThematicStyle,
  summary: FieldSummary | null,
  language: string,
): ResolvedThematic {
  switch (style.method) {
    case 'landuse':
      return byValue(landuse(style, summary, language));
    case 'categories':
      return byValue(categories(style, summary));
    case 'ramp':
      return byValue(ramp(style, summary));
    case 'categorized':
      return categorized(style, summary);
    case 'graduated':
      return graduated(style);
    case 'rules':
      return rules(style);
  }
}
