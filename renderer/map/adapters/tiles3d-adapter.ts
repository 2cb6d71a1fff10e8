/** A 3D Tiles layer (buildings): streamed by Cesium, styled by expression, picked per feature. */
import { Cesium3DTileFeature, Cesium3DTileStyle, Cesium3DTileset, type CesiumWidget, type Resource } from 'cesium';
import type { LayerEntry, LayerStyle } from '../../../common/contract/index.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import type { LayerAdapter } from './layer-adapter.js';
import { tiles3dStyle } from './tiles3d-style.js';

export class Tiles3DLayerAdapter implements LayerAdapter {
  readonly name: string;
  private tileset: Cesium3DTileset | null = null;
  private removed = false;
  private failed = false;
  private visible: boolean;
  private opacity: number;
  private style: LayerStyle;
  private thematic: ResolvedThematic | null = null;
  private epoch: string | null;
  private highlighted: { field: string; value: string | number } | null = null;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    private readonly entry: LayerEntry,
    private readonly tilesetJson: Resource,
    epoch: string | null,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.style = entry.style;
    this.epoch = this.knownEpoch(epoch);
  }

  /** An epoch this layer does not hold shows every feature (null). */
  private knownEpoch(epoch: string | null): string | null {
    const epochs = this.entry.tiles?.epochs ?? [];
    if (epochs.length === 0) return null;
    return epoch !== null && epochs.includes(epoch) ? epoch : (epochs.at(-1) ?? null);
  }

  /** The tileset, for the swipe comparison (renderer/map/presentation); null until loaded. */
  splitTarget(): Cesium3DTileset | null {
    return this.tileset;
  }

  async add(): Promise<void> {
    let tileset: Cesium3DTileset;
    try {
      // projectTo2D: in 2D and Columbus view the models stand on their footprints (without
      // it Cesium draws them 15-40 m east of them here, and a click picks the neighbour)
      tileset = await Cesium3DTileset.fromUrl(this.tilesetJson, { show: this.visible, projectTo2D: true });
    } catch (err) {
      this.failed = true;
      throw err;
    }
    if (this.removed) {
      tileset.destroy();
      return;
    }
    this.viewer.scene.primitives.add(tileset);
    this.tileset = tileset;
    this.restyle();
  }

  private restyle(): void {
    if (!this.tileset) return;
    this.tileset.style = new Cesium3DTileStyle(
      tiles3dStyle(this.style, this.opacity, this.thematic, this.epoch, this.highlighted),
    );
    this.viewer.scene.requestRender();
  }

  remove(): void {
    this.removed = true;
    if (this.tileset) this.viewer.scene.primitives.remove(this.tileset);
    this.tileset = null;
    this.viewer.scene.requestRender();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.tileset) this.tileset.show = visible;
    this.viewer.scene.requestRender();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.restyle();
  }

  setStyle(style: LayerStyle): void {
    this.style = style;
    this.restyle();
  }

  setThematic(thematic: ResolvedThematic | null): void {
    this.thematic = thematic;
    this.restyle();
  }

  setEpoch(epoch: string | null): void {
    this.epoch = this.knownEpoch(epoch);
    this.restyle();
  }

  setDrawOrder(): void {
    // 3D content is depth-sorted; the tree order does not apply.
  }

  pick(picked: unknown): PickedFeature | null {
    if (!(picked instanceof Cesium3DTileFeature) || this.tileset === null || picked.tileset !== this.tileset)
      return null;
    const properties: Record<string, unknown> = {};
    for (const id of picked.getPropertyIds()) properties[id] = picked.getProperty(id) as unknown;
    const id = properties.bldg_id ?? properties.id ?? null;
    return { layer: this.name, fid: typeof id === 'number' || typeof id === 'string' ? id : null, properties };
  }

  /** Colours the feature whose id field holds this value (null: none) in the selection colour. */
  highlight(fid: number | string | null): void {
    const next = fid === null ? null : { field: this.idField, value: fid };
    if (JSON.stringify(next) === JSON.stringify(this.highlighted)) return;
    this.highlighted = next;
    this.restyle();
  }

  private get idField(): string {
    const has = (name: string): boolean => this.entry.fields.some((f) => f.name === name);
    return has('id') && !has('bldg_id') ? 'id' : 'bldg_id';
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    if (this.removed || this.failed) return true;
    if (!this.tileset) return false;
    return !this.tileset.show || this.tileset.tilesLoaded;
  }

  /** The epoch shown (null: every feature). */
  shownEpoch(): string | null {
    return this.epoch;
  }
}
