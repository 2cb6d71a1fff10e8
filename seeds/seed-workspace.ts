/**
 * `seedWorkspace`: generates the demo city and writes it as a new workspace, with the DEM
 * and orthophoto GeoTIFFs in `<workspace>.tiles/sources/`. Everything is written to
 * temporary files first (the GeoPackage in one transaction, then VACUUM for a compact,
 * byte-stable file) and moved into place at the end: a failure or a cancel leaves nothing.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CimError } from '../common/errors.js';
import { openWorkspaceDb } from '../main/store/connection.js';
import { ensureFolder, prepareOutputFile, removeWorkspaceFiles } from '../main/store/files.js';
import { generateCity, type City } from './city/city.js';
import { SCALES, type SeedScale } from './city/layout.js';
import { createFrame } from './geo/frame.js';
import { demRaster } from './raster/dem.js';
import { dsmRaster, dsmTerrain, type DsmTerrain } from './raster/dsm.js';
import { encodeGeoTiff, type GeoTiffRaster } from './raster/geotiff.js';
import { orthoRaster } from './raster/ortho.js';
import { writeCity, type WrittenCounts } from './write/gpkg.js';
import { casePhotos, type CasePhoto } from './write/case-photos.js';
import { isoBeijing } from './city/case-time.js';

export type { SeedScale } from './city/layout.js';

export const DEFAULT_SEED = 20240601;

export interface SeedOptions {
  seed?: number;
  scale?: SeedScale;
  /** Replace an existing workspace (and its source rasters). */
  force?: boolean;
  progress?: (fraction: number, stage: string) => void;
  isCancelled?: () => boolean;
}

export interface SeedRaster {
  name: 'dem' | 'ortho' | 'dsm_2022' | 'dsm_2024';
  /** Absolute path of the GeoTIFF. */
  path: string;
  /** Path under the workspace tiles folder (`sources/dem.tif`). */
  tilesPath: string;
  widthPx: number;
  heightPx: number;
  cellM: number;
  bytes: number;
  epsg: number;
  /** [minX, minY, maxX, maxY] in EPSG:4526 metres. */
  extentGk: [number, number, number, number];
}

export interface SeedSummary {
  workspace: string;
  tilesDir: string;
  seed: number;
  scale: SeedScale;
  layers: { name: string; title: string; count: number }[];
  tables: { name: string; title: string; count: number }[];
  rasters: SeedRaster[];
  groundTruth: { planConflicts: number; illegalBuilds: number; parcelViolations: number };
  durationMs: number;
}

