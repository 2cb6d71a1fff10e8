/**
 * Flood inundation (淹没分析) at a water level: a cell is flooded when its height is below the
 * level. With a seed, only the cells joined to the seed's cell through flooded cells (sharing
 * an edge: 4-connected, so water does not leak through a corner) are flooded, and a basin
 * behind a ridge above the level stays dry; without one, every cell below the level is.
 * Depth = level − height; volume = Σ depth · cell area in the DEM's projected CRS.
 * Pure; environment: common.
 */
import { CimError } from '../../../common/errors.js';
import { cellOf, heightRange, inside, isValid, type Dem } from './dem.js';

export interface FloodResult {
  levelM: number;
  seeded: boolean;
  /** Depth per DEM cell (0 where dry). */
  depth: Float32Array;
  floodedCells: number;
  floodedAreaM2: number;
  volumeM3: number;
  maxDepthM: number;
  minGroundM: number;
  /** The level was below the lowest cell: nothing floods (a stated result, not an error). */
  belowLowest: boolean;
}

export function flood(dem: Dem, levelM: number, seed?: { x: number; y: number }): FloodResult {
  const n = dem.width * dem.height;
  const depth = new Float32Array(n);
  const { min } = heightRange(dem);
  const cellArea = dem.cellX * dem.cellY;
  const out = (cells: number, vol: number, maxD: number): FloodResult => ({
    levelM,
    seeded: seed !== undefined,
    depth,
    floodedCells: cells,
    floodedAreaM2: cells * cellArea,
    volumeM3: vol,
    maxDepthM: maxD,
    minGroundM: min,
    belowLowest: !(levelM > min),
  });
  const wet = (k: number): boolean => {
    const v = dem.data[k] ?? NaN;
    return isValid(dem, v) && v < levelM;
  };
  if (seed) {
    const [c, r] = cellOf(dem, seed.x, seed.y);
    if (!inside(dem, c, r)) throw new CimError('terrain.seed_outside', {});
    const k0 = r * dem.width + c;
    const g = dem.data[k0] ?? NaN;
    if (!isValid(dem, g)) throw new CimError('terrain.seed_nodata', {});
    if (!wet(k0)) throw new CimError('terrain.seed_dry', { groundM: g.toFixed(2), levelM: levelM.toFixed(2) });
  }
  if (!(levelM > min)) return out(0, 0, 0);
  let cells = 0;
  let vol = 0;
  let maxD = 0;
  const mark = (k: number): void => {
    const d = levelM - (dem.data[k] ?? 0);
    depth[k] = d;
    cells++;
    vol += d * cellArea;
    if (d > maxD) maxD = d;
  };
  if (!seed) {
    for (let k = 0; k < n; k++) if (wet(k)) mark(k);
    return out(cells, vol, maxD);
  }
  const [c, r] = cellOf(dem, seed.x, seed.y);
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const k0 = r * dem.width + c;
  stack[top++] = k0;
  seen[k0] = 1;
  const w = dem.width;
  while (top > 0) {
    const k = stack[--top] ?? 0;
    mark(k);
    const col = k % w;
    const next = [col > 0 ? k - 1 : -1, col < w - 1 ? k + 1 : -1, k - w, k + w];
    for (const m of next) {
      if (m < 0 || m >= n || seen[m]) continue;
      seen[m] = 1;
      if (wet(m)) stack[top++] = m;
    }
  }
  return out(cells, vol, maxD);
}
