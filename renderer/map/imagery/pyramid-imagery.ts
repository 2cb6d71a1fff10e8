/**
 * Cesium imagery from our image pyramid (tiles/imagery: `layer.json` + `{z}/{x}/{y}.png`, y from
 * the north). Cesium asks only for tiles touching the provider's rectangle; a tile our builder
 * did not write (a rounding difference at the very edge) is answered with a transparent tile
 * rather than a request that would fail.
 */
import {
  GeographicTilingScheme,
  Rectangle,
  UrlTemplateImageryProvider,
  type ImageryTypes,
  type Request,
  type Resource,
} from 'cesium';
import { TileRanges, type ImageryLayerJson } from '../tile-layer-json.js';

/** Keeps Cesium's tile computation off tile boundaries the bounds may lie on exactly. */
const EDGE_EPSILON_RAD = 1e-10;

function transparentTile(size: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  return canvas;
}

export class PyramidImageryProvider extends UrlTemplateImageryProvider {
  private readonly ranges: TileRanges;
  private readonly blank: HTMLCanvasElement;

  constructor(layer: ImageryLayerJson, folder: Resource) {
    const [west, south, east, north] = layer.bounds;
    const rectangle = Rectangle.fromDegrees(west, south, east, north);
    rectangle.west += EDGE_EPSILON_RAD;
    rectangle.south += EDGE_EPSILON_RAD;
    rectangle.east -= EDGE_EPSILON_RAD;
    rectangle.north -= EDGE_EPSILON_RAD;
    super({
      url: folder.getDerivedResource({ url: `{z}/{x}/{y}.${layer.imageFormat}` }),
      tilingScheme: new GeographicTilingScheme(),
      rectangle,
      tileWidth: layer.tileSize,
      tileHeight: layer.tileSize,
      minimumLevel: layer.minLevel,
      maximumLevel: layer.maxLevel,
      enablePickFeatures: false,
    });
    this.ranges = new TileRanges(layer.levels);
    this.blank = transparentTile(layer.tileSize);
  }

  override requestImage(x: number, y: number, level: number, request?: Request): Promise<ImageryTypes> | undefined {
    if (!this.ranges.has(x, y, level)) return Promise.resolve(this.blank);
    return super.requestImage(x, y, level, request);
  }
}
