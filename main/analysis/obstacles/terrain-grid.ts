/**
 * Terrain as a regular height grid in the local frame (frame.ts): heights in metres on the
 * same vertical datum as the buildings' bases, bilinear between nodes; outside the grid the
 * ground is `outsideM`. Without a terrain layer there is no grid and the ground is flat at 0 m.
 * Environment: common.
 */

export interface TerrainGrid {
  /** Local x, y of node (0, 0), the south-west corner. */
  x0: number;
  y0: number;
  cellM: number;
  nx: number;
  ny: number;
  /** Row-major from the south row, west to east; length nx · ny. */
  heights: Float32Array;
  maxM: number;
  outsideM: number;
}

export function makeTerrainGrid(
  x0: number,
  y0: number,
  cellM: number,
  nx: number,
  ny: number,
  heights: Float32Array,
  outsideM: number,
): TerrainGrid {
  let maxM = outsideM;
  for (const h of heights) if (h > maxM) maxM = h;
  return { x0, y0, cellM, nx, ny, heights, maxM, outsideM };
}

/** Ground height at a local point (bilinear; `outsideM` off the grid). */
export function groundAt(g: TerrainGrid | null, x: number, y: number): number {
  if (!g) return 0;
  const fx = (x - g.x0) / g.cellM;
  const fy = (y - g.y0) / g.cellM;
  if (!(fx >= 0 && fy >= 0 && fx <= g.nx - 1 && fy <= g.ny - 1)) return g.outsideM;
  const i = Math.min(Math.floor(fx), g.nx - 2);
  const j = Math.min(Math.floor(fy), g.ny - 2);
  const tx = fx - i;
  const ty = fy - j;
  const h = g.heights;
  const k = j * g.nx + i;
  const a = h[k] ?? 0;
  const b = h[k + 1] ?? 0;
  const c = h[k + g.nx] ?? 0;
  const d = h[k + g.nx + 1] ?? 0;
  return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
}

/**
 * Whether the ground rises above a ray leaving (x, y, z) horizontally along (ux, uy) (a unit
 * vector) and climbing `tan` metres per metre, before it clears the highest ground. Marched
 * at half a cell; the ray is blocked where the ground is above it.
 */
export function terrainBlocks(
  g: TerrainGrid | null,
  x: number,
  y: number,
  z: number,
  ux: number,
  uy: number,
  tan: number,
): boolean {
  if (!g || z >= g.maxM) return false;
  if (tan <= 0) return true;
  const step = g.cellM / 2;
  const reach = (g.maxM - z) / tan;
  for (let s = step; s <= reach; s += step) {
    if (groundAt(g, x + s * ux, y + s * uy) > z + s * tan) return true;
  }
  return false;
}
