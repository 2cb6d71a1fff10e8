/**
 * A terrain layer: loads the heightmap pyramid's provider. Which terrain the globe uses is the
 * controller's choice (the top visible one), told through `onChange`; the adapter only holds it.
 */
import type { CesiumWidget, Resource } from 'cesium';
import type { LayerEntry } from '../../../common/contract/index.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import { loadHeightmapTerrain, type HeightmapTerrain } from '../terrain/heightmap-terrain.js';
import { parseHeightmapLayer } from '../tile-layer-json.js';
import type { PickedFeature } from '../types.js';
import type { LayerAdapter } from './layer-adapter.js';

export class TerrainLayerAdapter implements LayerAdapter {
  readonly name: string;
  private provider: HeightmapTerrain | null = null;
  private removed = false;
  private failed = false;
  private visible: boolean;
  private order: number;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    private readonly entry: LayerEntry,
    private readonly layerJson: Resource,
    private readonly onChange: () => void,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.order = entry.order;
  }

  async add(): Promise<void> {
    try {
      const provider = await loadHeightmapTerrain(this.layerJson, parseHeightmapLayer);
      if (this.removed) return;
      this.provider = provider;
      this.onChange();
    } catch (err) {
      this.failed = true;
      throw err;
    }
  }

  /** The provider when this layer is shown and loaded. */
  activeProvider(): HeightmapTerrain | null {
    return this.visible && !this.removed ? this.provider : null;
  }

  drawOrder(): number {
    return this.order;
  }

  remove(): void {
    this.removed = true;
    this.provider = null;
    this.onChange();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.onChange();
  }

  setOpacity(): void {
    // Terrain has no opacity of its own; the globe's imagery carries it.
  }

  setStyle(): void {
    // Terrain is shaded by the imagery draped on it.
  }

  setThematic(): void {
    // No attributes to colour by.
  }

  setDrawOrder(order: number): void {
    this.order = order;
    this.onChange();
  }

  pick(): PickedFeature | null {
    return null;
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    return this.removed || this.failed || this.provider !== null;
  }
}
