/**
 * The `layer.json` our tile builders write beside terrain and imagery pyramids (tiles/): a
 * geographic tiling scheme (2 x 1 tiles at level 0, x from the west, y from the north) and
 * the tile ranges present at each level. Every tile inside a range exists.
 */
export interface TileRange {
  level: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface PyramidJson {
  tilingScheme: 'geographic';
  tileSize: number;
  minLevel: number;
  maxLevel: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
  levels: TileRange[];
}

export interface HeightmapLayerJson extends PyramidJson {
  format: 'cim-heightmap-1';
  encoding: 'f32le';
  outsideHeightM: number;
  heightRangeM: [number, number];
}

export interface ImageryLayerJson extends PyramidJson {
  format: 'cim-imagery-1';
  imageFormat: 'png' | 'webp' | 'jpg';
}

function isRange(value: unknown): value is TileRange {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['level', 'minX', 'minY', 'maxX', 'maxY'].every((k) => Number.isInteger(r[k]));
}

function isPyramid(value: unknown): value is PyramidJson {
  if (typeof value !== 'object' || value === null) return false;
  const j = value as Record<string, unknown>;
  return (
    j.tilingScheme === 'geographic' &&
    Number.isInteger(j.tileSize) &&
    Number.isInteger(j.minLevel) &&
    Number.isInteger(j.maxLevel) &&
    Array.isArray(j.bounds) &&
    j.bounds.length === 4 &&
    j.bounds.every((n) => typeof n === 'number') &&
    Array.isArray(j.levels) &&
    j.levels.every(isRange)
  );
}

export function parseHeightmapLayer(value: unknown): HeightmapLayerJson | null {
  if (!isPyramid(value)) return null;
  const j = value as unknown as Record<string, unknown>;
  return j.format === 'cim-heightmap-1' && j.encoding === 'f32le' && typeof j.outsideHeightM === 'number'
    ? (value as HeightmapLayerJson)
    : null;
}

export function parseImageryLayer(value: unknown): ImageryLayerJson | null {
  if (!isPyramid(value)) return null;
  const j = value as unknown as Record<string, unknown>;
  return j.format === 'cim-imagery-1' && typeof j.imageFormat === 'string' ? (value as ImageryLayerJson) : null;
}

/** Lookup of which tiles exist. */
export class TileRanges {
  private readonly byLevel = new Map<number, TileRange>();

  constructor(ranges: readonly TileRange[]) {
    for (const r of ranges) this.byLevel.set(r.level, r);
  }

  has(x: number, y: number, level: number): boolean {
    const r = this.byLevel.get(level);
    return r !== undefined && x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
  }

  all(): TileRange[] {
    return [...this.byLevel.values()].sort((a, b) => a.level - b.level);
  }
}
