/**
 * A vector layer draped on the terrain as image tiles drawn in the page (TerriaJS and
 * Cesium's own MVT imagery do the same). Ground primitives would cost several full-screen
 * classification passes per frame, which software WebGL cannot afford on terrain; image
 * tiles are textures the globe draws anyway, and they never paint the faces of buildings.
 * It implements Cesium's ImageryProvider interface itself.
 */
import { Event, GeographicTilingScheme, Rectangle, type Credit, type ImageryTypes } from 'cesium';
import type { Extent, VectorIndex } from './features.js';
import { paintTile, type TileSymbology } from './paint-tile.js';

const TILE_PX = 256;
/** Deep enough to draw a parcel edge crisply from a few metres up. */
const MAX_LEVEL = 22;
/** Strokes and points reach past the features' extent; the rectangle takes them in. */
const PAD_DEG = 0.002;

export class VectorImageryProvider {
  readonly tilingScheme = new GeographicTilingScheme();
  readonly tileWidth = TILE_PX;
  readonly tileHeight = TILE_PX;
  readonly minimumLevel = 0;
  readonly maximumLevel = MAX_LEVEL;
  readonly rectangle: Rectangle;
  readonly tileDiscardPolicy = undefined;
  readonly errorEvent = new Event();
  readonly credit: Credit | undefined = undefined;
  readonly proxy = undefined;
  readonly hasAlphaChannel = true;
  private readonly blank: HTMLCanvasElement;

  constructor(
    private readonly layer: VectorIndex,
    private readonly symbology: TileSymbology,
  ) {
    const e: Extent = layer.extent ?? [0, 0, 0, 0];
    this.rectangle = Rectangle.fromDegrees(
      Math.max(e[0] - PAD_DEG, -180),
      Math.max(e[1] - PAD_DEG, -90),
      Math.min(e[2] + PAD_DEG, 180),
      Math.min(e[3] + PAD_DEG, 90),
    );
    this.blank = document.createElement('canvas');
    this.blank.width = 1;
    this.blank.height = 1;
  }

  getTileCredits(): Credit[] {
    return [];
  }

  requestImage(x: number, y: number, level: number): Promise<ImageryTypes> {
    const r = this.tilingScheme.tileXYToRectangle(x, y, level);
    const toDeg = 180 / Math.PI;
    const canvas = document.createElement('canvas');
    canvas.width = TILE_PX;
    canvas.height = TILE_PX;
    const drawn = paintTile(
      canvas,
      this.layer,
      [r.west * toDeg, r.south * toDeg, r.east * toDeg, r.north * toDeg],
      this.symbology,
    );
    return Promise.resolve(drawn ? canvas : this.blank);
  }

  pickFeatures(): undefined {
    return undefined;
  }
}
