/**
 * The demo city as a user opens it: the seeded workspace plus what the globe needs — terrain
 * from the DEM, imagery from the orthophoto, 3D Tiles of both building epochs standing on
 * that terrain — and a first view over the river. Everything is built beside the target and
 * moved into place at the end, so a failure or a cancel leaves nothing new (and, when forced,
 * the old city as it was). Tile builds run on the seed's fixed clock, so the same seed gives
 * the same files. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { converter } from '../layers/crs.js';
import { CimError } from '../common/errors.js';
import { getLayer, setCamera, updateLayer } from '../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../main/store/connection.js';
import { prepareOutputFile, removeWorkspaceFiles } from '../main/store/files.js';
import type { BuildControl } from '../tiles/jobs/control.js';
import { buildBuildings, buildImagery, buildTerrain } from '../main/tiles-jobs/build-jobs.js';
import type { TilesSummary } from '../main/tiles-jobs/params.js';
import { seedWorkspace, tilesDirOf, type SeedOptions, type SeedRaster, type SeedSummary } from './seed-workspace.js';
import { SEED_EPOCH } from './write/gpkg.js';

export interface DemoCityOptions extends SeedOptions {
  /** Build terrain, imagery and 3D Tiles (default true); false gives exactly `seedWorkspace`'s workspace. */
  tiles?: boolean;
}

export interface DemoCitySummary extends SeedSummary {
  tiles: TilesSummary[];
}

/** Where the seed's share of the progress bar ends; the tile builds share the rest. */
const SEED_SHARE = 0.35;
const STAGES: readonly [kind: 'terrain' | 'imagery' | 'buildings', share: number][] = [
  ['terrain', 0.15],
  ['imagery', 0.3],
  ['buildings', 0.2],
];

/** A workspace no connection holds (the staging copy, or the one being replaced) and its tiles. */
function removeWorkspace(file: string): void {
  removeWorkspaceFiles(file);
  fs.rmSync(tilesDirOf(file), { recursive: true, force: true });
}

function rasterPath(summary: SeedSummary, name: SeedRaster['name']): string {
  const raster = summary.rasters.find((r) => r.name === name);
  if (!raster) throw new CimError('internal', { message: `the seed wrote no ${name} raster` }, 'internal');
  return raster.path;
}

/** An oblique view from the south over the middle of the district, the whole of it in sight. */
function firstView(summary: SeedSummary): Parameters<typeof setCamera>[1] {
  const dem = summary.rasters.find((r) => r.name === 'dem');
  const [minX, minY, maxX, maxY] = dem?.extentGk ?? [0, 0, 0, 0];
  const toLonLat = converter(4526, 4326);
  const spanM = Math.max(maxX - minX, maxY - minY);
  const pitchDeg = -35;
  const heightM = spanM * 0.55;
  // the camera stands south of the centre by its height over tan(pitch), looking north
  const backM = heightM / Math.tan((-pitchDeg * Math.PI) / 180);
  const [lon, lat] = toLonLat([(minX + maxX) / 2, (minY + maxY) / 2 - backM * 0.8]);
  return { lon, lat, heightM: heightM + 120, headingDeg: 0, pitchDeg, rollDeg: 0 };
}

function dressTiledLayers(db: Db): void {
  const footprints = getLayer(db, 'buildings_2024');
  db.transaction(() => {
    updateLayer(db, 'terrain', { title: '地形（DEM）' });
    updateLayer(db, 'imagery', { title: '正射影像' });
    updateLayer(db, 'buildings_3d', {
      title: '建筑三维模型',
      style: { thematic: footprints.style.thematic ?? null, fillOpacity: 1 },
    });
  })();
}

async function buildTiles(
  db: Db,
  workspace: string,
  seeded: SeedSummary,
  options: DemoCityOptions,
): Promise<TilesSummary[]> {
  const progress = options.progress ?? (() => undefined);
  const tilesDir = tilesDirOf(workspace);
  const results: TilesSummary[] = [];
  let done = SEED_SHARE;
  for (const [kind, share] of STAGES) {
    const from = done;
    const control: BuildControl = {
      progress: (f, stage) => progress(from + share * f, stage),
      isCancelled: options.isCancelled ?? (() => false),
      now: () => new Date(SEED_EPOCH),
    };
    const startedMs = performance.now();
    let built: TilesSummary;
    if (kind === 'terrain') {
      built = await buildTerrain(db, tilesDir, { type: 'terrain', source: rasterPath(seeded, 'dem') }, control);
    } else if (kind === 'imagery') {
      built = await buildImagery(db, tilesDir, { type: 'imagery', source: rasterPath(seeded, 'ortho') }, control);
    } else {
      const params = {
        type: 'buildings' as const,
        layers: ['buildings_2022', 'buildings_2024'],
        epochs: ['2022', '2024'],
        idField: 'bldg_id',
        heightField: 'height_m',
        terrain: 'terrain',
      };
      built = await buildBuildings(db, tilesDir, params, control);
    }
    // the build's own clock is the seed's fixed one; the summary reports real time
    results.push({ ...built, durationMs: Math.round(performance.now() - startedMs) });
    done += share;
  }
  dressTiledLayers(db);
  db.transaction(() => setCamera(db, firstView(seeded)))();
  return results;
}

export async function buildDemoCity(target: string, options: DemoCityOptions = {}): Promise<DemoCitySummary> {
  const started = performance.now();
  const file = path.resolve(target);
  if (fs.existsSync(file) && !fs.statSync(file).isDirectory() && !options.force) {
    throw new CimError('seed.exists', { file });
  }
  // a folder in the way, a file where a folder belongs, /proc…: one line, before any work
  prepareOutputFile(file);
  const staging = path.join(path.dirname(file), `.${path.basename(file, '.gpkg')}.building.gpkg`);
  removeWorkspace(staging);
  const progress = options.progress ?? (() => undefined);
  try {
    const seeded = await seedWorkspace(staging, {
      ...options,
      force: false,
      progress: (f, stage) => progress((options.tiles === false ? 1 : SEED_SHARE) * f, stage),
    });
    let tiles: TilesSummary[] = [];
    if (options.tiles !== false) {
      const db = openWorkspaceDb(staging);
      try {
        tiles = await buildTiles(db, staging, seeded, options);
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    }
    if (options.isCancelled?.()) throw new CimError('jobs.cancelled', { file });
    // the tiles folder first, the workspace last: a workspace never lacks its tiles
    removeWorkspace(file);
    fs.renameSync(tilesDirOf(staging), tilesDirOf(file));
    fs.renameSync(staging, file);
    progress(1, 'jobs.seed.done');
    const tilesDir = tilesDirOf(file);
    return {
      ...seeded,
      workspace: file,
      tilesDir,
      rasters: seeded.rasters.map((r) => ({ ...r, path: path.join(tilesDir, r.tilesPath) })),
      tiles,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    removeWorkspace(staging);
    throw err;
  }
}
