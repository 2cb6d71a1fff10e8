/**
 * The case desk's cases on the globe: an icon per case by 大类 (drawn here, no network),
 * clusters at low zoom, or a heat view by count or overdue share; the time player's window
 * filters what is shown, without a call to the workspace. Cases stand on the terrain, at
 * their height above it when they have one (a defect on a bridge or a facade). Clicking a
 * case selects it (the controller's `pick`), clicking a cluster flies into it.
 * Environment: renderer (Cesium).
 */
import {
  BillboardCollection,
  Cartesian3,
  Cartographic,
  ImageryLayer,
  NearFarScalar,
  Rectangle,
  SingleTileImageryProvider,
  VerticalOrigin,
  sampleTerrainMostDetailed,
  type Billboard,
  type CesiumWidget,
} from 'cesium';
import type { BBoxLonLat, CasePoints } from '../../../common/contract/index.js';
import { rectangleAround, type Flights } from '../camera-moves.js';
import type { PickedFeature } from '../types.js';
import { caseIconSpec, clusterIconSpec, drawIcon, iconKey, type IconSpec } from './case-icons.js';
import { clusterCellDeg, clusterGrid, type Cluster } from './grid-cluster.js';
import { heatGrid, heatRgba, type HeatMode } from './heat-grid.js';
import { inWindow, type StepWindow } from './time-steps.js';

export type CaseMapMode = 'icons' | 'heat-count' | 'heat-overdue';

export interface CaseOverlayState {
  mode: CaseMapMode;
  /** Cases passing the time window. */
  shown: number;
  /** Discs and single icons drawn (icons mode). */
  clusters: number;
  singles: number;
  /** Whether the heat image is on the globe. */
  heat: boolean;
  selected: string | null;
}

/** Cluster cells this many pixels wide; a cell of fewer than MIN_CLUSTER cases draws its icons. */
const CLUSTER_PX = 72;
const MIN_CLUSTER = 4;
/** Icons drawn at most close in (those in view); further out the clusters take over. */
const MAX_ICONS = 4000;
const HEAT_MAX_PX = 512;
/** Kernel radius: a fortieth of the heat image's longer side. */
const HEAT_RADIUS_SHARE = 1 / 40;

type Tag = { caseIndex: number } | { cluster: Cluster };

/** Device pixels per CSS pixel the markers are drawn at (sharp on a high-DPI screen). */
const ICON_SCALE = 2;

