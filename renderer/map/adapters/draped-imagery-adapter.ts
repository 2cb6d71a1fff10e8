/**
 * What every layer drawn as one Cesium imagery layer shares (our image pyramids and the
 * vector layers painted as tiles): visibility, opacity, its place in the imagery stack,
 * removal, flying to its extent and readiness. Subclasses load the layer in `add` and put
 * it in place with `attach`.
 */
import type { CesiumWidget, ImageryLayer } from 'cesium';
import type { LayerEntry } from '../../../common/contract/index.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';

export abstract class DrapedImageryAdapter {
  readonly name: string;
  protected layer: ImageryLayer | null = null;
  protected removed = false;
  protected failed = false;
  protected visible: boolean;
  protected opacity: number;
  private order: number;

  constructor(
    protected readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    protected readonly entry: LayerEntry,
    /** The imagery stack changed: the controller re-sorts it by the tree's order. */
    protected readonly onImagery: () => void,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.order = entry.order;
  }

  abstract add(): Promise<void>;

  /** Runs a subclass's loading, remembering a failure so the layer counts as settled. */
  protected async loading(load: () => Promise<void>): Promise<void> {
    try {
      await load();
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

  setDrawOrder(order: number): void {
    this.order = order;
    this.onImagery();
  }

  pick(): PickedFeature | null {
    // Image tiles are not scene primitives (a vector layer picks on the ground instead).
    return null;
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    return this.removed || this.failed || this.layer !== null;
  }
}
