/**
 * A DEM as the terrain analyses read it: one band of heights on a north-up grid in a
 * projected metric CRS (the DEM's own, or the Gauss-Krüger zone it was reprojected to),
 * row 0 the northern row, as GDAL orders it. Cell (col, row) stands for its centre.
 * Pure; environment: common.
 */

export interface Dem {
  width: number;
  height: number;
  /** CRS x, y of the top-left corner of cell (0, 0). */
  originX: number;
  originY: number;
  /** Cell size along x and y, metres (both positive). */
  cellX: number;
  cellY: number;
  /** Row-major from the north row; `nodata` (or NaN) where there is no height. */
  data: Float32Array;
  nodata: number | null;
  /** Semi-major axis of the CRS's ellipsoid (earth curvature), metres. */
  semiMajorM: number;
}

export function makeDem(d: Omit<Dem, 'semiMajorM'> & { semiMajorM?: number }): Dem {
  return { ...d, semiMajorM: d.semiMajorM ?? 6378137 };
}

export function isValid(dem: Dem, v: number): boolean {
  return Number.isFinite(v) && (dem.nodata === null || v !== dem.nodata) && v > -1e30;
}

/** The cell (col, row) holding x, y (may be off the grid). */
export function cellOf(dem: Dem, x: number, y: number): [number, number] {
  return [Math.floor((x - dem.originX) / dem.cellX), Math.floor((dem.originY - y) / dem.cellY)];
}

export function inside(dem: Dem, col: number, row: number): boolean {
  return col >= 0 && row >= 0 && col < dem.width && row < dem.height;
}

export function centreX(dem: Dem, col: number): number {
  return dem.originX + (col + 0.5) * dem.cellX;
}

export function centreY(dem: Dem, row: number): number {
  return dem.originY - (row + 0.5) * dem.cellY;
}

/** The height of a cell, or NaN (nodata, off the grid). */
function cellHeight(dem: Dem, col: number, row: number): number {
  if (!inside(dem, col, row)) return NaN;
  const v = dem.data[row * dem.width + col] ?? NaN;
  return isValid(dem, v) ? v : NaN;
}

/**
 * The height at x, y, bilinear between the four nearest cell centres (clamped at the
 * edges); where one of them has no height, the nearest cell's height; NaN off the grid or
 * on a nodata cell.
 */
export function heightAt(dem: Dem, x: number, y: number): number {
  const [c, r] = cellOf(dem, x, y);
  if (!inside(dem, c, r)) return NaN;
  const fx = Math.min(Math.max((x - dem.originX) / dem.cellX - 0.5, 0), dem.width - 1);
  const fy = Math.min(Math.max((dem.originY - y) / dem.cellY - 0.5, 0), dem.height - 1);
  const i = Math.min(Math.floor(fx), Math.max(dem.width - 2, 0));
  const j = Math.min(Math.floor(fy), Math.max(dem.height - 2, 0));
  const tx = dem.width > 1 ? fx - i : 0;
  const ty = dem.height > 1 ? fy - j : 0;
  const a = cellHeight(dem, i, j);
  const b = dem.width > 1 ? cellHeight(dem, i + 1, j) : a;
  const cc = dem.height > 1 ? cellHeight(dem, i, j + 1) : a;
  const d = dem.width > 1 && dem.height > 1 ? cellHeight(dem, i + 1, j + 1) : a;
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(cc) || Number.isNaN(d)) return cellHeight(dem, c, r);
  return (a * (1 - tx) + b * tx) * (1 - ty) + (cc * (1 - tx) + d * tx) * ty;
}

/** Lowest and highest valid heights. */
export function heightRange(dem: Dem): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of dem.data) {
    if (!isValid(dem, v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Earth curvature and refraction: the drop of the surface at distance d (GDAL's formula). */
export function curvatureDrop(dem: Dem, curvCoeff: number, d2: number): number {
  return curvCoeff === 0 ? 0 : (curvCoeff * d2) / (2 * dem.semiMajorM);
}
