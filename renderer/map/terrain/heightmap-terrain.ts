/**
 * Cesium terrain from our heightmap pyramid (tiles/terrain: `layer.json` + 65 x 65 float32
 * tiles). It implements Cesium's TerrainProvider interface itself rather than using
 * CustomHeightmapTerrainProvider, which marks every child available: with that, Cesium asks
 * for ever deeper tiles that do not exist and never settles. Here a tile says which children
 * exist; below the pyramid's deepest level and outside its coverage Cesium upsamples the
 * parent (flat at `outsideHeightM` outside the DEM, so the city does not sit on a cliff).
 */
import {
  Ellipsoid,
  Event,
  GeographicTilingScheme,
  HeightmapTerrainData,
  Request,
  Resource,
  TerrainProvider,
  TileAvailability,
  type Credit,
  type TerrainData,
} from 'cesium';
import { TileRanges, type HeightmapLayerJson } from '../tile-layer-json.js';

/** HeightmapTerrainData.childTileMask bits (Cesium: SW 1, SE 2, NW 4, NE 8). */
const SW = 1;
const SE = 2;
const NW = 4;
const NE = 8;

export class HeightmapTerrain {
  readonly tilingScheme = new GeographicTilingScheme({ ellipsoid: Ellipsoid.WGS84 });
  readonly errorEvent = new Event();
  readonly credit: Credit | undefined = undefined;
  readonly hasWaterMask = false;
  readonly hasVertexNormals = false;
  readonly availability: TileAvailability;
  private readonly ranges: TileRanges;
  private readonly levelZeroErrorM: number;
  private readonly flat: Float32Array;

  constructor(
    private readonly layer: HeightmapLayerJson,
    /** Resource of the layer's folder (with the host's token); tiles are `{z}/{x}/{y}.f32` under it. */
    private readonly base: Resource,
  ) {
    this.ranges = new TileRanges(layer.levels);
    this.availability = new TileAvailability(this.tilingScheme, layer.maxLevel);
    // Both root tiles exist for every position: outside coverage they are flat.
    this.availability.addAvailableTileRange(0, 0, 0, 1, 0);
    for (const r of this.ranges.all()) {
      if (r.level > 0) this.availability.addAvailableTileRange(r.level, r.minX, r.minY, r.maxX, r.maxY);
    }
    this.levelZeroErrorM = TerrainProvider.getEstimatedLevelZeroGeometricErrorForAHeightmap(
      this.tilingScheme.ellipsoid,
      layer.tileSize,
      this.tilingScheme.getNumberOfXTilesAtLevel(0),
    );
    this.flat = new Float32Array(layer.tileSize * layer.tileSize).fill(layer.outsideHeightM);
  }

  get outsideHeightM(): number {
    return this.layer.outsideHeightM;
  }

  private childMask(x: number, y: number, level: number): number {
    if (level >= this.layer.maxLevel) return 0;
    const l = level + 1;
    let mask = 0;
    if (this.ranges.has(2 * x, 2 * y, l)) mask |= NW;
    if (this.ranges.has(2 * x + 1, 2 * y, l)) mask |= NE;
    if (this.ranges.has(2 * x, 2 * y + 1, l)) mask |= SW;
    if (this.ranges.has(2 * x + 1, 2 * y + 1, l)) mask |= SE;
    return mask;
  }

  private terrainData(buffer: Float32Array, x: number, y: number, level: number): TerrainData {
    return new HeightmapTerrainData({
      buffer,
      width: this.layer.tileSize,
      height: this.layer.tileSize,
      childTileMask: this.childMask(x, y, level),
    });
  }

  requestTileGeometry(x: number, y: number, level: number, request?: Request): Promise<TerrainData> | undefined {
    if (!this.ranges.has(x, y, level)) return Promise.resolve(this.terrainData(this.flat, x, y, level));
    const tile = this.base.getDerivedResource({ url: `${String(level)}/${String(x)}/${String(y)}.f32`, request });
    const fetched = tile.fetchArrayBuffer();
    if (!fetched) return undefined;
    return fetched.then((bytes) => {
      const expected = this.layer.tileSize * this.layer.tileSize * 4;
      if (!(bytes instanceof ArrayBuffer) || bytes.byteLength !== expected) {
        throw new RangeError(
          `terrain tile ${String(level)}/${String(x)}/${String(y)} is not ${String(expected)} bytes`,
        );
      }
      return this.terrainData(new Float32Array(bytes), x, y, level);
    });
  }

  getLevelMaximumGeometricError(level: number): number {
    return this.levelZeroErrorM / (1 << level);
  }

  getTileDataAvailable(x: number, y: number, level: number): boolean {
    return level === 0 || this.ranges.has(x, y, level);
  }

  loadTileDataAvailability(): undefined {
    return undefined;
  }
}

export async function loadHeightmapTerrain(
  layerJson: Resource,
  parse: (value: unknown) => HeightmapLayerJson | null,
): Promise<HeightmapTerrain> {
  const json: unknown = await layerJson.fetchJson();
  const layer = parse(json);
  if (!layer) throw new TypeError(`${layerJson.url} is not a cim-heightmap-1 layer.json`);
  return new HeightmapTerrain(layer, layerJson.getDerivedResource({ url: './' }));
}
