/**
 * The one object React holds to drive the globe. It owns the Cesium viewer, reconciles
 * the wanted layer list against the adapters it has, and reports picks, measurements,
 * the cursor and the view as plain data events.
 */
import {
  Cartesian2,
  Cartesian3,
  Cartographic,
  Math as CesiumMath,
  SceneMode,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
} from 'cesium';
import type { BBoxLonLat, LayerEntry } from '../../main/api/contract.js';
import type { LayerAdapter } from './adapters/layer-adapter.js';
import { VectorLayerAdapter } from './adapters/vector-adapter.js';
import { Flights, rectangleAround, unionBBox } from './camera-moves.js';
import { Disposables } from './disposables.js';
import { Emitter } from './emitter.js';
import { pickSurface } from './ground-pick.js';
import { MeasureTool } from './measure/measure-tool.js';
import { PreviewOverlay } from './preview-overlay.js';
import { planReconcile, revisionOf } from './reconcile.js';
import { RenderMonitor } from './render-settle.js';
import { trackStatus } from './status-tracker.js';
import type { MapTestHooks } from './test-hooks.js';
import type { CameraPose, MapEvents, MeasureKind, PickedFeature, SceneModeName } from './types.js';
import { CHINA_RECTANGLE, createOfflineViewer } from './viewer.js';

export interface MapControllerOptions {
  featuresUrl(layer: string, revision: number): string;
}

interface ShownLayer {
  entry: LayerEntry;
  adapter: LayerAdapter;
}

const MORPH_DURATION_S = 1;

export class MapController {
  private readonly viewer: CesiumWidget;
  private readonly options: MapControllerOptions;
  private readonly disposables = new Disposables();
  private readonly events = new Emitter<MapEvents>();
  private readonly layers = new Map<string, ShownLayer>();
  private readonly flights = new Flights();
  private readonly measureTool: MeasureTool;
  private readonly preview: PreviewOverlay;
  private measureKind: MeasureKind | null = null;
  private readonly render: RenderMonitor;

  constructor(container: HTMLElement, options: MapControllerOptions) {
    this.options = options;
    this.viewer = createOfflineViewer(container);
    this.render = new RenderMonitor(this.viewer);
    this.disposables.add(() => this.viewer.destroy());
    this.measureTool = new MeasureTool(this.viewer, (m) => this.events.emit('measure', m));
    this.disposables.add(() => this.measureTool.destroy());
    this.preview = new PreviewOverlay(this.viewer, this.flights);
    this.disposables.add(() => this.preview.clear());
    let lastMode: SceneModeName = '3d';
    const status = trackStatus(
      this.viewer,
      (cursor) => this.events.emit('cursor', cursor),
      (view) => {
        this.events.emit('view', view);
        if (view.sceneMode !== lastMode) this.events.emit('sceneMode', (lastMode = view.sceneMode));
      },
    );
    this.disposables.add(() => status.dispose());
    this.disposables.add(() => this.render.destroy());
    this.disposables.add(
      this.viewer.scene.renderError.addEventListener((_scene, err: unknown) => this.events.emit('error', err)),
    );
    this.listenForPicks();
    this.disposables.add(
      this.viewer.camera.moveEnd.addEventListener(() => this.events.emit('cameraMoved', this.getCamera())),
    );
    this.disposables.add(() => this.events.clear());
  }

  on<K extends keyof MapEvents>(key: K, listener: (value: MapEvents[K]) => void): () => void {
    return this.events.on(key, listener);
  }

  setLayers(wanted: readonly LayerEntry[]): void {
    const shown = new Map([...this.layers].map(([name, layer]) => [name, layer.entry]));
    const plan = planReconcile(shown, wanted);
    for (const name of plan.remove) {
      this.layers.get(name)?.adapter.remove();
      this.layers.delete(name);
    }
    for (const entry of plan.add) {
      const adapter = new VectorLayerAdapter(
        this.viewer,
        this.flights,
        entry,
        this.options.featuresUrl(entry.name, revisionOf(entry)),
      );
      this.layers.set(entry.name, { entry, adapter });
      adapter.add().catch((err: unknown) => this.events.emit('error', err));
    }
    for (const { entry, changes } of plan.update) {
      const layer = this.layers.get(entry.name);
      if (!layer) continue;
      layer.entry = entry;
      if (changes.includes('visible')) layer.adapter.setVisible(entry.visible);
      if (changes.includes('opacity')) layer.adapter.setOpacity(entry.opacity);
      if (changes.includes('style')) layer.adapter.setStyle(entry.style);
      if (changes.includes('order')) layer.adapter.setDrawOrder(entry.order);
    }
  }

  async flyToLayer(name: string): Promise<void> {
    await this.layers.get(name)?.adapter.flyTo();
  }

  /** Shows a feature as picked (its attributes open) without a click on the globe. */
  select(feature: PickedFeature | null): void {
    this.events.emit('pick', feature);
  }

  async flyToBBox(bbox: BBoxLonLat): Promise<void> {
    await this.flights.fly(this.viewer.camera, rectangleAround(bbox));
  }

  /** The extent of every layer with data, or China when the workspace is empty. */
  async home(): Promise<void> {
    const extent = unionBBox([...this.layers.values()].flatMap(({ entry }) => (entry.bbox ? [entry.bbox] : [])));
    await this.flights.fly(this.viewer.camera, extent ? rectangleAround(extent) : CHINA_RECTANGLE);
  }

