/**
 * Thematic styles resolved to colours: one pure function of a style and the field's summary,
 * used by the map adapters (which turn the hex colours into Cesium colours) and by the legend,
 * so both always agree. No Cesium, no DOM.
 */
import type { FieldSummary, ThematicStyle } from '../../common/contract/index.js';
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

function landuse(style: ThematicStyle, summary: FieldSummary | null, language: string): ResolvedThematic {
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

function categories(style: ThematicStyle, summary: FieldSummary | null): ResolvedThematic {
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

function ramp(style: ThematicStyle, summary: FieldSummary | null): ResolvedThematic {
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

export function resolveThematic(
  style: ThematicStyle,
  summary: FieldSummary | null,
  language: string,
): ResolvedThematic {
  switch (style.method) {
    case 'landuse':
      return landuse(style, summary, language);
    case 'categories':
      return categories(style, summary);
    case 'ramp':
      return ramp(style, summary);
  }
}
