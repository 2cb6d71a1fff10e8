/**
 * What the map tells the rest of the renderer. Plain data only: React never sees a
 * Cesium type. Coordinates are EPSG:4326 degrees, heights metres above the ellipsoid.
 */
import type { ResolvedThematic } from '../style/thematic.js';

/** [lonDeg, latDeg, heightM] */
export type LonLatHeight = [number, number, number];

export type MeasureKind = 'distance' | 'area' | 'height';

export type Measurement =
  | { kind: 'distance'; valueM: number; segmentsM: number[]; points: LonLatHeight[]; finished: boolean }
  | { kind: 'area'; valueM2: number; perimeterM: number; points: LonLatHeight[]; finished: boolean }
  | { kind: 'height'; valueM: number; horizontalM: number; points: LonLatHeight[]; finished: boolean };

export interface PickedFeature {
  layer: string;
  /** The feature's row id in the workspace table, when the source carried one. */
  fid: number | string | null;
  properties: Record<string, unknown>;
}

export interface CursorInfo {
  lonDeg: number;
  latDeg: number;
  heightM: number;
}

export type SceneModeName = '2d' | '3d' | 'morphing';

export interface ViewInfo {
  cameraHeightM: number;
  /** Ground metres per CSS pixel at the bottom centre of the view; null when that is sky. */
  metresPerPixel: number | null;
  sceneMode: SceneModeName;
}

/** A camera pose as the workspace stores it (the contract's Camera). */
export interface CameraPose {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

/** A shown layer's thematic colours, for the legend. */
export interface LegendEntry {
  layer: string;
  thematic: ResolvedThematic;
}

export interface EpochState {
  /** Epochs the shown layers hold, oldest first (empty: no epoch control). */
  available: string[];
  current: string | null;
}

export interface MapEvents {
  /** The selected feature (highlighted on the globe), or null. */
  pick: PickedFeature | null;
  /** Every visible layer's features under the last click, topmost first (QGIS's identify). */
  identify: PickedFeature[];
  measure: Measurement | null;
  cursor: CursorInfo | null;
  view: ViewInfo;
  sceneMode: SceneModeName;
  /** The camera came to rest after a move (user or flight). */
  cameraMoved: CameraPose;
  legend: LegendEntry[];
  epochs: EpochState;
  error: unknown;
}
