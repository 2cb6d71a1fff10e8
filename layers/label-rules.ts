/**
 * Which field labels a layer on the map, and from how high up (issue #17, item 4). Four kinds
 * of label, as a planning map sets them (GB/T 20257.1 sets place names above road names,
 * and these above the codes of parcels and buildings):
 *   - place names (街区, 三条控制线, 绿地: `name`), from high up;
 *   - road names (道路中心线: `name` on a line layer);
 *   - parcel codes (控规, 地块: `dkbm`, 地块编码), closer in;
 *   - building numbers (建筑: `bldg_id`), only near the ground.
 * The field is chosen from the layer's schema, so an imported layer with the same standard
 * fields is labelled the same way. Pure: no DOM, no Cesium.
 */

export type LabelKind = 'place' | 'road' | 'parcel' | 'building';

export interface LabelRule {
  kind: LabelKind;
  /** The field whose value is the label text. */
  field: string;
  /** Shown while the camera is at most this high above the ellipsoid, metres. */
  maxCameraHeightM: number;
  /** Wins a place on the screen over lower priorities. */
  priority: number;
  /** CSS pixels. */
  fontPx: number;
  /** Same text closer than this on screen is shown once (a road split into segments). */
  repeatPx: number;
}

export const LABEL_RULES: Readonly<Record<LabelKind, Omit<LabelRule, 'field'>>> = {
  place: { kind: 'place', maxCameraHeightM: 20_000, priority: 4, fontPx: 15, repeatPx: 400 },
  road: { kind: 'road', maxCameraHeightM: 6_000, priority: 3, fontPx: 13, repeatPx: 260 },
  parcel: { kind: 'parcel', maxCameraHeightM: 3_000, priority: 2, fontPx: 12, repeatPx: 0 },
  building: { kind: 'building', maxCameraHeightM: 900, priority: 1, fontPx: 11, repeatPx: 0 },
};

export interface LabelledLayerShape {
  geometryType: string;
  fields: readonly { name: string }[];
}

function rule(kind: LabelKind, field: string): LabelRule {
  return { ...LABEL_RULES[kind], field };
}

/** The label rule of a vector layer, or null when it has no field to label by. */
export function labelRuleFor(layer: LabelledLayerShape): LabelRule | null {
  const has = (field: string): boolean => layer.fields.some((f) => f.name === field);
  const geometry = layer.geometryType.toUpperCase();
  const isLine = geometry.includes('LINE');
  const isPolygon = geometry.includes('POLYGON') || geometry.includes('SURFACE');
  if (has('bldg_id') && isPolygon) return rule('building', 'bldg_id');
  if (isLine && has('name')) return rule('road', 'name');
  // a road's surface (道路红线: name with grade and width): its centre line carries the name
  if (isPolygon && has('name') && has('grade')) return null;
  if (isPolygon && has('name')) return rule('place', 'name');
  if (isPolygon && has('dkbm')) return rule('parcel', 'dkbm');
  return null;
}

/** Whether labels of this rule show with the camera this high. */
export function ruleActiveAt(labelRule: LabelRule, cameraHeightM: number): boolean {
  return cameraHeightM <= labelRule.maxCameraHeightM;
}

/** A label's text from a feature's value: trimmed, empty for null or blank. */
export function labelText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value.trim();
  return '';
}
