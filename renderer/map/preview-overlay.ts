/**
 * The extent of a file being previewed for import, drawn before anything is written: the
 * sample features as draped image tiles (like every vector layer), above all other layers.
 */
import { ImageryLayer, type CesiumWidget, type ImageryProvider } from 'cesium';
import type { BBoxLonLat, LayerStyle } from '../../common/contract/index.js';
import { rectangleAround, type Flights } from './camera-moves.js';
import { indexFeatures } from './vector/features.js';
import type { TileSymbology } from './vector/paint-tile.js';
import { VectorImageryProvider } from './vector/vector-imagery.js';

const PREVIEW_STYLE: LayerStyle = {
  fillColor: '#fa8c16',
  fillOpacity: 0.25,
  strokeColor: '#fa541c',
  strokeWidthPx: 2,
  pointSizePx: 6,
};

export class PreviewOverlay {
  private readonly viewer: CesiumWidget;
  private readonly flights: Flights;
  private layer: ImageryLayer | null = null;

  constructor(viewer: CesiumWidget, flights: Flights) {
    this.viewer = viewer;
    this.flights = flights;
  }

  /** `look` draws it in another style (a flood's rising water); the import preview's orange otherwise. */
  show(geoJson: unknown, bbox: BBoxLonLat | null, look?: Partial<TileSymbology>): Promise<void> {
    this.clear();
    if (bbox) void this.flights.fly(this.viewer.camera, rectangleAround(bbox));
    if (typeof geoJson !== 'object' || geoJson === null) return Promise.resolve();
    const provider = new VectorImageryProvider(indexFeatures(geoJson), {
      style: look?.style ?? PREVIEW_STYLE,
      thematic: look?.thematic ?? null,
    });
    this.layer = this.viewer.imageryLayers.addImageryProvider(provider as unknown as ImageryProvider);
    this.viewer.scene.requestRender();
    return Promise.resolve();
  }

  /** Keeps the preview above layers added after it. */
  raise(): void {
    if (this.layer) this.viewer.imageryLayers.raiseToTop(this.layer);
  }

  clear(): void {
    if (this.layer) this.viewer.imageryLayers.remove(this.layer, true);
    this.layer = null;
    this.viewer.scene.requestRender();
  }

  isReady(): boolean {
    return true;
  }
}
