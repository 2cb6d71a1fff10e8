/**
 * Point layers (valves, manholes, tens of thousands of urban-management cases): one
 * PointPrimitiveCollection instead of an entity per feature, which Cesium cannot draw at this size. Points stand on the
 * terrain: their heights are sampled from the terrain provider once per terrain change (one
 * request per terrain tile, not per point). Picking maps the primitive back to its feature.
 */
import {
  Cartesian3,
  Cartographic,
  Color,
  PointPrimitiveCollection,
  sampleTerrainMostDetailed,
  type CesiumWidget,
  type PointPrimitive,
} from 'cesium';
import type { LayerEntry, LayerStyle } from '../../../common/contract/index.js';
import { passesFilter } from '../../style/layer-filter.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import type { LayerAdapter } from './layer-adapter.js';

interface PointFeature {
  id: number | string | null;
  lonDeg: number;
  latDeg: number;
  properties: Record<string, unknown>;
}

function pointsOf(collection: unknown): PointFeature[] {
  const features = (collection as { features?: unknown[] }).features ?? [];
  const out: PointFeature[] = [];
  for (const f of features) {
    const feature = f as { id?: unknown; geometry?: { type?: string; coordinates?: unknown }; properties?: unknown };
    const g = feature.geometry;
    const coords: unknown[] =
      g?.type === 'Point'
        ? [g.coordinates]
        : g?.type === 'MultiPoint'
          ? ((g.coordinates as unknown[] | undefined) ?? [])
          : [];
    const id = typeof feature.id === 'number' || typeof feature.id === 'string' ? feature.id : null;
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    for (const c of coords) {
      if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
        out.push({ id, lonDeg: c[0], latDeg: c[1], properties });
      }
    }
  }
  return out;
}

export class PointLayerAdapter implements LayerAdapter {
  readonly name: string;
  private collection: PointPrimitiveCollection | null = null;
  private features: PointFeature[] = [];
  private primitives: PointPrimitive[] = [];
  private removed = false;
  private failed = false;
  private placing = 0;
  private placed = false;
  private visible: boolean;
  private opacity: number;
  private style: LayerStyle;
  private thematic: ResolvedThematic | null = null;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
    private readonly entry: LayerEntry,
    private readonly url: string,
  ) {
    this.name = entry.name;
    this.visible = entry.visible;
    this.opacity = entry.opacity;
    this.style = entry.style;
  }

  async add(): Promise<void> {
    try {
      const response = await fetch(this.url);
      if (!response.ok) throw new TypeError(`${this.name}: HTTP ${String(response.status)}`);
      this.features = pointsOf(await response.json());
    } catch (err) {
      this.failed = true;
      throw err;
    }
    if (this.removed) return;
    const collection = new PointPrimitiveCollection();
    collection.show = this.visible;
    this.primitives = this.features.map((f, index) =>
      collection.add({
        position: Cartesian3.fromDegrees(f.lonDeg, f.latDeg, 0),
        id: { layer: this.name, index },
        // A case marker stays readable in front of the terrain it stands on.
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      }),
    );
    this.viewer.scene.primitives.add(collection);
    this.collection = collection;
    this.recolour();
    await this.placeOnTerrain();
  }

  /** Heights from the current terrain; the ellipsoid when there is none. */
  async placeOnTerrain(): Promise<void> {
    const generation = ++this.placing;
    this.placed = false;
    const provider = this.viewer.scene.terrainProvider;
    const cartographics = this.features.map((f) => Cartographic.fromDegrees(f.lonDeg, f.latDeg, 0));
    if (provider.availability) await sampleTerrainMostDetailed(provider, cartographics);
    if (generation !== this.placing || this.removed) return;
    cartographics.forEach((c, i) => {
      const p = this.primitives[i];
      if (p) p.position = Cartesian3.fromRadians(c.longitude, c.latitude, c.height);
    });
    this.placed = true;
    this.viewer.scene.requestRender();
  }

  terrainChanged(): void {
    if (this.collection) void this.placeOnTerrain();
  }

  private recolour(): void {
    const size = this.style.pointSizePx;
    const outline = Color.fromCssColorString(this.style.strokeColor).withAlpha(this.opacity);
    const single = Color.fromCssColorString(this.style.fillColor).withAlpha(this.opacity);
    const cache = new Map<string, Color>();
    this.primitives.forEach((p, i) => {
      let colour = single;
      let classed = true;
      if (this.thematic) {
        // a point no class takes is not drawn (QGIS's categorised/graduated/rule renderers)
        const hex = this.thematic.symbolOf(this.features[i]?.properties ?? {})?.colour ?? null;
        classed = hex !== null;
        if (hex !== null) {
          colour = cache.get(hex) ?? Color.fromCssColorString(hex).withAlpha(this.opacity);
          cache.set(hex, colour);
        }
      }
      p.show = classed && passesFilter(this.features[i]?.properties ?? {}, this.style.filter);
      p.color = colour;
      p.pixelSize = size;
      p.outlineColor = outline;
      p.outlineWidth = 1;
    });
    this.viewer.scene.requestRender();
  }

  remove(): void {
    this.removed = true;
    if (this.collection) this.viewer.scene.primitives.remove(this.collection);
    this.collection = null;
    this.primitives = [];
    this.viewer.scene.requestRender();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.collection) this.collection.show = visible;
    this.viewer.scene.requestRender();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.recolour();
  }

  setStyle(style: LayerStyle): void {
    this.style = style;
    this.recolour();
  }

  setThematic(thematic: ResolvedThematic | null): void {
    this.thematic = thematic;
    this.recolour();
  }

  setDrawOrder(): void {
    // Points are drawn above the ground layers whatever their order.
  }

  pick(picked: unknown): PickedFeature | null {
    if (typeof picked !== 'object' || picked === null || !('id' in picked)) return null;
    const id = picked.id;
    if (typeof id !== 'object' || id === null) return null;
    const { layer, index } = id as { layer?: unknown; index?: unknown };
    if (layer !== this.name || typeof index !== 'number') return null;
    const f = this.features[index];
    if (!f || !passesFilter(f.properties, this.style.filter)) return null;
    return { layer: this.name, fid: f.id, properties: f.properties };
  }

  async flyTo(): Promise<void> {
    if (this.entry.bbox) await this.flights.fly(this.viewer.camera, rectangleAround(this.entry.bbox));
  }

  isReady(): boolean {
    return this.removed || this.failed || (this.collection !== null && this.placed);
  }
}
