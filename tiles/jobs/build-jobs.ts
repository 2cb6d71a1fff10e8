/**
 * The tile builds as jobs: check the name, build into a staging folder, swap it into
 * `<tiles>/<kind>/<name>/`, catalogue it with `addTiledLayer` in one transaction, and
 * return the summary the CLI prints and the job result carries. A cancel or an error
 * leaves the workspace and the old tile set as they were. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LayerName } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import { addTiledLayer, getLayer, type NewTiledLayer } from '../../main/store/catalog.js';
import type { Db } from '../../main/store/connection.js';
import { buildImageryTiles } from '../imagery/build-imagery.js';
import { openRaster, type OpenRasterOptions } from '../raster/open-raster.js';
import { buildTerrainTiles } from '../terrain/build-terrain.js';
import { buildBuildingTiles } from '../tiles3d/build-buildings.js';
import { rasterHeights, terrainHeights, type HeightSampler } from '../tiles3d/heights.js';
import type { BuildControl } from './control.js';
import { stageOutput } from './output.js';
import {
  DEFAULT_NAMES,
  type BuildingsParams,
  type ImageryParams,
  type TerrainParams,
  type TilesParams,
  type TilesSummary,
} from './params.js';

const FOLDER = { terrain: 'terrain', imagery: 'imagery', tiles3d: '3dtiles' } as const;
const ROOT_FILE = { terrain: 'layer.json', imagery: 'layer.json', tiles3d: 'tileset.json' } as const;

function checkName(db: Db, name: string): void {
  if (!LayerName.safeParse(name).success) throw new CimError('tiles.bad_name', { name });
  const row = db.prepare('SELECT kind FROM cim_layers WHERE name = ?').get(name) as { kind: string } | undefined;
  const table = db.prepare('SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)').get(name);
  if ((row && row.kind === 'vector') || (!row && table)) throw new CimError('store.layer_exists', { layer: name });
}

export type Built = Omit<TilesSummary, 'resultLayer' | 'kind' | 'root' | 'durationMs'> & {
  layer: Omit<NewTiledLayer, 'name' | 'kind' | 'tiles' | 'createdAt' | 'title'> & {
    tiles: Omit<NewTiledLayer['tiles'], 'root'>;
  };
};

/** Builds into a staging folder, swaps it in and catalogues it in one transaction (imports use it too). */
export async function runStaged(
  db: Db,
  tilesDir: string,
  kind: TilesSummary['kind'],
  name: string,
  control: BuildControl,
  build: (dir: string) => Promise<Built>,
): Promise<TilesSummary> {
  const started = control.now().getTime();
  checkName(db, name);
  const relative = `${FOLDER[kind]}/${name}`;
  const staged = stageOutput(tilesDir, relative);
  let built: Built;
  try {
    built = await build(staged.dir);
  } catch (err) {
    staged.discard();
    throw err;
  }
  const root = `${relative}/${ROOT_FILE[kind]}`;
  const swap = staged.commit();
  try {
    db.transaction(() =>
      addTiledLayer(db, {
        ...built.layer,
        name,
        title: name,
        kind,
        tiles: { ...built.layer.tiles, root },
        createdAt: control.now().toISOString(),
      }),
    )();
  } catch (err) {
    swap.undo();
    throw err;
  }
  swap.finish();
  control.progress(1, 'jobs.tiles.done');
  return {
    resultLayer: name,
    kind,
    root,
    count: built.count,
    tilesWritten: built.tilesWritten,
    bytes: built.bytes,
    durationMs: control.now().getTime() - started,
    warnings: built.warnings,
  };
}

/**
 * One raster to a terrain or imagery pyramid in `dir`, described for the catalog: the
 * `tiles` job's terrain and imagery builds and the GeoTIFF import share it.
 */
export async function buildRasterPyramid(
  source: { path: string; fileName: string },
  target: 'terrain' | 'imagery',
  dir: string,
  control: BuildControl,
  options: { maxLevel?: number | undefined; crs?: OpenRasterOptions['crs'] } = {},
): Promise<Built> {
  const raster = await openRaster(source.path, { crs: options.crs });
  try {
    const tiling = { maxLevel: options.maxLevel };
    const r =
      target === 'terrain'
        ? await buildTerrainTiles(raster, dir, tiling, control)
        : await buildImageryTiles(raster, dir, tiling, control);
    const [w, s, e, n] = r.layerJson.bounds;
    return {
      count: r.tilesWritten,
      tilesWritten: r.tilesWritten,
      bytes: r.bytes,
      warnings: [],
      layer: {
        sourceCrs: raster.crs.name,
        sourceFile: source.fileName,
        tiles: { sourceLayers: [], epochs: [] },
        meta: { geometryType: 'GEOMETRY', featureCount: 0, fields: [], bbox: [w, s, e, n] },
      },
    };
  } finally {
    await raster.close();
  }
}