  /** Clamped to the ranges the workspace accepts (contract Camera). */
  getCamera(): CameraPose {
    const { camera } = this.viewer;
    const position = camera.positionCartographic;
    const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max);
    return {
      lon: clamp(CesiumMath.toDegrees(position.longitude), -180, 180),
      lat: clamp(CesiumMath.toDegrees(position.latitude), -90, 90),
      heightM: clamp(position.height, 1, 5e7),
      headingDeg: CesiumMath.toDegrees(camera.heading),
      pitchDeg: clamp(CesiumMath.toDegrees(camera.pitch), -90, 90),
      rollDeg: CesiumMath.toDegrees(camera.roll),
    };
  }

  setCamera(pose: CameraPose): void {
    this.viewer.camera.setView({
      destination: Cartesian3.fromDegrees(pose.lon, pose.lat, pose.heightM),
      orientation: {
        heading: CesiumMath.toRadians(pose.headingDeg),
        pitch: CesiumMath.toRadians(pose.pitchDeg),
        roll: CesiumMath.toRadians(pose.rollDeg),
      },
    });
    this.viewer.scene.requestRender();
  }

  /** Morphs between globe and map, keeping the place and scale in view (Cesium alone would show the world). */
  toggleSceneMode(): void {
    const { scene, camera } = this.viewer;
    if (scene.mode === SceneMode.MORPHING) return;
    const centre = pickSurface(scene, new Cartesian2(scene.canvas.clientWidth / 2, scene.canvas.clientHeight / 2));
    const heightM = camera.positionCartographic.height;
    const removeListener = scene.morphComplete.addEventListener(() => {
      removeListener();
      if (centre) camera.setView({ destination: Cartesian3.fromRadians(centre.longitude, centre.latitude, heightM) });
      scene.requestRender();
    });
    this.disposables.add(removeListener);
    if (scene.mode === SceneMode.SCENE2D) scene.morphTo3D(MORPH_DURATION_S);
    else scene.morphTo2D(MORPH_DURATION_S);
    scene.requestRender();
  }

  setMeasureKind(kind: MeasureKind | null): void {
    this.measureKind = kind;
    this.measureTool.setKind(kind);
    if (kind) this.events.emit('pick', null);
  }

  clearMeasurement(): void {
    this.measureTool.reset();
  }

  async showPreview(geoJson: unknown, bbox: BBoxLonLat | null): Promise<void> {
    await this.preview.show(geoJson, bbox);
  }

  clearPreview(): void {
    this.preview.clear();
  }

  testHooks(): MapTestHooks {
    return {
      isIdle: () => this.isIdle(),
      frameCount: () => this.render.frameCount(),
      project: (lonDeg, latDeg) => this.project(lonDeg, latDeg),
      lastMeasurement: () => this.measureTool.current(),
      layerIds: () => [...this.layers.values()].sort((a, b) => a.entry.order - b.entry.order).map((l) => l.entry.name),
      sceneMode: () => this.sceneMode(),
      hatchedLayers: () =>
        [...this.layers.values()].flatMap(({ entry, adapter }) =>
          adapter instanceof VectorLayerAdapter && adapter.hatched() ? [entry.name] : [],
        ),
    };
  }

  destroy(): void {
    for (const { adapter } of this.layers.values()) adapter.remove();
    this.layers.clear();
    this.disposables.dispose();
  }

  private sceneMode(): SceneModeName {
    const { mode } = this.viewer.scene;
    if (mode === SceneMode.MORPHING) return 'morphing';
    return mode === SceneMode.SCENE2D ? '2d' : '3d';
  }

  private isIdle(): boolean {
    const { scene } = this.viewer;
    return (
      scene.globe.tilesLoaded &&
      this.viewer.dataSourceDisplay.ready &&
      this.preview.isReady() &&
      [...this.layers.values()].every(({ adapter }) => adapter.isReady()) &&
      scene.mode !== SceneMode.MORPHING &&
      this.flights.idle() &&
      this.render.quiet()
    );
  }

  private project(lonDeg: number, latDeg: number): { x: number; y: number } | null {
    const { scene } = this.viewer;
    const height = scene.globe.getHeight(Cartographic.fromDegrees(lonDeg, latDeg)) ?? 0;
    const position = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(lonDeg, latDeg, height));
    if (!position) return null;
    const { clientWidth, clientHeight } = scene.canvas;
    if (position.x < 0 || position.y < 0 || position.x > clientWidth || position.y > clientHeight) return null;
    return { x: position.x, y: position.y };
  }

  private listenForPicks(): void {
    const handler = new ScreenSpaceEventHandler(this.viewer.scene.canvas);
    this.disposables.add(() => handler.destroy());
    handler.setInputAction((event: { position: Cartesian2 }) => {
      if (this.measureKind) return;
      const picked: unknown = this.viewer.scene.pick(event.position);
      const feature = [...this.layers.values()].map(({ adapter }) => adapter.pick(picked)).find((f) => f !== null);
      this.events.emit('pick', feature ?? null);
    }, ScreenSpaceEventType.LEFT_CLICK);
  }
}
