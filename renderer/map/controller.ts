/**
 * The one object React holds to drive the globe. It owns the Cesium viewer, reconciles
 * the wanted layer list against the adapters it has, and reports picks, measurements,
 * the cursor and the view as plain data events.
 */
import {
  BoundingSphere,
  Cartesian2,
  Cartesian3,
  Cartographic,
  EllipsoidTerrainProvider,
  HeadingPitchRange,
  Math as CesiumMath,
  SceneMode,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
  type TerrainProvider,
} from 'cesium';
import type { BBoxLonLat, FieldSummary, LayerEntry } from '../../common/contract/index.js';
import { resolveThematic } from '../style/thematic.js';
import type { TileSymbology } from './vector/paint-tile.js';
import { DrapedImageryAdapter } from './adapters/draped-imagery-adapter.js';
import type { LayerAdapter } from './adapters/layer-adapter.js';
import { TerrainLayerAdapter } from './adapters/terrain-adapter.js';
import { Tiles3DLayerAdapter } from './adapters/tiles3d-adapter.js';
import { VectorImageryAdapter } from './adapters/vector-imagery-adapter.js';
import { Flights, rectangleAround, unionBBox } from './camera-moves.js';
import { contextView } from './context-view.js';
import { Disposables } from './disposables.js';
import { Emitter } from './emitter.js';
import { pickSurface } from './ground-pick.js';
import { LabelSources } from './labels/label-sources.js';
import { MapLabels } from './labels/map-labels.js';
import { MeasureTool } from './measure/measure-tool.js';
import { PreviewOverlay } from './preview-overlay.js';
import { CaseOverlay } from './cases/case-overlay.js';
import { PresentationMap } from './presentation/presentation-map.js';
import { planReconcile, revisionOf } from './reconcile.js';
import { RenderMonitor } from './render-settle.js';
import { trackStatus } from './status-tracker.js';
import type { MapTestHooks } from './test-hooks.js';
import type {
  CameraPose,
  LegendEntry,
  LonLatHeight,
  MapEvents,
  MeasureKind,
  PickedFeature,
  SceneModeName,
} from './types.js';
import { CHINA_RECTANGLE, createOfflineViewer } from './viewer.js';
import { createAdapter, type LayerSources } from './layer-factory.js';

export interface MapControllerOptions extends LayerSources {
  fieldSummary(layer: string, field: string): Promise<FieldSummary>;
  /** UI language, for legend labels. */
  language(): string;
}

interface ShownLayer {
  entry: LayerEntry;
  adapter: LayerAdapter;
  /** JSON of the thematic style the adapter was last given (resolution is async). */
  thematicKey: string;
  /**
   * Whether `add` ran. A hidden layer is not loaded until it is first shown: a workspace
   * with many layers (the demo city has eighteen) opens with only what is on screen.
   */
  loaded: boolean;
}

function thematicKeyOf(entry: LayerEntry): string {
  return JSON.stringify(entry.style.thematic ?? null);
}

const MORPH_DURATION_S = 1;
/** A conflict is seen from at least this steeply, so its neighbours are not hidden behind buildings. */
const CONTEXT_PITCH = CesiumMath.toRadians(-45);
/** A click this close to a line or point picks it. */
const PICK_RADIUS_PX = 4;
/** Metres in a degree of latitude, near enough for a pick radius. */
const METRES_PER_DEGREE = 111_320;

