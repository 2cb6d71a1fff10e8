/**
 * Curves as vertices: DXF bulges (tan of a quarter of the arc's angle; AutoCAD DXF
 * Reference, LWPOLYLINE code 42), arcs, circles and ellipses, at GDAL's default step of
 * 4° (OGR_ARC_STEPSIZE). Pure; environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';

const STEP_RAD = (4 * Math.PI) / 180;

/** Points of a circular arc from `startRad` sweeping `sweepRad` (positive = counter-clockwise), ends included. */
export function arcPoints(cx: number, cy: number, r: number, startRad: number, sweepRad: number): Position[] {
  const n = Math.max(1, Math.ceil(Math.abs(sweepRad) / STEP_RAD));
  const out: Position[] = [];
  for (let i = 0; i <= n; i++) {
    const a = startRad + (sweepRad * i) / n;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

/** The arc between two vertices with a bulge, without its first point. */
function bulgePoints(a: Position, b: Position, bulge: number): Position[] {
  if (bulge === 0) return [b];
  const theta = 4 * Math.atan(bulge);
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const chord = Math.hypot(dx, dy);
  if (chord === 0) return [b];
  const r = chord / (2 * Math.sin(theta / 2));
  // Centre: from the chord's midpoint along its normal.
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  const h = r * Math.cos(theta / 2);
  const cx = mx - (h * dy) / chord;
  const cy = my + (h * dx) / chord;
  const start = Math.atan2(a[1] - cy, a[0] - cx);
  const pts = arcPoints(cx, cy, Math.abs(r), start, theta);
  pts[pts.length - 1] = [b[0], b[1]];
  return pts.slice(1);
}

/** A polyline's vertices with bulged segments expanded; `closed` adds the closing segment. */
export function expandBulges(vertices: readonly Position[], bulges: readonly number[], closed: boolean): Position[] {
  const first = vertices[0];
  if (!first) return [];
  const out: Position[] = [first];
  const n = vertices.length;
  for (let i = 0; i < (closed ? n : n - 1); i++) {
    const a = vertices[i] ?? first;
    const b = vertices[(i + 1) % n] ?? first;
    out.push(...bulgePoints(a, b, bulges[i] ?? 0));
  }
  return out;
}

/** An ellipse from centre, major-axis endpoint (relative), minor/major ratio and parameter range. */
export function ellipsePoints(
  cx: number,
  cy: number,
  mx: number,
  my: number,
  ratio: number,
  startParam: number,
  endParam: number,
): Position[] {
  let sweep = endParam - startParam;
  if (sweep <= 0) sweep += 2 * Math.PI;
  const a = Math.hypot(mx, my);
  const rot = Math.atan2(my, mx);
  const n = Math.max(1, Math.ceil(sweep / STEP_RAD));
  const out: Position[] = [];
  for (let i = 0; i <= n; i++) {
    const t = startParam + (sweep * i) / n;
    const x = a * Math.cos(t);
    const y = a * ratio * Math.sin(t);
    out.push([cx + x * Math.cos(rot) - y * Math.sin(rot), cy + x * Math.sin(rot) + y * Math.cos(rot)]);
  }
  return out;
}
