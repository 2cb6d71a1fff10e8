/**
 * How much of the surroundings a flight to a feature shows (issue #17, item 17): a conflict
 * opened from the review list used to fill the screen from 284 m up, its neighbours out of
 * sight. Now the view fits the feature with a margin: the feature takes about two thirds of
 * the view's width, and the view is never less than 600 m across, so the parcels around a
 * small sliver show too. Pure: degrees in, metres out.
 */
import type { BBoxLonLat } from '../../common/contract/index.js';

/** Metres per degree of latitude (and of longitude at the equator), near enough for framing. */
const METRES_PER_DEGREE = 111_320;
/** The view is 1.5 times the feature's diagonal across. */
export const CONTEXT_FACTOR = 1.5;
/** Radius of the smallest view, metres. */
export const MIN_CONTEXT_RADIUS_M = 300;

export interface ContextView {
  lonDeg: number;
  latDeg: number;
  /** Radius of the sphere the camera frames, metres. */
  radiusM: number;
}

export function contextView(bbox: BBoxLonLat): ContextView {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const latDeg = (minLat + maxLat) / 2;
  const widthM = (maxLon - minLon) * METRES_PER_DEGREE * Math.cos((latDeg * Math.PI) / 180);
  const heightM = (maxLat - minLat) * METRES_PER_DEGREE;
  const radiusM = Math.max((Math.hypot(widthM, heightM) / 2) * CONTEXT_FACTOR, MIN_CONTEXT_RADIUS_M);
  return { lonDeg: (minLon + maxLon) / 2, latDeg, radiusM };
}
