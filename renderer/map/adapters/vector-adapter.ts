/** Vector layers: the workspace streams a layer as GeoJSON (EPSG:4326), Cesium draws it. */
import { Entity, GeoJsonDataSource, JulianDate, type CesiumWidget } from 'cesium';
import type { LayerEntry, LayerStyle } from '../../../main/api/contract.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import type { LayerAdapter } from './layer-adapter.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import { hatchEntities, isHatched } from './hatch-style.js';
import { applyStyle, createSymbology, dressEntities, recolourEntities } from './vector-style.js';

/** GeoJsonDataSource suffixes `_2`, `_3`… to the feature id of each extra part of a multi-geometry. */
function featureIdOf(entity: Entity): number | string | null {
  const match = /^(.*?)(?:_\d+)?$/.exec(entity.id);
  const raw = match?.[1] ?? entity.id;
  const asNumber = Number(raw);
  return raw !== '' && Number.isInteger(asNumber) ? asNumber : raw;
}

const noDescription = (): string => '';

export class VectorLayerAdapter implements LayerAdapter {
  readonly name: string;
  private readonly viewer: CesiumWidget;
  private readonly flights: Flights;
  private readonly url: string;
  private readonly symbology = createSymbology();
  private dataSource: GeoJsonDataSource | null = null;
  private removed = false;
  private failed = false;
  private visible: boolean;
  private opacity: number;
  private style: LayerStyle;
  private readonly bbox: LayerEntry['bbox'];

  constructor(viewer: CesiumWidget, flights: Flights, entry: LayerEntry, url: string) {
    this.viewer = viewer;
    this.flights = flights;
    this.name = entry.name;
    this.url = url;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.style = entry.style;
    this.bbox = entry.bbox;
    this.symbology.zIndex.setValue(entry.order);
    applyStyle(this.symbology, this.style, this.opacity);
  }

  async add(): Promise<void> {
    let dataSource: GeoJsonDataSource;
    try {
      dataSource = await GeoJsonDataSource.load(this.url, { clampToGround: true, describe: noDescription });
    } catch (err) {
      this.failed = true;
      throw err;
    }
    if (this.isRemoved()) return;
    dataSource.name = this.name;
    dressEntities(dataSource.entities, this.symbology);
    if (isHatched(this.style)) hatchEntities(dataSource.entities, this.style, this.opacity, this.viewer.scene);
    dataSource.show = this.visible;
    await this.viewer.dataSources.add(dataSource);
    if (this.isRemoved()) {
      this.viewer.dataSources.remove(dataSource, true);
      return;
    }
    this.dataSource = dataSource;
    this.viewer.scene.requestRender();
  }

  /** A method, not the field: `remove()` may run while `add()` awaits. */
  private isRemoved(): boolean {
    return this.removed;
  }

  remove(): void {
    this.removed = true;
    if (this.dataSource) this.viewer.dataSources.remove(this.dataSource, true);
    this.dataSource = null;
    this.viewer.scene.requestRender();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.dataSource) this.dataSource.show = visible;
    this.viewer.scene.requestRender();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    applyStyle(this.symbology, this.style, this.opacity);
    this.rehatch();
    this.viewer.scene.requestRender();
  }

  setStyle(style: LayerStyle): void {
    this.style = style;
    applyStyle(this.symbology, this.style, this.opacity);
    this.rehatch();
    this.viewer.scene.requestRender();
  }

  setThematic(thematic: ResolvedThematic | null): void {
    this.symbology.thematic = thematic;
    if (this.dataSource) recolourEntities(this.dataSource.entities, this.symbology);
    this.viewer.scene.requestRender();
  }

  setDrawOrder(order: number): void {
    this.symbology.zIndex.setValue(order);
    this.viewer.scene.requestRender();
  }

  pick(picked: unknown): PickedFeature | null {
    if (!this.dataSource || typeof picked !== 'object' || picked === null || !('id' in picked)) return null;
    const hit = picked.id;
    if (!(hit instanceof Entity) || !this.dataSource.entities.contains(hit)) return null;
    const feature = hit.parent ?? hit;
    const values: unknown = feature.properties?.getValue(JulianDate.now());
    const properties = typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
    return { layer: this.name, fid: featureIdOf(feature), properties };
  }

  async flyTo(): Promise<void> {
    if (this.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.bbox));
  }

  /** Whether the layer is drawn hatched by category (renderer/map/adapters/hatch-style.ts). */
  hatched(): boolean {
    return this.dataSource !== null && isHatched(this.style);
  }

  private rehatch(): void {
    if (this.dataSource && isHatched(this.style)) {
      hatchEntities(this.dataSource.entities, this.style, this.opacity, this.viewer.scene);
    }
  }

  isReady(): boolean {
    return this.removed || this.failed || (this.dataSource !== null && !this.dataSource.isLoading);
  }
}