export class MapController {
  private readonly viewer: CesiumWidget;
  private readonly options: MapControllerOptions;
  private readonly disposables = new Disposables();
  private removeMorphListener: (() => void) | null = null;
  private readonly events = new Emitter<MapEvents>();
  private readonly layers = new Map<string, ShownLayer>();
  private readonly flights = new Flights();
  private readonly measureTool: MeasureTool;
  private readonly preview: PreviewOverlay;
  private measureKind: MeasureKind | null = null;
  private readonly render: RenderMonitor;
  private epoch: string | null = null;
  private pendingThematics = 0;
  private readonly legends = new Map<string, LegendEntry>();
  private readonly ellipsoid = new EllipsoidTerrainProvider();
  private presentationMap: PresentationMap | null = null;
  private selection: PickedFeature | null = null;
  private readonly labels: MapLabels;
  private readonly labelSources: LabelSources;
  private caseOverlay: CaseOverlay | null = null;
  /** Set while the next click on the ground is a place for the caller (a new case). */
  private placeWanted: ((place: LonLatHeight | null) => void) | null = null;

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
    this.labelSources = new LabelSources({
      featuresUrl: (layer) => {
        const entry = this.layers.get(layer)?.entry;
        return options.featuresUrl(layer, entry ? revisionOf(entry) : 0);
      },
      loaded: () => this.labels.schedule(),
      error: (err) => this.events.emit('error', err),
    });
    this.labels = new MapLabels(this.viewer, () =>
      this.labelSources.sources(
        [...this.layers.values()].map(({ entry, adapter }) => ({
          entry,
          features: adapter instanceof VectorImageryAdapter ? adapter.labelFeatures() : null,
        })),
        new Map([...this.layers].map(([name, layer]) => [name, layer.entry])),
        this.epoch,
      ),
    );
    this.disposables.add(() => this.labels.destroy());
    this.listenForPicks();
    this.disposables.add(
      this.viewer.camera.moveEnd.addEventListener(() => this.events.emit('cameraMoved', this.getCamera())),
    );
    this.disposables.add(() => this.events.clear());
    this.disposables.add(() => this.removeMorphListener?.());
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
      this.legends.delete(name);
    }
    for (const entry of plan.add) {
      const adapter = createAdapter(entry, revisionOf(entry), {
        viewer: this.viewer,
        flights: this.flights,
        sources: this.options,
        epoch: this.epoch,
        terrainChanged: () => this.updateTerrain(),
        imageryChanged: () => this.sortImagery(),
      });
      const layer: ShownLayer = { entry, adapter, thematicKey: 'null', loaded: false };
      this.layers.set(entry.name, layer);
      if (entry.visible) this.load(layer);
    }
    for (const { entry, changes } of plan.update) {
      const layer = this.layers.get(entry.name);
      if (!layer) continue;
      layer.entry = entry;
      if (changes.includes('visible')) {
        layer.adapter.setVisible(entry.visible);
        if (entry.visible) this.load(layer);
      }
      if (changes.includes('opacity')) layer.adapter.setOpacity(entry.opacity);
      if (changes.includes('style')) {
        layer.adapter.setStyle(entry.style);
        if (layer.loaded) this.updateThematic(layer);
      }
      if (changes.includes('order')) layer.adapter.setDrawOrder(entry.order);
    }
    this.emitEpochs();
    this.emitLegend();
    this.labels.schedule();
  }

  private load(layer: ShownLayer): void {
    if (layer.loaded) return;
    layer.loaded = true;
    layer.adapter.add().then(
      () => this.labels.schedule(),
      (err: unknown) => this.events.emit('error', err),
    );
    this.updateThematic(layer);
  }

  /** Resolves the layer's thematic style against its data (a field summary) and hands it on. */
  private updateThematic(layer: ShownLayer): void {
    const key = thematicKeyOf(layer.entry);
    if (key === layer.thematicKey) return;
    layer.thematicKey = key;
    const style = layer.entry.style.thematic;
    if (!style) {
      layer.adapter.setThematic(null);
      this.legends.delete(layer.entry.name);
      this.emitLegend();
      return;
    }
    this.pendingThematics++;
    this.options
      .fieldSummary(layer.entry.name, style.field)
      .then(
        (summary) => {
          if (this.layers.get(layer.entry.name) !== layer || layer.thematicKey !== key) return;
          const resolved = resolveThematic(style, summary, this.options.language());
          layer.adapter.setThematic(resolved);
          this.legends.set(layer.entry.name, { layer: layer.entry.name, thematic: resolved });
          this.emitLegend();
        },
        (err: unknown) => this.events.emit('error', err),
      )
      .finally(() => this.pendingThematics--);
  }

  private emitLegend(): void {
    const order = new Map([...this.layers].map(([name, l]) => [name, l.entry]));
    const entries = [...this.legends.values()]
      .filter((l) => order.get(l.layer)?.visible === true)
      .sort((a, b) => (order.get(b.layer)?.order ?? 0) - (order.get(a.layer)?.order ?? 0));
    this.events.emit('legend', entries);
  }

  /** Survey epochs the shown 3D layers hold, oldest first. */
  private availableEpochs(): string[] {
    const all = new Set<string>();
    for (const { entry } of this.layers.values()) for (const e of entry.tiles?.epochs ?? []) all.add(e);
    return [...all].sort();
  }

  private emitEpochs(): void {
    const available = this.availableEpochs();
    if (this.epoch !== null && !available.includes(this.epoch)) this.epoch = null;
    if (this.epoch === null && available.length > 0) this.setEpoch(available.at(-1) ?? null);
    this.events.emit('epochs', { available, current: this.epoch });
  }

  /** Shows one survey epoch in every layer that holds it. */
  setEpoch(epoch: string | null): void {
    this.epoch = epoch;
    for (const { adapter } of this.layers.values()) adapter.setEpoch?.(epoch);
    this.events.emit('epochs', { available: this.availableEpochs(), current: epoch });
    this.labels.schedule();
  }

  /** The globe's terrain is the top visible terrain layer's, else the ellipsoid. */
  private updateTerrain(): void {
    const candidates = [...this.layers.values()]
      .map(({ adapter }) => adapter)
      .filter((a): a is TerrainLayerAdapter => a instanceof TerrainLayerAdapter)
      .sort((a, b) => b.drawOrder() - a.drawOrder());
    const active = candidates.map((a) => a.activeProvider()).find((p) => p !== null) ?? null;
    const next = (active ?? this.ellipsoid) as unknown as TerrainProvider;
    const { scene } = this.viewer;
    if (scene.terrainProvider === next) return;
    scene.terrainProvider = next;
    // Buildings and pipes behind hills are hidden by them, as they would be.
    scene.globe.depthTestAgainstTerrain = active !== null;
    for (const { adapter } of this.layers.values()) adapter.terrainChanged?.();
    this.caseOverlay?.terrainChanged();
    scene.requestRender();
  }

  /**
   * Imagery layers (orthophotos and the draped vector layers) stack above the base map in
   * the tree's order, the import preview above them all.
   */
  private sortImagery(): void {
    const imagery = [...this.layers.values()]
      .map(({ adapter }) => adapter)
      .filter((a) => a instanceof DrapedImageryAdapter)
      .sort((a, b) => a.drawOrder() - b.drawOrder());
    for (const adapter of imagery) {
      const layer = adapter.imageryLayer();
      if (layer) this.viewer.imageryLayers.raiseToTop(layer);
    }
    // the selection outline above every layer
    for (const adapter of imagery) {
      const outline = adapter instanceof VectorImageryAdapter ? adapter.highlightImagery() : null;
      if (outline) this.viewer.imageryLayers.raiseToTop(outline);
    }
    this.caseOverlay?.raise();
    this.preview.raise();
    this.viewer.scene.requestRender();
  }

  async flyToLayer(name: string): Promise<void> {
    await this.layers.get(name)?.adapter.flyTo();
  }

  /** Shows a feature as picked (its attributes open, outlined on the globe) without a click on the globe. */
  select(feature: PickedFeature | null): void {
    this.selection = feature;
    this.highlight(feature);
    this.events.emit('pick', feature);
  }

  /** The feature picked last, for a view that opens after the pick (the attribute table). */
  selected(): PickedFeature | null {
    return this.selection;
  }

  /** Outlines the selected feature in its layer, and clears the outline in every other. */
  private highlight(feature: PickedFeature | null): void {
    const caseId = feature?.layer === 'cases' ? feature.properties.case_id : null;
    this.caseOverlay?.select(typeof caseId === 'string' ? caseId : null);
    for (const [name, { adapter }] of this.layers) {
      const fid = feature?.layer === name ? feature.fid : null;
      if (adapter instanceof VectorImageryAdapter || adapter instanceof Tiles3DLayerAdapter) adapter.highlight(fid);
    }
    this.sortImagery();
  }

  /** The feature the globe outlines, for the tests. */
  private highlightedLayers(): string[] {
    return [...this.layers.values()].flatMap(({ entry, adapter }) =>
      adapter instanceof VectorImageryAdapter && adapter.highlightImagery() ? [entry.name] : [],
    );
  }

  async flyToBBox(bbox: BBoxLonLat): Promise<void> {
    await this.flights.fly(this.viewer.camera, rectangleAround(bbox));
  }

  /**
   * Flies to a feature in its surroundings (context-view.ts), keeping the heading and an
   * oblique pitch (straight down in 2D): a conflict opened from the review list.
   */
  async flyToContext(bbox: BBoxLonLat): Promise<void> {
    const { scene, camera } = this.viewer;
    const view = contextView(bbox);
    const ground = scene.globe.getHeight(Cartographic.fromDegrees(view.lonDeg, view.latDeg)) ?? 0;
    const sphere = new BoundingSphere(Cartesian3.fromDegrees(view.lonDeg, view.latDeg, ground), view.radiusM);
    const pitch = scene.mode === SceneMode.SCENE2D ? -CesiumMath.PI_OVER_TWO : Math.min(camera.pitch, CONTEXT_PITCH);
    await this.flights.during(
      () =>
        new Promise<void>((resolve) => {
          camera.flyToBoundingSphere(sphere, {
            duration: 1.5,
            offset: new HeadingPitchRange(camera.heading, pitch, 0),
            complete: resolve,
            cancel: resolve,
          });
        }),
    );
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
    // One pending morph listener at a time, removed when it fires or when the map goes
    // (not one more disposable per switch).
    this.removeMorphListener?.();
    const removeListener = scene.morphComplete.addEventListener(() => {
      removeListener();
      this.removeMorphListener = null;
      if (centre) camera.setView({ destination: Cartesian3.fromRadians(centre.longitude, centre.latitude, heightM) });
      scene.requestRender();
    });
    this.removeMorphListener = removeListener;
    if (scene.mode === SceneMode.SCENE2D) scene.morphTo3D(MORPH_DURATION_S);
    else scene.morphTo2D(MORPH_DURATION_S);
    scene.requestRender();
  }

  setMeasureKind(kind: MeasureKind | null): void {
    this.measureKind = kind;
    this.measureTool.setKind(kind);
    if (kind) {
      this.events.emit('identify', []);
      this.select(null);
    }
  }

  clearMeasurement(): void {
    this.measureTool.reset();
  }

  async showPreview(geoJson: unknown, bbox: BBoxLonLat | null, look?: Partial<TileSymbology>): Promise<void> {
    await this.preview.show(geoJson, bbox, look);
  }

  clearPreview(): void {
    this.preview.clear();
  }

  /** The case desk's cases on the globe (icons, clusters, heat, the time window), made on first use. */
  cases(): CaseOverlay {
    if (!this.caseOverlay) {
      const overlay = new CaseOverlay(this.viewer, this.flights);
      this.caseOverlay = overlay;
      this.disposables.add(() => overlay.destroy());
    }
    return this.caseOverlay;
  }

  /**
   * The ground point of the next click on the globe (instead of a pick), for placing a new
   * case; null when cancelled (`cancelPlace`) or asked again.
   */
  pickPlace(): Promise<LonLatHeight | null> {
    this.placeWanted?.(null);
    return new Promise((resolve) => {
      this.placeWanted = resolve;
    });
  }

  cancelPlace(): void {
    this.placeWanted?.(null);
    this.placeWanted = null;
  }

  /** Presenting (issue #18): flights to bookmarks, captures, the compass, the swipe comparison. */
  presentation(): PresentationMap {
    this.presentationMap ??= new PresentationMap({
      viewer: this.viewer,
      flights: this.flights,
      isIdle: () => this.isIdle(),
      splitTargets: (name) => {
        const adapter = this.layers.get(name)?.adapter;
        if (adapter instanceof DrapedImageryAdapter) return adapter.imageryLayer();
        return adapter instanceof Tiles3DLayerAdapter ? adapter.splitTarget() : null;
      },
    });
    return this.presentationMap;
  }

  testHooks(): MapTestHooks {
    return {
      isIdle: () => this.isIdle(),
      frameCount: () => this.render.frameCount(),
      project: (lonDeg, latDeg) => this.project(lonDeg, latDeg),
      lastMeasurement: () => this.measureTool.current(),
      layerIds: () => [...this.layers.values()].sort((a, b) => a.entry.order - b.entry.order).map((l) => l.entry.name),
      sceneMode: () => this.sceneMode(),
      epoch: () => this.epoch,
      terrainActive: () => !(this.viewer.scene.terrainProvider instanceof EllipsoidTerrainProvider),
      imageryLayerCount: () => this.viewer.imageryLayers.length,
      pickAt: (x, y) => this.pickAt(new Cartesian2(x, y)),
      identifyAt: (x, y) => this.identifyAt(new Cartesian2(x, y)),
      highlightedLayers: () => this.highlightedLayers(),
      idleState: () => this.idleState(),
      labels: () =>
        this.labels.current().map(({ layer, kind, text, left, top, right, bottom }) => ({
          layer,
          kind,
          text,
          left,
          top,
          right,
          bottom,
        })),
      hatchedLayers: () =>
        [...this.layers.values()].flatMap(({ entry, adapter }) =>
          adapter instanceof VectorImageryAdapter && adapter.hatched() ? [entry.name] : [],
        ),
      cases: () => this.caseOverlay?.state() ?? null,
      placing: () => this.placeWanted !== null,
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

  private idleState(): Record<string, boolean> {
    const { scene } = this.viewer;
    const state: Record<string, boolean> = {
      globeTilesLoaded: scene.globe.tilesLoaded,
      thematicsResolved: this.pendingThematics === 0,
      dataSourcesReady: this.viewer.dataSourceDisplay.ready,
      previewReady: this.preview.isReady(),
      labelsPlaced: !this.labels.pending() && !this.labelSources.pending(),
      casesPlaced: this.caseOverlay?.isReady() ?? true,
      notMorphing: scene.mode !== SceneMode.MORPHING,
      noFlight: this.flights.idle(),
      renderQuiet: this.render.quiet(),
    };
    for (const [name, { adapter, loaded }] of this.layers) state[`layer:${name}`] = !loaded || adapter.isReady();
    return state;
  }

  private isIdle(): boolean {
    return Object.values(this.idleState()).every(Boolean);
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

  /** What a click at a window position selects: the topmost feature it identifies. */
  private pickAt(position: Cartesian2): PickedFeature | null {
    return this.identifyAt(position)[0] ?? null;
  }

  /**
   * Everything under a window position, topmost first: the 3D feature or marker the scene
   * picks, then every visible draped vector layer's features at the ground point (within a
   * few pixels), layers from the top of the tree down.
   */
  private identifyAt(position: Cartesian2): PickedFeature[] {
    const { scene } = this.viewer;
    const found: PickedFeature[] = [];
    // a label is drawn over the features: look through it to what lies under it
    const top: unknown = scene.pick(position);
    const picked: unknown = this.labels.owns(top)
      ? scene.drillPick(position, 4).find((p: unknown) => !this.labels.owns(p))
      : top;
    const onScene =
      this.caseOverlay?.pick(picked) ??
      [...this.layers.values()].map(({ adapter }) => adapter.pick(picked)).find((f) => f !== null);
    if (onScene) found.push(onScene);
    const ground = pickSurface(scene, position);
    if (!ground) return found;
    const at = Cartesian3.fromRadians(ground.longitude, ground.latitude, ground.height);
    const metresPerPixel = scene.camera.getPixelSize(
      new BoundingSphere(at, 0),
      scene.drawingBufferWidth,
      scene.drawingBufferHeight,
    );
    const toleranceDeg = (PICK_RADIUS_PX * metresPerPixel) / METRES_PER_DEGREE;
    const lon = CesiumMath.toDegrees(ground.longitude);
    const lat = CesiumMath.toDegrees(ground.latitude);
    const draped = [...this.layers.values()].sort((a, b) => b.entry.order - a.entry.order);
    for (const { adapter } of draped) {
      if (adapter instanceof VectorImageryAdapter) found.push(...adapter.identifyGround(lon, lat, toleranceDeg));
    }
    return found;
  }

  private listenForPicks(): void {
    const handler = new ScreenSpaceEventHandler(this.viewer.scene.canvas);
    this.disposables.add(() => handler.destroy());
    handler.setInputAction((event: { position: Cartesian2 }) => {
      if (this.measureKind) return;
      if (this.placeWanted) {
        const ground = pickSurface(this.viewer.scene, event.position, true);
        if (!ground) return;
        const resolve = this.placeWanted;
        this.placeWanted = null;
        resolve([CesiumMath.toDegrees(ground.longitude), CesiumMath.toDegrees(ground.latitude), ground.height]);
        return;
      }
      const cluster = this.caseOverlay?.clusterAt(this.viewer.scene.pick(event.position));
      if (cluster) {
        void this.caseOverlay?.flyInto(cluster);
        return;
      }
      const found = this.identifyAt(event.position);
      this.events.emit('identify', found);
      this.select(found[0] ?? null);
    }, ScreenSpaceEventType.LEFT_CLICK);
  }
}
