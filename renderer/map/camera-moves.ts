import { Math as CesiumMath, Rectangle, type Camera } from 'cesium';
import type { BBoxLonLat } from '../../common/contract/index.js';

/** Smallest extent the camera frames, so a single point does not fly to street level. */
const MIN_SPAN_DEG = 0.002;
const PADDING = 0.15;

export function rectangleAround(bbox: BBoxLonLat): Rectangle {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const padLon = Math.max((maxLon - minLon) * PADDING, MIN_SPAN_DEG / 2);
  const padLat = Math.max((maxLat - minLat) * PADDING, MIN_SPAN_DEG / 2);
  return Rectangle.fromDegrees(
    Math.max(minLon - padLon, -180),
    Math.max(minLat - padLat, -90),
    Math.min(maxLon + padLon, 180),
    Math.min(maxLat + padLat, 90),
  );
}

export function unionBBox(boxes: readonly BBoxLonLat[]): BBoxLonLat | null {
  if (boxes.length === 0) return null;
  return boxes.reduce<BBoxLonLat>(
    (acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/** Counts camera flights under way, so "idle" can mean "not about to move". */
export class Flights {
  private pending = 0;

  async fly(camera: Camera, rectangle: Rectangle, durationS = 1.5): Promise<void> {
    await this.during(() => flyToRectangle(camera, rectangle, durationS));
  }

  /** Counts a move of the caller's own (a tour's flight to a bookmark). */
  async during(move: () => Promise<void>): Promise<void> {
    this.pending++;
    try {
      await move();
    } finally {
      this.pending--;
    }
  }

  idle(): boolean {
    return this.pending === 0;
  }
}

function flyToRectangle(camera: Camera, rectangle: Rectangle, durationS: number): Promise<void> {
  return new Promise((resolve) => {
    camera.flyTo({
      destination: rectangle,
      duration: durationS,
      orientation: { heading: 0, pitch: CesiumMath.toRadians(-90), roll: 0 },
      complete: resolve,
      cancel: resolve,
    });
  });
}
