import type { LonLatHeight, MeasureKind, Measurement } from '../types.js';
import { geodesicDistanceM, perimeterM, polygonAreaM2, segmentLengthsM, sumM } from './geodesy.js';

/** The figures for the points picked so far. */
export function measure(kind: MeasureKind, points: LonLatHeight[], finished: boolean): Measurement {
  switch (kind) {
    case 'distance': {
      const segmentsM = segmentLengthsM(points);
      return { kind, valueM: sumM(segmentsM), segmentsM, points, finished };
    }
    case 'area':
      return { kind, valueM2: polygonAreaM2(points), perimeterM: perimeterM(points), points, finished };
    case 'height': {
      const [from, to] = points;
      const valueM = from && to ? to[2] - from[2] : 0;
      const horizontalM = from && to ? geodesicDistanceM(from, to) : 0;
      return { kind, valueM, horizontalM, points, finished };
    }
  }
}

/** How many points finish a measurement by themselves (height: two; the others: the user says). */
export function pointLimit(kind: MeasureKind): number {
  return kind === 'height' ? 2 : Number.POSITIVE_INFINITY;
}

export function minimumPoints(kind: MeasureKind): number {
  return kind === 'area' ? 3 : 2;
}
