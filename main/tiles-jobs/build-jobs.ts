/**
 * The tile builds as jobs, around the store-free builders of tiles/: check the name, read
 * what the builder needs from the workspace, build into a staging folder, swap it into
 * `<tiles>/<kind>/<name>/`, catalogue it with `addTiledLayer` in one transaction, and
 * return the summary the CLI prints and the job result carries. A cancel or an error
 * leaves the workspace and the old tile set as they were. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LayerName } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import { addTiledLayer, getLayer } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import type { BuiltTileset, TilesetKind } from '../../tiles/built-tileset.js';
import type { BuildControl } from '../../tiles/jobs/control.js';
import { openRaster } from '../../tiles/raster/open-raster.js';
import { buildRasterPyramid, type RasterSource } from '../../tiles/raster-pyramid.js';
import { buildBuildingTiles } from '../../tiles/tiles3d/build-buildings.js';
import { rasterHeights, terrainHeights, type HeightSampler } from '../../tiles/tiles3d/heights.js';
import { footprintLayer } from './footprint-layers.js';
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

/**
 * A builder's tileset reference plus what only its caller knows for the catalog: the
 * workspace layers and survey epochs it was built from, or the folder of a tileset that
 * is registered in place and only wrapped.
 */
export type StagedTileset = BuiltTileset & {
  tiles?: { sourceLayers?: string[]; epochs?: string[]; externalDir?: string };
};

/**
 * Builds into a staging folder, swaps it in and catalogues it in one transaction (imports
 * use it too). `kind` names the folder before the build runs; the builder must agree.
 */
export async function runStaged(
  db: Db,
  tilesDir: string,
  kind: TilesetKind,
  name: string,
  control: BuildControl,
  build: (dir: string) => Promise<StagedTileset>,
): Promise<TilesSummary> {
  const started = control.now().getTime();
  checkName(db, name);
  const relative = `${FOLDER[kind]}/${name}`;
  const staged = stageOutput(tilesDir, relative);
  let built: StagedTileset;
  try {
    built = await build(staged.dir);
    if (built.kind !== kind || built.root !== ROOT_FILE[kind]) {
      throw new CimError('internal', { message: `a ${kind} build returned ${built.kind} ${built.root}` }, 'internal');
    }
  } catch (err) {
    staged.discard();
    throw err;
  }
  const root = `${relative}/${built.root}`;
  const swap = staged.commit();
  try {
    db.transaction(() =>
      addTiledLayer(db, {
        name,
        title: name,
        kind,
        sourceCrs: built.sourceCrs,
        sourceFile: built.sourceFile,
        tiles: { sourceLayers: [], epochs: [], ...built.tiles, root },
        meta: {
          geometryType: built.geometryType,
          featureCount: built.featureCount,
          fields: built.fields,
          bbox: built.bbox,
        },
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

const rasterSource = (file: string): RasterSource => ({
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
      const built = await buildBuildingTiles(
        dir,
        {
          layers: opts.layers.map((layer, i) => ({ layer: footprintLayer(db, layer), epoch: epochs[i] ?? layer })),
          idField: opts.idField ?? 'bldg_id',
          // storeys asked for and no height field named: heights are storeys x 3 m
          heightField: opts.heightField ?? (opts.floorsField ? '' : 'height_m'),
          floorsField: opts.floorsField,
          heights,
          maxPerTile: opts.maxPerTile,
        },
        control,
      );
      return { ...built, tiles: { sourceLayers: opts.layers, epochs } };
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