export class CaseOverlay {
  /** Only on the scene while it holds billboards: an empty collection never reports ready. */
  private billboards: BillboardCollection | null = null;
  private readonly pictures = new Map<string, HTMLCanvasElement>();
  private points: CasePoints | null = null;
  private heights: Float64Array = new Float64Array(0);
  private window: StepWindow | null = null;
  private mode: CaseMapMode = 'icons';
  private clustering = true;
  private selected: string | null = null;
  private shown: number[] = [];
  private drawn = { clusters: 0, singles: 0 };
  private heatLayer: ImageryLayer | null = null;
  private placing = 0;
  private placed = true;
  private readonly tags = new Map<Billboard, Tag>();
  private readonly removeMoveEnd: () => void;
  private active = false;

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly flights: Flights,
  ) {
    this.removeMoveEnd = viewer.camera.moveEnd.addEventListener(() => {
      if (this.active && this.mode === 'icons') this.drawIcons();
    });
  }

  /** The cases of the desk's filter (null: the desk closed, nothing drawn). */
  setPoints(points: CasePoints | null): void {
    this.points = points;
    this.active = points !== null;
    this.heights = new Float64Array(points?.count ?? 0);
    this.refilter();
    if (points) void this.placeOnTerrain(points);
  }

  setWindow(window: StepWindow | null): void {
    this.window = window;
    this.refilter();
  }

  setMode(mode: CaseMapMode): void {
    this.mode = mode;
    this.redraw();
  }

  setClustering(on: boolean): void {
    this.clustering = on;
    this.redraw();
  }

  /** Rings the case's icon (null: none). */
  select(caseId: string | null): void {
    if (caseId === this.selected) return;
    this.selected = caseId;
    if (this.mode === 'icons') this.drawIcons();
  }

  private tagOf(picked: unknown): Tag | null {
    if (typeof picked !== 'object' || picked === null || !('primitive' in picked)) return null;
    return this.tags.get(picked.primitive as Billboard) ?? null;
  }

  /** The case a scene pick hit (as the `cases` layer's feature). */
  pick(picked: unknown): PickedFeature | null {
    const tag = this.tagOf(picked);
    if (!this.points || !tag || 'cluster' in tag) return null;
    const i = tag.caseIndex;
    return {
      layer: 'cases',
      fid: this.points.fid[i] ?? null,
      properties: { case_id: this.points.caseId[i], status: this.points.status[i] },
    };
  }

  /** The cluster a scene pick hit, null when none. */
  clusterAt(picked: unknown): Cluster | null {
    const tag = this.tagOf(picked);
    return tag && 'cluster' in tag ? tag.cluster : null;
  }

  state(): CaseOverlayState {
    return {
      mode: this.mode,
      shown: this.shown.length,
      clusters: this.drawn.clusters,
      singles: this.drawn.singles,
      heat: this.heatLayer !== null,
      selected: this.selected,
    };
  }

  isReady(): boolean {
    return this.placed;
  }

  terrainChanged(): void {
    if (this.points) void this.placeOnTerrain(this.points);
  }

  destroy(): void {
    this.removeMoveEnd();
    this.clearHeat();
    this.clearIcons();
  }

  private refilter(): void {
    const p = this.points;
    this.shown = !p ? [] : this.window ? inWindow(p.t, this.window) : Array.from({ length: p.count }, (_, i) => i);
    this.redraw();
  }

  private redraw(): void {
    if (this.mode === 'icons' && this.active) {
      this.clearHeat();
      this.drawIcons();
    } else {
      this.clearIcons();
      if (this.active) this.drawHeat(this.mode === 'heat-overdue' ? 'overdue' : 'count');
      else this.clearHeat();
    }
    this.viewer.scene.requestRender();
  }

  private clearIcons(): void {
    if (this.billboards) this.viewer.scene.primitives.remove(this.billboards);
    this.billboards = null;
    this.tags.clear();
    this.drawn = { clusters: 0, singles: 0 };
  }

  private position(i: number): Cartesian3 {
    const p = this.points as CasePoints;
    return Cartesian3.fromDegrees(
      p.lon[i] as number,
      p.lat[i] as number,
      (this.heights[i] as number) + (p.heightM[i] ?? 0),
    );
  }

  /** Metres of ground per pixel at the view's centre (the camera's height over the view's height). */
  private metresPerPixel(): number {
    const { camera, canvas } = this.viewer.scene;
    const fov = 2 * Math.tan(Math.PI / 6);
    return (camera.positionCartographic.height * fov) / Math.max(1, canvas.clientHeight);
  }

  private inView(): number[] {
    const p = this.points as CasePoints;
    const rect = this.viewer.camera.computeViewRectangle();
    if (!rect) return this.shown;
    const deg = (r: number): number => (r * 180) / Math.PI;
    const [west, south, east, north] = [deg(rect.west), deg(rect.south), deg(rect.east), deg(rect.north)];
    return this.shown.filter((i) => {
      const lon = p.lon[i] as number;
      const lat = p.lat[i] as number;
      return lon >= west && lon <= east && lat >= south && lat <= north;
    });
  }

  private drawIcons(): void {
    this.clearIcons();
    const p = this.points;
    if (!p || !this.active) return;
    const candidates = this.inView();
    const mpp = this.metresPerPixel();
    let cell = this.clustering ? clusterCellDeg(mpp, CLUSTER_PX) : 0;
    // too many icons for a frame: cluster them whatever the switch says
    if (cell === 0 && candidates.length > MAX_ICONS) cell = clusterCellDeg(Math.max(mpp, 1), CLUSTER_PX);
    const { clusters, singles } = clusterGrid(p.lon, p.lat, cell, MIN_CLUSTER, candidates);
    if (clusters.length + singles.length === 0) return;
    const collection = new BillboardCollection();
    const scale = new NearFarScalar(1_000, 1, 200_000, 0.6);
    const add = (position: Cartesian3, spec: IconSpec, tag: Tag): Billboard => {
      const b = collection.add({
        position,
        verticalOrigin: VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        scaleByDistance: scale,
        width: spec.size,
        height: spec.size,
      });
      b.setImage(iconKey(spec), this.picture(spec));
      this.tags.set(b, tag);
      return b;
    };
    for (const c of clusters) {
      add(Cartesian3.fromDegrees(c.lon, c.lat, this.meanHeight(c.members)), clusterIconSpec(c.count), { cluster: c });
    }
    for (const i of singles) {
      const selected = (p.caseId[i] ?? '') === this.selected;
      const spec = caseIconSpec(p.kind[i] ?? '', p.major[i] ?? '', { overdue: p.overdue[i] === 1, selected });
      const b = add(this.position(i), spec, { caseIndex: i });
      if (selected) b.scale = 1.3;
    }
    this.viewer.scene.primitives.add(collection);
    this.billboards = collection;
    this.drawn = { clusters: clusters.length, singles: singles.length };
    this.viewer.scene.requestRender();
  }

  /** The canvas of a marker, drawn once per distinct picture. */
  private picture(spec: IconSpec): HTMLCanvasElement {
    const key = iconKey(spec);
    let canvas = this.pictures.get(key);
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.width = spec.size * ICON_SCALE;
      canvas.height = spec.size * ICON_SCALE;
      const ctx = canvas.getContext('2d');
      if (ctx) drawIcon(ctx, spec, ICON_SCALE);
      this.pictures.set(key, canvas);
    }
    return canvas;
  }

  private meanHeight(members: readonly number[]): number {
    let sum = 0;
    for (const i of members) sum += this.heights[i] as number;
    return members.length ? sum / members.length : 0;
  }

  private clearHeat(): void {
    if (this.heatLayer) this.viewer.imageryLayers.remove(this.heatLayer, true);
    this.heatLayer = null;
  }

  private drawHeat(mode: HeatMode): void {
    this.clearHeat();
    const p = this.points;
    if (!p || this.shown.length === 0) return;
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const i of this.shown) {
      minLon = Math.min(minLon, p.lon[i] as number);
      maxLon = Math.max(maxLon, p.lon[i] as number);
      minLat = Math.min(minLat, p.lat[i] as number);
      maxLat = Math.max(maxLat, p.lat[i] as number);
    }
    // pad by the kernel radius so the edge cases' halos are not cut
    const span = Math.max(maxLon - minLon, maxLat - minLat, 0.002);
    const pad = span * HEAT_RADIUS_SHARE * 1.5;
    const extent: BBoxLonLat = [minLon - pad, minLat - pad, maxLon + pad, maxLat + pad];
    const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const wide = (extent[2] - extent[0]) * cosLat;
    const tall = extent[3] - extent[1];
    const width = Math.max(16, Math.round(wide >= tall ? HEAT_MAX_PX : (HEAT_MAX_PX * wide) / tall));
    const height = Math.max(16, Math.round(tall >= wide ? HEAT_MAX_PX : (HEAT_MAX_PX * tall) / wide));
    const radius = Math.max(width, height) * HEAT_RADIUS_SHARE;
    const grid = heatGrid(p.lon, p.lat, this.shown, extent, width, height, radius, mode, p.overdue);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(heatRgba(grid), width, height), 0, 0);
    const provider = new SingleTileImageryProvider({
      url: canvas.toDataURL('image/png'),
      rectangle: Rectangle.fromDegrees(...extent),
      tileWidth: width,
      tileHeight: height,
    });
    this.heatLayer = this.viewer.imageryLayers.addImageryProvider(provider);
    this.viewer.imageryLayers.raiseToTop(this.heatLayer);
  }

  /** Keeps the heat image above layers added after it. */
  raise(): void {
    if (this.heatLayer) this.viewer.imageryLayers.raiseToTop(this.heatLayer);
  }

  /** Flies the camera to a cluster's cases. */
  async flyInto(c: Cluster): Promise<void> {
    const p = this.points as CasePoints;
    let box: BBoxLonLat = [Infinity, Infinity, -Infinity, -Infinity];
    for (const i of c.members) {
      const lon = p.lon[i] as number;
      const lat = p.lat[i] as number;
      box = [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
    }
    await this.flights.fly(this.viewer.camera, rectangleAround(box));
  }

  /** Terrain heights under the cases, once per data or terrain change (one request per tile). */
  private async placeOnTerrain(points: CasePoints): Promise<void> {
    const generation = ++this.placing;
    this.placed = false;
    const provider = this.viewer.scene.terrainProvider;
    const carto = points.lon.map((lon, i) => Cartographic.fromDegrees(lon, points.lat[i] as number, 0));
    try {
      if (provider.availability) await sampleTerrainMostDetailed(provider, carto);
    } finally {
      if (generation === this.placing) this.placed = true;
    }
    if (generation !== this.placing || this.points !== points) return;
    this.heights = Float64Array.from(carto, (c) => (Number.isFinite(c.height) ? c.height : 0));
    if (this.mode === 'icons') this.drawIcons();
  }
}
