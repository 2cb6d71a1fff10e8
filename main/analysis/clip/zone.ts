/**
 * The Gauss-Krüger zone an analysis measures in: the workspace's `gk_zone_epsg` setting,
 * else the CGCS2000 3° zone of the data's centre. Environment: node.
 */
import { getWorkspaceMeta } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import { cgcs2000ZoneForLon, gkZoneByEpsg, type GkZone } from '../../../layers/crs.js';

export function analysisZone(db: Db, centreLonDeg: number): GkZone {
  const meta = getWorkspaceMeta(db, 'gk_zone_epsg');
  const fromMeta = meta ? gkZoneByEpsg(Number(meta)) : undefined;
  return fromMeta ?? cgcs2000ZoneForLon(Number.isFinite(centreLonDeg) ? centreLonDeg : 0);
}

/** Centre longitude of layers from their extents in gpkg_contents (NaN when none has one). */
export function centreLonOf(db: Db, layers: readonly string[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const name of layers) {
    const r = db.prepare('SELECT min_x, max_x FROM gpkg_contents WHERE table_name = ?').get(name) as
      { min_x: number | null; max_x: number | null } | undefined;
    if (r?.min_x === null || r?.min_x === undefined || r.max_x === null) continue;
    min = Math.min(min, r.min_x);
    max = Math.max(max, r.max_x);
  }
  return Number.isFinite(min) ? (min + max) / 2 : NaN;
}
