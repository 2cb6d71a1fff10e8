/**
 * Read-only probes for the e2e tests (`window.__cimMap`): they let a test wait on map
 * state instead of sleeping, and find the canvas pixel of a known ground point.
 */
import type { CaseOverlayState } from './cases/case-overlay.js';
import type { Measurement, PickedFeature, SceneModeName } from './types.js';

export interface MapTestHooks {
  /** Globe tiles loaded, layers built, no flight or morph under way, no frame pending. */
  isIdle(): boolean;
  frameCount(): number;
  /** CSS pixel, relative to the canvas's top-left corner, of a ground point; null when not in view. */
  project(lonDeg: number, latDeg: number): { x: number; y: number } | null;
  lastMeasurement(): Measurement | null;
  /** Names of the layers the map holds, bottom of the draw order first. */
  layerIds(): string[];
  sceneMode(): SceneModeName;
  /** The survey epoch the 3D layers show. */
  epoch(): string | null;
  /** Whether the globe stands on a terrain layer (not the bare ellipsoid). */
  terrainActive(): boolean;
  /** Imagery layers on the globe, the base map included. */
  imageryLayerCount(): number;
  /** Each condition of `isIdle`, for a test that times out waiting on it to say which. */
  idleState(): Record<string, boolean>;
  /** What a click at this canvas pixel would pick. */
  pickAt(x: number, y: number): PickedFeature | null;
  /** Every visible layer's features under this canvas pixel, topmost first. */
  identifyAt(x: number, y: number): PickedFeature[];
  /** Layers whose selected feature is outlined on the globe. */
  highlightedLayers(): string[];
  /** The labels on the globe and their screen boxes (CSS pixels from the canvas's top-left) at their placement. */
  labels(): { layer: string; kind: string; text: string; left: number; top: number; right: number; bottom: number }[];
  /** Names of the layers drawn hatched (conflict layers). */
  hatchedLayers(): string[];
  /** The case desk's overlay: its mode and what it draws (null before the desk opened it). */
  cases(): CaseOverlayState | null;
  /** Whether the next click on the globe places something (a new case). */
  placing(): boolean;
}
