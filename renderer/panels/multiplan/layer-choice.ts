/** Which layers a review offers, and what it picks when the user picks nothing. Pure. */
import type { LayerEntry } from '../../../common/contract/index.js';
import { CLASS_FIELD_CANDIDATES } from '../../../layers/plan-rules.js';

const POLYGONAL = new Set(['POLYGON', 'MULTIPOLYGON', 'GEOMETRY']);

/** The class field the engine would pick: the first of CLASS_FIELD_CANDIDATES the layer has. */
export function defaultClassField(entry: LayerEntry | undefined): string | undefined {
  return CLASS_FIELD_CANDIDATES.find((c) => entry?.fields.some((f) => f.name === c));
}

export function polygonLayers(layers: readonly LayerEntry[]): LayerEntry[] {
  return layers.filter((l) => l.kind === 'vector' && POLYGONAL.has(l.geometryType) && l.style.thematic?.hatch !== true);
}

/** Layers of districts by their name or title (区县, 街道, 街区, 行政区). */
const DISTRICT_LAYER = /district|street|block|区县|街道|街区|行政区/i;

/**
 * The district layer the review counts by when the user picks none: the first polygon layer
 * outside the review whose name or title says it holds districts (the demo's 街区), so 按区域
 * lists districts instead of one "unspecified" bar.
 */
export function defaultDistrictLayer(layers: readonly LayerEntry[], reviewed: readonly string[]): string | undefined {
  return polygonLayers(layers).find(
    (l) => !reviewed.includes(l.name) && (DISTRICT_LAYER.test(l.name) || DISTRICT_LAYER.test(l.title)),
  )?.name;
}
