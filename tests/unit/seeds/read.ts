/** Reading a seeded workspace back for the checks: features in GK zone 38 metres, attribute rows. */
import Database from 'better-sqlite3';
import { converter } from '../../../layers/crs.js';
import { describeFeatureTable, iterateFeatures, quoteIdent } from '../../../main/store/feature-table.js';
import type { Geometry } from '../../../main/store/gpkg-geometry.js';

export type XY = [number, number];

export interface Feature {
  fid: number;
  geometry: Geometry;
  props: Record<string, unknown>;
}

export class SeededWorkspace {
  readonly db: Database.Database;
  private readonly toGk = converter(4490, 4526);

  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
  }

  features(layer: string): Feature[] {
    const info = describeFeatureTable(this.db, layer);
    const out: Feature[] = [];
    for (const f of iterateFeatures(this.db, info)) {
      if (f.geometry) out.push({ fid: f.fid, geometry: f.geometry, props: f.properties });
    }
    return out;
  }

  /** Outer ring of a polygon feature in EPSG:4526 metres. */
  ringGk(f: Feature): XY[] {
    if (f.geometry.type !== 'Polygon') throw new TypeError(`not a polygon: ${f.geometry.type}`);
    return (f.geometry.coordinates[0] ?? []).map((p) => this.toGk(p));
  }

  pointGk(f: Feature): XY {
    if (f.geometry.type !== 'Point') throw new TypeError(`not a point: ${f.geometry.type}`);
    return this.toGk(f.geometry.coordinates);
  }

  rows(table: string): Record<string, unknown>[] {
    return this.db.prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY fid`).all() as Record<string, unknown>[];
  }

  close(): void {
    this.db.close();
  }
}

export { ringArea } from '../../../layers/geom.js';

/** GK metres relative to a fixed point near the city: the same areas, better-conditioned sums. */
export const GK_SHIFT: XY = [38_365_000, 3_653_000];
export function shifted(ring: readonly XY[]): XY[] {
  return ring.map(([x, y]) => [x - GK_SHIFT[0], y - GK_SHIFT[1]]);
}
