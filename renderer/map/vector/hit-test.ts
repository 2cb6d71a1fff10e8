/**
 * Which feature of a vector layer lies under a ground point: inside a polygon (even-odd over
 * its rings, so holes are holes), or within a tolerance of a line or point. Distances are in
 * degrees with longitude scaled by cos(latitude), which at a few pixels' tolerance is metres
 * up to a constant. Pure.
 */
import { featuresIn, type VectorFeature, type VectorIndex } from './features.js';
import { pointInFlatRing } from '../../../layers/geom.js';

function insidePolygons(f: VectorFeature, x: number, y: number): boolean {
  let ring = 0;
  for (const count of f.ringCounts) {
    let inside = false;
    for (let r = 0; r < count; r++) if (pointInFlatRing(x, y, f.polygons[ring + r] ?? [])) inside = !inside;
    if (inside) return true;
    ring += count;
  }
  return false;
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number, k: number): number {
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const px = (x - ax) * k;
  const py = y - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

function nearLines(f: VectorFeature, x: number, y: number, tolDeg: number, k: number): boolean {
  for (const line of f.lines) {
    for (let i = 0; i + 3 < line.length; i += 2) {
      const d = segmentDistance(x, y, line[i] ?? 0, line[i + 1] ?? 0, line[i + 2] ?? 0, line[i + 3] ?? 0, k);
      if (d <= tolDeg) return true;
    }
  }
  return false;
}

function nearPoints(f: VectorFeature, x: number, y: number, tolDeg: number, k: number): boolean {
  for (let i = 0; i + 1 < f.points.length; i += 2) {
    if (Math.hypot(((f.points[i] ?? 0) - x) * k, (f.points[i + 1] ?? 0) - y) <= tolDeg) return true;
  }
  return false;
}

/** The topmost (last drawn) feature at lon/lat, or null; `tolDeg` is the pick radius in degrees of latitude. */
export function featureAt(layer: VectorIndex, lonDeg: number, latDeg: number, tolDeg: number): VectorFeature | null {
  const k = Math.cos((latDeg * Math.PI) / 180);
  const dLon = tolDeg / Math.max(k, 1e-6);
  const candidates = featuresIn(layer, [lonDeg - dLon, latDeg - tolDeg, lonDeg + dLon, latDeg + tolDeg]);
  // points and lines over the polygons they sit on, as they are drawn
  for (let i = candidates.length - 1; i >= 0; i--) {
    const f = candidates[i] as VectorFeature;
    if (nearPoints(f, lonDeg, latDeg, tolDeg, k) || (f.lines.length > 0 && nearLines(f, lonDeg, latDeg, tolDeg, k)))
      return f;
  }
  for (let i = candidates.length - 1; i >= 0; i--) {
    const f = candidates[i] as VectorFeature;
    if (insidePolygons(f, lonDeg, latDeg)) return f;
  }
  return null;
}

/**
 * Every feature at lon/lat, topmost first (QGIS's identify lists them all): points and lines
 * within the tolerance, then the polygons that contain the point.
 */
export function featuresAt(layer: VectorIndex, lonDeg: number, latDeg: number, tolDeg: number): VectorFeature[] {
  const k = Math.cos((latDeg * Math.PI) / 180);
  const dLon = tolDeg / Math.max(k, 1e-6);
  const candidates = featuresIn(layer, [lonDeg - dLon, latDeg - tolDeg, lonDeg + dLon, latDeg + tolDeg]).reverse();
  const near = candidates.filter(
    (f) => nearPoints(f, lonDeg, latDeg, tolDeg, k) || (f.lines.length > 0 && nearLines(f, lonDeg, latDeg, tolDeg, k)),
  );
  const inside = candidates.filter((f) => !near.includes(f) && insidePolygons(f, lonDeg, latDeg));
  return [...near, ...inside];
}