const rasterSource = (file: string): { path: string; fileName: string } => ({
  path: path.resolve(file),
  fileName: path.basename(file),
});

export function buildTerrain(
  db: Db,
  tilesDir: string,
  opts: TerrainParams,
  control: BuildControl,
): Promise<TilesSummary> {
  const name = opts.name ?? DEFAULT_NAMES.terrain;
  return runStaged(db, tilesDir, 'terrain', name, control, (dir) =>
    buildRasterPyramid(rasterSource(opts.source), 'terrain', dir, control, { maxLevel: opts.maxLevel }),
  );
}

export function buildImagery(
  db: Db,
  tilesDir: string,
  opts: ImageryParams,
  control: BuildControl,
): Promise<TilesSummary> {
  const name = opts.name ?? DEFAULT_NAMES.imagery;
  return runStaged(db, tilesDir, 'imagery', name, control, (dir) =>
    buildRasterPyramid(rasterSource(opts.source), 'imagery', dir, control, { maxLevel: opts.maxLevel }),
  );
}

/** `buildings_2022` -> `2022`; a label is also part of a property name (`in_2022`). */
export function epochLabel(layer: string): string {
  const year = /(\d{4})$/.exec(layer)?.[1];
  return year ?? layer;
}

async function heightSamplerFor(db: Db, tilesDir: string, terrain: string | undefined): Promise<HeightSampler | null> {
  if (!terrain) return null;
  if (fs.existsSync(terrain) && fs.statSync(terrain).isFile())
    return rasterHeights(await openRaster(path.resolve(terrain)));
  const entry = getLayer(db, terrain);
  if (entry.kind !== 'terrain' || !entry.tiles) throw new CimError('tiles.not_terrain', { layer: terrain });
  return terrainHeights(path.join(tilesDir, path.posix.dirname(entry.tiles.root)));
}

export async function buildBuildings(
  db: Db,
  tilesDir: string,
  opts: BuildingsParams,
  control: BuildControl,
): Promise<TilesSummary> {
  const name = opts.name ?? DEFAULT_NAMES.buildings;
  const epochs = opts.epochs ?? opts.layers.map(epochLabel);
  if (epochs.length !== opts.layers.length) {
    throw new CimError('tiles.epochs_mismatch', { layers: opts.layers.length, epochs: epochs.length });
  }
  for (const e of epochs) if (!/^[A-Za-z0-9_]+$/.test(e)) throw new CimError('tiles.bad_epoch', { epoch: e });
  return runStaged(db, tilesDir, 'tiles3d', name, control, async (dir) => {
    const heights = await heightSamplerFor(db, tilesDir, opts.terrain);
    try {
      const r = await buildBuildingTiles(
        db,
        dir,
        {
          layers: opts.layers.map((layer, i) => ({ layer, epoch: epochs[i] ?? layer })),
          idField: opts.idField ?? 'bldg_id',
          // storeys asked for and no height field named: heights are storeys x 3 m
          heightField: opts.heightField ?? (opts.floorsField ? '' : 'height_m'),
          floorsField: opts.floorsField,
          heights,
          maxPerTile: opts.maxPerTile,
        },
        control,
      );
      return {
        count: r.featureCount,
        tilesWritten: r.tilesWritten,
        bytes: r.bytes,
        warnings: r.warnings,
        layer: {
          sourceCrs: 'EPSG:4326',
          sourceFile: null,
          tiles: { sourceLayers: opts.layers, epochs },
          meta: { geometryType: 'MULTIPOLYGON', featureCount: r.featureCount, fields: r.fields, bbox: r.bbox },
        },
      };
    } finally {
      await heights?.close();
    }
  });
}

export function runTilesBuild(
  db: Db,
  tilesDir: string,
  params: TilesParams,
  control: BuildControl,
): Promise<TilesSummary> {
  switch (params.type) {
    case 'terrain':
      return buildTerrain(db, tilesDir, params, control);
    case 'imagery':
      return buildImagery(db, tilesDir, params, control);
    case 'buildings':
      return buildBuildings(db, tilesDir, params, control);
  }
}
