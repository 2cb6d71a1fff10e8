/** An imagery layer (our image pyramid) draped on the globe above the base map. */
import { ImageryLayer, type CesiumWidget, type Resource } from 'cesium';
import type { LayerEntry } from '../../../common/contract/index.js';
import type { Flights } from '../camera-moves.js';
import { PyramidImageryProvider } from '../imagery/pyramid-imagery.js';
import { parseImageryLayer } from '../tile-layer-json.js';
import { DrapedImageryAdapter } from './draped-imagery-adapter.js';
import type { LayerAdapter } from './layer-adapter.js';

export class ImageryLayerAdapter extends DrapedImageryAdapter implements LayerAdapter {
  constructor(
    viewer: CesiumWidget,
    flights: Flights,
    entry: LayerEntry,
    private readonly layerJson: Resource,
    /** Called after the layer joins the globe, so the controller can sort imagery layers by order. */
    onAdded: () => void,
  ) {
    super(viewer, flights, entry, onAdded);
  }

  add(): Promise<void> {
    return this.loading(async () => {
      const json: unknown = await this.layerJson.fetchJson();
      const parsed = parseImageryLayer(json);
      if (!parsed) throw new TypeError(`${this.layerJson.url} is not a cim-imagery-1 layer.json`);
      if (this.removed) return;
      const provider = new PyramidImageryProvider(parsed, this.layerJson.getDerivedResource({ url: './' }));
      const layer = new ImageryLayer(provider, { show: this.visible, alpha: this.opacity });
      this.viewer.imageryLayers.add(layer);
      this.layer = layer;
      this.onImagery();
      this.viewer.scene.requestRender();
    });
  }

  setStyle(): void {
    // Imagery is shown as it is; opacity is the layer's.
  }

  setThematic(): void {
    // No attributes to colour by.
  }
}
