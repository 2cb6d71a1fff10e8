/**
 * What every terrain job reads before its core runs: the DEM window it needs (the `--dem`
 * file or the terrain layer's source raster, read-dem.ts) and, when a buildings layer is
 * given, the buildings standing on it as prisms in the DEM's CRS (the base is the lowest
 * ground under the footprint's vertices, the roof base + height). Environment: node.
 */
import path from 'node:path';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import { analysisZone } from '../clip/zone.js';
import { buildingsSource, polygonsOf, STOREY_M } from '../obstacles/read-buildings.js';
import { tilesDirOf } from '../obstacles/read-terrain.js';
import { heightAt } from './dem.js';
import { readDem, terrainSource, type DemWindow, type LoadedDem } from './read-dem.js';
import type { Building } from './surface.js';

export interface TerrainInputs {
  dem?: string | undefined;
  terrain?: string | undefined;
  buildings?: string | undefined;
  heightField?: string | undefined;
}

export async function loadDem(db: Db, p: TerrainInputs, window?: DemWindow, marginM = 0): Promise<LoadedDem> {
  const file = p.dem ? path.resolve(p.dem) : terrainSource(db, tilesDirOf(db), p.terrain).file;
  return readDem(file, (lon) => analysisZone(db, lon), window, marginM);
}

export function loadBuildings(db: Db, p: TerrainInputs, loaded: LoadedDem): Building[] {
  if (!p.buildings) return [];
  const source = buildingsSource(db, p.buildings, { heightField: p.heightField });
  const info = describeFeatureTable(db, source.table);
  const idField = info.fields.some((f) => f.name === 'bldg_id') ? 'bldg_id' : null;
  const out: Building[] = [];
  const d = loaded.dem;
  const minX = d.originX;
  const maxX = d.originX + d.width * d.cellX;
  const maxY = d.originY;
  const minY = d.originY - d.height * d.cellY;
  for (const f of iterateFeatures(db, info)) {
    const raw = f.properties[source.heightField];
    const h = (typeof raw === 'number' ? raw : NaN) * (source.fromFloors ? STOREY_M : 1);
    if (!(h > 0)) continue;
    const rawId = idField ? f.properties[idField] : null;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(f.fid);
    for (const poly of polygonsOf(f.geometry)) {
      const rings = poly.map((ring) => ring.map(([lon, lat]) => loaded.fromLonLat(lon, lat)));
      const outer = rings[0] ?? [];
      if (!outer.some(([x, y]) => x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
      let base = Infinity;
      for (const [x, y] of outer) {
        const g = heightAt(d, x, y);
        if (!Number.isNaN(g)) base = Math.min(base, g);
      }
      if (!Number.isFinite(base)) continue;
      out.push({ id, rings, topM: base + h });
    }
  }
  return out;
}

/** A lon/lat box around points, for the DEM window. */
export function boxAround(points: readonly (readonly [number, number])[]): DemWindow {
  if (points.length === 0) throw new CimError('terrain.no_points', {});
  return {
    minLon: Math.min(...points.map((p) => p[0])),
    maxLon: Math.max(...points.map((p) => p[0])),
    minLat: Math.min(...points.map((p) => p[1])),
    maxLat: Math.max(...points.map((p) => p[1])),
  };
}

export function terrainFacts(loaded: LoadedDem, started: number) {
  return {
    dem: path.basename(loaded.file),
    crs: loaded.crsName,
    cellSizeM: Math.round(Math.min(loaded.dem.cellX, loaded.dem.cellY) * 1000) / 1000,
    reprojected: loaded.reprojected,
    durationMs: Date.now() - started,
  };
}
