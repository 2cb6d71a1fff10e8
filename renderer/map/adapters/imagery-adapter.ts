/** An imagery layer (our image pyramid) draped on the globe above the base map. */
import { ImageryLayer, type CesiumWidget, type Resource } from 'cesium';
import type { LayerEntry } from '../../../main/api/contract.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import { PyramidImageryProvider } from '../imagery/pyramid-imagery.js';
import { parseImageryLayer } from '../tile-layer-json.js';
import type { PickedFeature } from '../types.js';
import type { LayerAdapter } from './layer-adapter.js';

export class ImageryLayerAdapter implements LayerAdapter {
  readonly name: string;
  private layer: ImageryLayer | null = null;
  private removed = false;
  private failed = false;
  private visible: boolean;
  private opacity: number;
  private order: number;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    private readonly entry: LayerEntry,
    private readonly layerJson: Resource,
    /** Called after the layer joins the globe, so the controller can sort imagery layers by order. */
    private readonly onAdded: () => void,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.order = entry.order;
  }

  async add(): Promise<void> {
    try {
      const json: unknown = await this.layerJson.fetchJson();
      const parsed = parseImageryLayer(json);
      if (!parsed) throw new TypeError(`${this.layerJson.url} is not a cim-imagery-1 layer.json`);
      if (this.removed) return;
      const provider = new PyramidImageryProvider(parsed, this.layerJson.getDerivedResource({ url: './' }));
      const layer = new ImageryLayer(provider, { show: this.visible, alpha: this.opacity });
      this.viewer.imageryLayers.add(layer);
      this.layer = layer;
      this.onAdded();
      this.viewer.scene.requestRender();
    } catch (err) {
      this.failed = true;
      throw err;
    }
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

  setStyle(): void {
    // Imagery is shown as it is; opacity is the layer's.
  }

  setThematic(): void {
    // No attributes to colour by.
  }

  setDrawOrder(order: number): void {
    this.order = order;
    this.onAdded();
  }

  pick(): PickedFeature | null {
    return null;
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    return this.removed || this.failed || this.layer !== null;
  }
}
