/**
 * Read-only probes for the e2e tests (`window.__cimMap`): they let a test wait on map
 * state instead of sleeping, and find the canvas pixel of a known ground point.
 */
import type { Measurement, SceneModeName } from './types.js';

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
  /** Names of the layers drawn hatched (conflict layers). */
  hatchedLayers(): string[];
}
