/**
 * Building footprints as the buildings builder reads them: a layer of one survey epoch
 * served by whoever stores it (main/tiles-jobs reads the workspace), which field gives
 * the height (the height field, else floors x 3 m with a warning, else a refusal naming the
 * numeric fields) and each footprint's signature. Environment: node.
 */
import { createHash } from 'node:crypto';
import type { FieldDef } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { TilesWarning } from '../built-tileset.js';
import type { LonLat } from './prism.js';

/** Polygons, each its outer ring then its holes, in lon/lat degrees. */
export type Polygons = readonly (readonly (readonly LonLat[])[])[];

/** One footprint: its polygons ([] when it has none) and attributes. */
export interface Footprint {
  fid: number;
  polygons: Polygons;
  properties: Record<string, unknown>;
}

/** The footprints of one survey epoch. */
export interface FootprintLayer {
  /** Used in messages and as the fallback id (`<name>#<fid>`). */
  name: string;
  fields: readonly FieldDef[];
  /** Every footprint once, in any order (pass 1 of the build). */
  footprints(): Iterable<Footprint>;
  /** The footprints with these fids (pass 2: one leaf's rows read back). */
  byFid(fids: readonly number[]): Map<number, Footprint>;
}

/** Storey height used when a layer has floors but no height (a common planning default). */
const FLOOR_HEIGHT_M = 3;

export interface HeightRule {
  field: string;
  /** 1 for a height field, FLOOR_HEIGHT_M for floors. */
  factor: number;
}

const numeric = (f: FieldDef): boolean => f.type === 'INTEGER' || f.type === 'REAL';

export function heightRule(
  info: Pick<FootprintLayer, 'name' | 'fields'>,
  heightField: string,
  warnings: TilesWarning[],
  floorsField = 'floors',
): HeightRule {
  const fields = info.fields.filter(numeric);
  if (fields.some((f) => f.name === heightField)) return { field: heightField, factor: 1 };
  if (fields.some((f) => f.name === floorsField)) {
    warnings.push({
      code: 'tiles.height_from_floors',
      facts: { layer: info.name, field: heightField, floorHeightM: FLOOR_HEIGHT_M },
    });
    return { field: floorsField, factor: FLOOR_HEIGHT_M };
  }
  throw new CimError('tiles.height_field_required', {
    layer: info.name,
    field: heightField,
    numericFields: fields.map((f) => f.name).join(', ') || '-',
  });
}

/** Footprint + height, rounded to ~1 cm, hashed to 64 bits: the identity of an unchanged building. */
export function signatureOf(polygons: Polygons, heightM: number): [number, number] {
  const h = createHash('sha1');
  for (const rings of polygons)
    for (const ring of rings) {
      for (const [x, y] of ring) h.update(`${x.toFixed(7)},${y.toFixed(7)};`);
      h.update('|');
    }
  h.update(`h${heightM.toFixed(2)}`);
  const digest = h.digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4)];
}

export function bboxAndCentroid(polygons: Polygons): {
  bbox: [number, number, number, number];
  centroid: [number, number];
} {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const rings of polygons)
    for (const [x, y] of rings[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  return { bbox: [w, s, e, n], centroid: [(w + e) / 2, (s + n) / 2] };
}