/** `<workspace without .gpkg>.tiles`, as WorkspaceService.tilesDir() has it. */
export function tilesDirOf(workspace: string): string {
  return path.resolve(workspace).replace(/\.gpkg$/i, '') + '.tiles';
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function seedWorkspace(workspace: string, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const file = path.resolve(workspace);
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 'small';
  if (!(scale in SCALES))
    throw new CimError('cli.usage', { message: `--scale must be small or full, not ${scale}` }, 'args');
  const progress = options.progress ?? (() => undefined);
  const isCancelled = options.isCancelled ?? (() => false);
  const check = (): void => {
    if (isCancelled()) throw new CimError('jobs.cancelled', { file });
  };
  if (fs.existsSync(file) && !fs.statSync(file).isDirectory() && !options.force) {
    throw new CimError('seed.exists', { file });
  }
  prepareOutputFile(file);
  const tilesDir = tilesDirOf(file);
  const sources = path.join(tilesDir, 'sources');
  const tmpDb = path.join(path.dirname(file), `.${path.basename(file)}.seeding`);
  const tmpDir = `${tilesDir}.seeding`;
  removeWorkspaceFiles(tmpDb);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  try {
    progress(0.02, 'jobs.seed.city');
    await tick();
    const city = generateCity(seed, scale);
    check();
    const frame = createFrame();
    progress(0.3, 'jobs.seed.rasters');
    await tick();
    // never Node's recursive mkdir: below /proc it spins for ever (main/store/files.ts)
    ensureFolder(tmpDir, file);
    const rasters: RasterInfo[] = [];
    let terrain: DsmTerrain | null = null;
    const terrainOnce = (): DsmTerrain => (terrain ??= dsmTerrain(demRaster(city.height, city.spec, frame), city.spec));
    let photos: CasePhoto[] = [];
    for (const [name, make] of [
      ['dem', () => demRaster(city.height, city.spec, frame)],
      ['ortho', () => orthoRaster(city, frame)],
      // the DSM pair of the illegal-build detection's raster method (issue #13)
      ['dsm_2022', () => dsmRaster(terrainOnce(), city.epochs.buildings, 's2022', frame)],
      ['dsm_2024', () => dsmRaster(terrainOnce(), city.epochs.buildings, 's2024', frame)],
    ] as const) {
      const raster = make();
      if (name === 'ortho') photos = casePhotos(city.cases, raster, frame, isoBeijing);
      // level 4: within 3 % of level 6's size on the orthophoto at half the time
      // the DSMs at level 1 and without overviews: 16 times the DEM's cells, read at full resolution by the detection only
      const dsm = name.startsWith('dsm_');
      const tif = encodeGeoTiff(raster, { deflateLevel: name === 'dem' ? 6 : dsm ? 1 : 4, overviews: !dsm });
      fs.writeFileSync(path.join(tmpDir, `${name}.tif`), tif);
      // keep the shape only: the pixels are on disk
      const { widthPx, heightPx, cellSizeM, originX, originY, epsg } = raster;
      rasters.push({ name, widthPx, heightPx, cellSizeM, originX, originY, epsg, bytes: tif.length });
      check();
      await tick();
    }
    progress(0.6, 'jobs.seed.writing');
    await tick();
    const counts = writeDatabase(
      tmpDb,
      city,
      frame,
      (f) => progress(0.6 + 0.35 * f, 'jobs.seed.writing'),
      isCancelled,
      file,
      photos,
    );
    check();
    // move into place: the workspace last, so a workspace never lacks its rasters
    if (options.force) removeWorkspaceFiles(file);
    ensureFolder(sources, file);
    for (const r of rasters) fs.renameSync(path.join(tmpDir, `${r.name}.tif`), path.join(sources, `${r.name}.tif`));
    fs.rmSync(tmpDir, { recursive: true, force: true });
    fs.renameSync(tmpDb, file);
    progress(1, 'jobs.seed.done');
    return summary(file, tilesDir, city, counts, rasters, performance.now() - started);
  } catch (err) {
    removeWorkspaceFiles(tmpDb);
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw err;
  }
}

function writeDatabase(
  tmp: string,
  city: City,
  frame: ReturnType<typeof createFrame>,
  progress: (f: number) => void,
  isCancelled: () => boolean,
  file: string,
  photos: readonly CasePhoto[],
): WrittenCounts {
  const db = openWorkspaceDb(tmp, { create: true });
  try {
    // the file is ours alone until it is renamed: no need for a write-ahead log
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.exec('BEGIN IMMEDIATE');
    let counts: WrittenCounts;
    try {
      counts = writeCity(db, city, frame, { progress, isCancelled }, file, photos);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
    // compact and with pages in table order: the same seed gives the same bytes
    db.exec('VACUUM');
    return counts;
  } finally {
    db.close();
  }
}

type RasterInfo = Pick<GeoTiffRaster, 'widthPx' | 'heightPx' | 'cellSizeM' | 'originX' | 'originY' | 'epsg'> & {
  name: 'dem' | 'ortho' | 'dsm_2022' | 'dsm_2024';
  bytes: number;
};

function summary(
  file: string,
  tilesDir: string,
  city: City,
  counts: WrittenCounts,
  rasters: RasterInfo[],
  durationMs: number,
): SeedSummary {
  return {
    workspace: file,
    tilesDir,
    seed: city.seed,
    scale: city.spec.scale,
    layers: counts.layers,
    tables: counts.tables,
    rasters: rasters.map((r) => ({
      name: r.name,
      path: path.join(tilesDir, 'sources', `${r.name}.tif`),
      tilesPath: `sources/${r.name}.tif`,
      widthPx: r.widthPx,
      heightPx: r.heightPx,
      cellM: r.cellSizeM,
      bytes: r.bytes,
      epsg: r.epsg,
      extentGk: [r.originX, r.originY - r.heightPx * r.cellSizeM, r.originX + r.widthPx * r.cellSizeM, r.originY],
    })),
    groundTruth: {
      planConflicts: city.conflicts.length,
      illegalBuilds: city.epochs.illegal.length,
      parcelViolations: city.parcelViolations.length,
    },
    durationMs: Math.round(durationMs),
  };
}
