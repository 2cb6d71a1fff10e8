/**
 * Polygon and line layers (parcels, plans, roads, pipes, conflicts): the workspace streams
 * the layer as GeoJSON, the page draws it into image tiles draped on the terrain (see
 * vector/vector-imagery.ts), and picking tests the ground point against the features.
 */
import { ImageryLayer, type CesiumWidget, type ImageryProvider } from 'cesium';
import type { LayerEntry, LayerStyle } from '../../../common/contract/index.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import type { Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import { passesFilter } from '../../style/layer-filter.js';
import { indexOf, parseFeatures, type VectorFeature, type VectorIndex } from '../vector/features.js';
import { featureAt, featuresAt } from '../vector/hit-test.js';
import { HIGHLIGHT_STYLE } from '../vector/highlight-style.js';
import { VectorImageryProvider } from '../vector/vector-imagery.js';
import { DrapedImageryAdapter } from './draped-imagery-adapter.js';
import type { LayerAdapter } from './layer-adapter.js';

export class VectorImageryAdapter extends DrapedImageryAdapter implements LayerAdapter {
  private all: VectorFeature[] = [];
  private data: VectorIndex | null = null;
  private filterKey = 'null';
  private style: LayerStyle;
  private thematic: ResolvedThematic | null = null;
  private highlightLayer: ImageryLayer | null = null;

  constructor(
    viewer: CesiumWidget,
    flights: Flights,
    entry: LayerEntry,
    private readonly url: string,
    onImagery: () => void,
  ) {
    super(viewer, flights, entry, onImagery);
    this.style = entry.style;
  }

  add(): Promise<void> {
    return this.loading(async () => {
      const response = await fetch(this.url);
      if (!response.ok) throw new TypeError(`${this.name}: HTTP ${String(response.status)}`);
      const all = parseFeatures(await response.json());
      if (this.removed) return;
      this.all = all;
      this.refilter();
      this.redraw();
    });
  }

  /** The features the layer's filter lets through, indexed for drawing and picking. */
  private refilter(): void {
    const filter = this.style.filter ?? null;
    this.filterKey = JSON.stringify(filter);
    this.data = indexOf(filter ? this.all.filter((f) => passesFilter(f.properties, filter)) : this.all);
  }

  /** A new provider draws every tile afresh in the current style, in the layer's place. */
  private redraw(): void {
    if (!this.data || this.removed) return;
    const { imageryLayers } = this.viewer;
    const old = this.layer;
    const index = old ? imageryLayers.indexOf(old) : -1;
    const provider = new VectorImageryProvider(this.data, { style: this.style, thematic: this.thematic });
    const layer = new ImageryLayer(provider as unknown as ImageryProvider, { show: this.visible, alpha: this.opacity });
    imageryLayers.add(layer, index >= 0 ? index : undefined);
    if (old) imageryLayers.remove(old, true);
    this.layer = layer;
    this.onImagery();
    this.viewer.scene.requestRender();
  }

  setStyle(style: LayerStyle): void {
    this.style = style;
    if (this.data && JSON.stringify(style.filter ?? null) !== this.filterKey) this.refilter();
    this.redraw();
  }

  setThematic(thematic: ResolvedThematic | null): void {
    this.thematic = thematic;
    this.redraw();
  }

  /** The feature under a ground point, `toleranceDeg` the pick radius (a few pixels) in degrees. */
  pickGround(lonDeg: number, latDeg: number, toleranceDeg: number): PickedFeature | null {
    if (!this.data || !this.visible) return null;
    const f = featureAt(this.data, lonDeg, latDeg, toleranceDeg);
    return f ? { layer: this.name, fid: f.id, properties: f.properties } : null;
  }

  /** Every feature under a ground point, topmost first. */
  identifyGround(lonDeg: number, latDeg: number, toleranceDeg: number): PickedFeature[] {
    if (!this.data || !this.visible) return [];
    return featuresAt(this.data, lonDeg, latDeg, toleranceDeg).map((f) => ({
      layer: this.name,
      fid: f.id,
      properties: f.properties,
    }));
  }

  /**
   * Outlines the feature with this id above every layer (null: none). Drawn as its own
   * imagery layer, so it shows the same in 2D and 3D and needs no ground primitives.
   */
  highlight(fid: number | string | null): void {
    if (this.highlightLayer) this.viewer.imageryLayers.remove(this.highlightLayer, true);
    this.highlightLayer = null;
    const feature = fid === null ? undefined : this.all.find((f) => f.id === fid);
    if (feature && !this.removed) {
      const provider = new VectorImageryProvider(indexOf([feature]), { style: HIGHLIGHT_STYLE, thematic: null });
      this.highlightLayer = this.viewer.imageryLayers.addImageryProvider(provider as unknown as ImageryProvider);
    }
    this.viewer.scene.requestRender();
  }

  override remove(): void {
    this.highlight(null);
    super.remove();
  }

  /** The highlight outline's imagery layer, kept on top of the stack by the controller. */
  highlightImagery(): ImageryLayer | null {
    return this.highlightLayer;
  }

  /** The features the layer shows (its filter applied), for labelling; null until loaded. */
  labelFeatures(): VectorIndex | null {
    return this.data;
  }

  /** Whether the layer is drawn hatched (its thematic style says so and is resolved). */
  hatched(): boolean {
    return this.layer !== null && this.thematic !== null && this.style.thematic?.hatch === true;
  }
}
