/**
 * Shapefile polygon rings -> polygons with holes. The spec orders nothing but winding:
 * outer rings run clockwise, holes counter-clockwise. Each hole goes to the smallest outer
 * ring that contains it; a hole inside no outer ring is kept as an outer ring (as GDAL's
 * organizePolygons does). Pure; environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';
import { pointInRing as pointInXY, signedRingArea } from '../../../layers/geom.js';

/** Shoelace sum: negative for clockwise rings (y up). */
export function signedArea(ring: readonly Position[]): number {
  return signedRingArea(ring);
}

export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  return pointInXY(p[0], p[1], ring);
}

export interface Repairs {
  closed: boolean;
  dropped: boolean;
}

/** Closes an open ring; a ring of fewer than 4 positions once closed is dropped (null). */
export function closeRing(ring: Position[], repairs: Repairs): Position[] | null {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) {
    repairs.dropped = true;
    return null;
  }
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, [first[0], first[1]] as Position];
  if (closed !== ring) repairs.closed = true;
  if (closed.length < 4) {
    repairs.dropped = true;
    return null;
  }
  return closed;
}

/** A hole's test point: a vertex, nudged off the outer ring's vertices by testing several. */
function containedIn(hole: readonly Position[], outer: readonly Position[]): boolean {
  let votes = 0;
  const n = Math.min(hole.length - 1, 3);
  for (let i = 0; i < n; i++) if (pointInRing(hole[i] ?? [0, 0], outer)) votes++;
  return votes * 2 > n;
}

export function organizeRings(rings: readonly Position[][]): Position[][][] {
  const outers: { ring: Position[]; areaAbs: number; holes: Position[][] }[] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const a = signedArea(ring);
    if (a <= 0) outers.push({ ring, areaAbs: -a, holes: [] });
    else holes.push(ring);
  }
  for (const hole of holes) {
    let best: (typeof outers)[number] | undefined;
    for (const o of outers) {
      if ((!best || o.areaAbs < best.areaAbs) && containedIn(hole, o.ring)) best = o;
    }
    if (best) best.holes.push(hole);
    else outers.push({ ring: hole, areaAbs: Math.abs(signedArea(hole)), holes: [] });
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}
