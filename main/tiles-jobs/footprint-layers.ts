/**
 * Workspace feature tables as the buildings builder's footprint layers (tiles/tiles3d
 * FootprintLayer): pass 1 streams the table in fid order, pass 2 reads one leaf's rows back
 * by fid, 500 at a time. Environment: node.
 */
import type { Db } from '../store/connection.js';
import { describeFeatureTable, iterateFeatures, quoteIdent, type FeatureTableInfo } from '../store/feature-table.js';
import { decodeGpkg, type Geometry } from '../store/gpkg-geometry.js';
import type { Footprint, FootprintLayer, Polygons } from '../../tiles/tiles3d/footprints.js';

/** A footprint's polygons: a Polygon or the parts of a MultiPolygon; none for other geometries. */
function polygonsOf(g: Geometry | null): Polygons {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

const READ_BACK_CHUNK = 500;

function readByFid(db: Db, info: FeatureTableInfo, fids: readonly number[]): Map<number, Footprint> {
  const out = new Map<number, Footprint>();
  const cols = [info.primaryKey, info.geometryColumn, ...info.fields.map((f) => f.name)].map(quoteIdent);
  for (let k = 0; k < fids.length; k += READ_BACK_CHUNK) {
    const part = fids.slice(k, k + READ_BACK_CHUNK);
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
      const fid = Number(row[0]);
      out.set(fid, { fid, polygons: polygonsOf(blob instanceof Uint8Array ? decodeGpkg(blob) : null), properties });
    }
  }
  return out;
}

/** The feature table `name` of the workspace as a footprint layer (refused when it is none). */
export function footprintLayer(db: Db, name: string): FootprintLayer {
  const info = describeFeatureTable(db, name);
  return {
    name: info.name,
    fields: info.fields,
    *footprints() {
      for (const f of iterateFeatures(db, info))
        yield { fid: f.fid, polygons: polygonsOf(f.geometry), properties: f.properties };
    },
    byFid: (fids) => readByFid(db, info, fids),
  };
}
