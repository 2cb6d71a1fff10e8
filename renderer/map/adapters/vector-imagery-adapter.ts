/**
 * Polygon and line layers (parcels, plans, roads, pipes, conflicts): the workspace streams
 * the layer as GeoJSON, the page draws it into image tiles draped on the terrain (see
 * vector/vector-imagery.ts), and picking tests the ground point against the features.
 */
import { ImageryLayer, type CesiumWidget, type ImageryProvider } from 'cesium';
import type { LayerEntry, LayerStyle } from '../../../main/api/contract.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import { passesFilter } from '../../style/layer-filter.js';
import { indexOf, parseFeatures, type VectorFeature, type VectorIndex } from '../vector/features.js';
import { featureAt } from '../vector/hit-test.js';
import { VectorImageryProvider } from '../vector/vector-imagery.js';
import type { LayerAdapter } from './layer-adapter.js';

export class VectorImageryAdapter implements LayerAdapter {
  readonly name: string;
  private all: VectorFeature[] = [];
  private data: VectorIndex | null = null;
  private filterKey = 'null';
  private layer: ImageryLayer | null = null;
  private removed = false;
  private failed = false;
  private visible: boolean;
  private opacity: number;
  private order: number;
  private style: LayerStyle;
  private thematic: ResolvedThematic | null = null;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    private readonly entry: LayerEntry,
    private readonly url: string,
    /** The imagery stack changed: the controller re-sorts it by the tree's order. */
    private readonly onImagery: () => void,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.order = entry.order;
    this.style = entry.style;
  }

  async add(): Promise<void> {
    try {
      const response = await fetch(this.url);
      if (!response.ok) throw new TypeError(`${this.name}: HTTP ${String(response.status)}`);
      const all = parseFeatures(await response.json());
      if (this.removed) return;
      this.all = all;
      this.refilter();
      this.redraw();
    } catch (err) {
      this.failed = true;
      throw err;
    }
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

  drawOrder(): number {
    return this.order;
  }

  imageryLayer(): ImageryLayer | null {
    return this.layer;
  }

  remove(): void {
    this.removed = true;
    if (this.layer) this.viewer.imageryLayers.remove(this.layer, true);
    this.layer = null;
    this.viewer.scene.requestRender();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.layer) this.layer.show = visible;
    this.viewer.scene.requestRender();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    if (this.layer) this.layer.alpha = opacity;
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

  setDrawOrder(order: number): void {
    this.order = order;
    this.onImagery();
  }

  pick(): PickedFeature | null {
    // Image tiles are not scene primitives: see pickGround.
    return null;
  }

  /** The feature under a ground point, `toleranceDeg` the pick radius (a few pixels) in degrees. */
  pickGround(lonDeg: number, latDeg: number, toleranceDeg: number): PickedFeature | null {
    if (!this.data || !this.visible) return null;
    const f = featureAt(this.data, lonDeg, latDeg, toleranceDeg);
    return f ? { layer: this.name, fid: f.id, properties: f.properties } : null;
  }

  /** Whether the layer is drawn hatched (its thematic style says so and is resolved). */
  hatched(): boolean {
    return this.layer !== null && this.thematic !== null && this.style.thematic?.hatch === true;
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    return this.removed || this.failed || this.layer !== null;
  }
}
