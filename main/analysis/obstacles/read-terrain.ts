/**
 * Terrain for ray casting: a terrain layer's deepest heightmap tiles (the surface the globe
 * shows, tiles/tiles3d/heights.ts) resampled into a TerrainGrid over a box of the local frame.
 * The grid spacing is the caller's (the analyses use 5 m, finer than the demo DEM's 10 m);
 * very large boxes coarsen it so the grid stays under 4 million nodes. Environment: node.
 */
import path from 'node:path';
import { CimError } from '../../../common/errors.js';
import { terrainHeights } from '../../../tiles/tiles3d/heights.js';
import { getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import type { LocalFrame } from './frame.js';
import { makeTerrainGrid, type TerrainGrid } from './terrain-grid.js';

const MAX_NODES = 4_000_000;

/** The workspace's tiles folder (`W.tiles` beside `W.gpkg`), from its connection. */
export function tilesDirOf(db: Db): string {
  return db.name.replace(/\.gpkg$/i, '') + '.tiles';
}

export async function readTerrainGrid(
  db: Db,
  tilesDir: string,
  layer: string,
  frame: LocalFrame,
  box: { minX: number; minY: number; maxX: number; maxY: number },
  cellM = 5,
): Promise<TerrainGrid> {
  const entry = getLayer(db, layer);
  if (entry.kind !== 'terrain' || !entry.tiles) throw new CimError('sunlight.not_terrain', { layer });
  const sampler = terrainHeights(path.join(tilesDir, path.posix.dirname(entry.tiles.root)));
  try {
    let cell = cellM;
    const w = box.maxX - box.minX;
    const h = box.maxY - box.minY;
    while ((w / cell + 1) * (h / cell + 1) > MAX_NODES) cell *= 2;
    const nx = Math.max(2, Math.ceil(w / cell) + 1);
    const ny = Math.max(2, Math.ceil(h / cell) + 1);
    const lonLat: [number, number][] = [];
    const out = new Float64Array(2);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        frame.toLonLat(box.minX + i * cell, box.minY + j * cell, out);
        lonLat.push([out[0] ?? 0, out[1] ?? 0]);
      }
    const heights = await sampler.heightsAt(lonLat);
    const grid = new Float32Array(heights.map((v) => (Number.isFinite(v) ? v : 0)));
    const outside = grid.reduce((a, b) => Math.min(a, b), Infinity);
    return makeTerrainGrid(box.minX, box.minY, cell, nx, ny, grid, Number.isFinite(outside) ? outside : 0);
  } finally {
    await sampler.close();
  }
}
