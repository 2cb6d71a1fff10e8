/**
 * The style editor's model, pure: classes made from a field's values (categorised), from
 * class breaks (graduated), a layer's older palette styles turned into editable classes, and
 * the edits that touch every class at once (fill opacity, outline). No React, no Cesium.
 */
import type {
  FieldSummary,
  LayerStyle,
  StyleCategory,
  StyleRange,
  StyleRule,
  ThematicStyle,
} from '../../common/contract/index.js';
import { RAMP_NAMES, rampColours, rangeLabel, type RampName } from '../../layers/classify.js';
import type { ResolvedThematic } from './thematic.js';

export type RendererKind = 'single' | 'categorized' | 'graduated' | 'rules';

/** What the editor edits and previews: the layer's fill and outline and its classes. */
export type StyleDraft = Pick<LayerStyle, 'fillColor' | 'fillOpacity' | 'strokeColor' | 'strokeWidthPx' | 'thematic'>;

export function draftOf(style: LayerStyle): StyleDraft {
  const { fillColor, fillOpacity, strokeColor, strokeWidthPx } = style;
  return { fillColor, fillOpacity, strokeColor, strokeWidthPx, thematic: style.thematic ?? null };
}

export function rendererOf(thematic: ThematicStyle | null | undefined): RendererKind {
  switch (thematic?.method) {
    case undefined:
      return 'single';
    case 'graduated':
    case 'ramp':
      return 'graduated';
    case 'rules':
      return 'rules';
    default:
      return 'categorized';
  }
}

export function isRamp(name: string): name is RampName {
  return (RAMP_NAMES as string[]).includes(name);
}

/** Most frequent values first, as the summary lists them; at most `max` classes (QGIS adds all). */
export function categoriesFromSummary(summary: FieldSummary, ramp: RampName, max = 60): StyleCategory[] {
  const values = summary.values
    .filter((v) => v.value !== null && v.value !== '')
    .slice(0, max)
    .sort((a, b) => String(a.value).localeCompare(String(b.value), 'zh-CN', { numeric: true }));
  const colours = rampColours(ramp, values.length);
  return values.map((v, i) => ({ value: v.value, label: String(v.value), colour: colours[i] ?? '#808080' }));
}

/** n + 1 edges -> n ranges coloured along the ramp, labelled as QGIS labels them. */
export function rangesFromEdges(edges: readonly number[], ramp: RampName): StyleRange[] {
  const n = Math.max(edges.length - 1, 0);
  const colours = rampColours(ramp, n);
  return Array.from({ length: n }, (_, i) => {
    const lower = edges[i] ?? 0;
    const upper = edges[i + 1] ?? 0;
    return { lower, upper, label: rangeLabel(lower, upper), colour: colours[i] ?? '#808080' };
  });
}

/**
 * A layer's older palette style (the land-use table, palette categories, the blue-red ramp)
 * as the classes it draws today, so the editor starts from what is on the map.
 */
export function editableThematic(thematic: ThematicStyle, resolved: ResolvedThematic): ThematicStyle {
  if (thematic.method === 'landuse' || thematic.method === 'categories') {
    return {
      field: thematic.field,
      method: 'categorized',
      categories: resolved.legend.map((item) => ({
        value: item.value,
        label: item.label,
        colour: item.colour,
      })),
    };
  }
  if (thematic.method === 'ramp') {
    const ranges = resolved.legend.map((item, i) => {
      const lower = resolved.breaks[i] ?? 0;
      const upper = resolved.breaks[i + 1] ?? lower;
      return { lower, upper, label: rangeLabel(lower, upper), colour: item.colour };
    });
    return {
      field: thematic.field,
      method: 'graduated',
      ranges,
      classification: { mode: 'equalInterval', classes: ranges.length, ramp: 'custom' },
    };
  }
  return thematic;
}

type Classes = StyleCategory | StyleRange | StyleRule;

function mapClasses(t: ThematicStyle, fn: <C extends Classes>(c: C) => C): ThematicStyle {
  return {
    ...t,
    ...(t.categories ? { categories: t.categories.map(fn) } : {}),
    ...(t.ranges ? { ranges: t.ranges.map(fn) } : {}),
    ...(t.rules ? { rules: t.rules.map(fn) } : {}),
  };
}

/** One fill opacity for the layer and every class (QGIS: the symbol's opacity, for all classes). */
export function withFillOpacity(draft: StyleDraft, opacity: number): StyleDraft {
  const thematic = draft.thematic ? mapClasses(draft.thematic, (c) => ({ ...c, opacity })) : null;
  return { ...draft, fillOpacity: opacity, thematic };
}

/** One outline for the layer and every class. */
export function withOutline(draft: StyleDraft, outline: { colour?: string; widthPx?: number }): StyleDraft {
  const strokeColor = outline.colour ?? draft.strokeColor;
  const strokeWidthPx = outline.widthPx ?? draft.strokeWidthPx;
  const thematic = draft.thematic
    ? mapClasses(draft.thematic, (c) => ({ ...c, outlineColour: strokeColor, outlineWidthPx: strokeWidthPx }))
    : null;
  return { ...draft, strokeColor, strokeWidthPx, thematic };
}

/** Parses `0, 10, 24.5, 60` (commas, spaces, Chinese commas) into stated edges. */
export function parseEdges(text: string): number[] {
  return text
    .split(/[\s,，;；]+/)
    .filter((s) => s !== '')
    .map(Number)
    .filter((n) => Number.isFinite(n));
}
