/**
 * Building footprints from workspace layers: which field gives the height (the height
 * field, else floors x 3 m with a warning, else a refusal naming the numeric fields),
 * each footprint's signature, and reading chosen rows back by fid. Environment: node.
 */
import { createHash } from 'node:crypto';
import type { FieldDef } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { Db } from '../../main/store/connection.js';
import { quoteIdent, type FeatureTableInfo, type StoredFeature } from '../../main/store/feature-table.js';
import { decodeGpkg, type Geometry, type Position } from '../../main/store/gpkg-geometry.js';

/** Storey height used when a layer has floors but no height (a common planning default). */
export const FLOOR_HEIGHT_M = 3;

export interface HeightRule {
  field: string;
  /** 1 for a height field, FLOOR_HEIGHT_M for floors. */
  factor: number;
}

export interface TilesWarning {
  code: string;
  facts: Record<string, string | number>;
}

const numeric = (f: FieldDef): boolean => f.type === 'INTEGER' || f.type === 'REAL';

export function heightRule(
  info: FeatureTableInfo,
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

export function polygonsOf(g: Geometry | null): Position[][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

/** Footprint + height, rounded to ~1 cm, hashed to 64 bits: the identity of an unchanged building. */
export function signatureOf(polygons: Position[][][], heightM: number): [number, number] {
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

export function bboxAndCentroid(polygons: Position[][][]): {
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

export function readFeaturesByFid(db: Db, info: FeatureTableInfo, fids: readonly number[]): Map<number, StoredFeature> {
  const out = new Map<number, StoredFeature>();
  const cols = [info.primaryKey, info.geometryColumn, ...info.fields.map((f) => f.name)].map(quoteIdent);
  const CHUNK = 500;
  for (let k = 0; k < fids.length; k += CHUNK) {
    const part = fids.slice(k, k + CHUNK);
    const stmt = db.prepare(
      `SELECT ${cols.join(', ')} FROM ${quoteIdent(info.name)} WHERE ${quoteIdent(info.primaryKey)} IN (${part.map(() => '?').join(',')})`,
    );
    stmt.raw(true);
    for (const row of stmt.all(...part) as unknown[][]) {
      const properties: Record<string, unknown> = {};
      info.fields.forEach((f, i) => {
        properties[f.name] = row[i + 2];
      });
      const blob = row[1];
      out.set(Number(row[0]), {
        fid: Number(row[0]),
        geometry: blob instanceof Uint8Array ? decodeGpkg(blob) : null,
        properties,
      });
    }
  }
  return out;
}
