/**
 * Cesium's GeographicTilingScheme (EPSG:4326 plate carrée): 2 x 1 tiles at level 0, each
 * level splitting every tile in four; x counts from the west (-180°), y from the NORTH
 * (+90°). Shared by the terrain and imagery pyramids and by the renderer's providers.
 * Pure; environment: common.
 */

/** [west, south, east, north] in degrees. */
export type BoundsDeg = [number, number, number, number];

export interface TileRange {
  level: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Degrees spanned by one tile at `level`, in both longitude and latitude. */
export function tileSpanDeg(level: number): number {
  return 180 / 2 ** level;
}

function tilesAcross(level: number): { x: number; y: number } {
  return { x: 2 ** (level + 1), y: 2 ** level };
}

/** Bounds of tile (x, y) at `level`. */
export function tileBounds(level: number, x: number, y: number): BoundsDeg {
  const d = tileSpanDeg(level);
  return [-180 + x * d, 90 - (y + 1) * d, -180 + (x + 1) * d, 90 - y * d];
}

/**
 * Longitude of grid line `i` of a level cut into `samplesPerTile` intervals per tile:
 * computed from the global index, so two tiles sharing an edge get bit-identical positions.
 */
export function gridLon(level: number, samplesPerTile: number, i: number): number {
  return -180 + (i * tileSpanDeg(level)) / samplesPerTile;
}

export function gridLat(level: number, samplesPerTile: number, j: number): number {
  return 90 - (j * tileSpanDeg(level)) / samplesPerTile;
}

/** Tiles at `level` that intersect `bounds` (a bound on a tile edge does not pull in the next tile). */
export function tileRange(level: number, bounds: BoundsDeg): TileRange {
  const d = tileSpanDeg(level);
  const n = tilesAcross(level);
  const clamp = (v: number, max: number): number => Math.min(Math.max(v, 0), max - 1);
  const [w, s, e, north] = bounds;
  return {
    level,
    minX: clamp(Math.floor((w + 180) / d), n.x),
    minY: clamp(Math.floor((90 - north) / d), n.y),
    maxX: clamp(Math.ceil((e + 180) / d) - 1, n.x),
    maxY: clamp(Math.ceil((90 - s) / d) - 1, n.y),
  };
}

export function* tilesIn(range: TileRange): Generator<{ x: number; y: number }> {
  for (let y = range.minY; y <= range.maxY; y++) for (let x = range.minX; x <= range.maxX; x++) yield { x, y };
}

export function tileCount(range: TileRange): number {
  return (range.maxX - range.minX + 1) * (range.maxY - range.minY + 1);
}

/** Metres per degree of latitude (mean, WGS 84): what "about the cell size" is measured in. */
export const M_PER_DEG_LAT = 111_320;

/**
 * The first level whose sample spacing (`intervalsPerTile` intervals per tile, measured
 * north-south) is no coarser than `cellSizeM`.
 */
export function levelForResolution(cellSizeM: number, intervalsPerTile: number, maxLevel = 22): number {
  const level = Math.ceil(Math.log2((180 * M_PER_DEG_LAT) / (intervalsPerTile * cellSizeM)) - 1e-9);
  return Math.min(Math.max(level, 0), maxLevel);
}
