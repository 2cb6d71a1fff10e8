/** The extent of a file being previewed for import, drawn before anything is written. */
import { GeoJsonDataSource, type CesiumWidget } from 'cesium';
import type { BBoxLonLat, LayerStyle } from '../../main/api/contract.js';
import { applyStyle, createSymbology, dressEntities } from './adapters/vector-style.js';
import { rectangleAround, type Flights } from './camera-moves.js';

const PREVIEW_STYLE: LayerStyle = {
  fillColor: '#fa8c16',
  fillOpacity: 0.25,
  strokeColor: '#fa541c',
  strokeWidthPx: 2,
  pointSizePx: 6,
};

export class PreviewOverlay {
  private readonly viewer: CesiumWidget;
  private readonly flights: Flights;
  private dataSource: GeoJsonDataSource | null = null;
  /** Bumped on every show/clear so a slow load cannot resurrect a cleared preview. */
  private generation = 0;

  constructor(viewer: CesiumWidget, flights: Flights) {
    this.viewer = viewer;
    this.flights = flights;
  }

  async show(geoJson: unknown, bbox: BBoxLonLat | null): Promise<void> {
    this.clear();
    const generation = this.generation;
    if (bbox) void this.flights.fly(this.viewer.camera, rectangleAround(bbox));
    if (typeof geoJson !== 'object' || geoJson === null) return;
    const symbology = createSymbology();
    applyStyle(symbology, PREVIEW_STYLE, 1);
    symbology.zIndex.setValue(Number.MAX_SAFE_INTEGER);
    const dataSource = await GeoJsonDataSource.load(geoJson, { clampToGround: true, describe: () => '' });
    if (generation !== this.generation) return;
    dressEntities(dataSource.entities, symbology);
    await this.viewer.dataSources.add(dataSource);
    if (generation !== this.generation) {
      this.viewer.dataSources.remove(dataSource, true);
      return;
    }
    this.dataSource = dataSource;
    this.viewer.scene.requestRender();
  }

  clear(): void {
    this.generation++;
    if (this.dataSource) this.viewer.dataSources.remove(this.dataSource, true);
    this.dataSource = null;
    this.viewer.scene.requestRender();
  }

  isReady(): boolean {
    return this.dataSource === null || !this.dataSource.isLoading;
  }
}
