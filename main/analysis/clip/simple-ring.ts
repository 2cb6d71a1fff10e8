/**
 * A fast "certainly valid" test for the common input: one polygon, one ring, few vertices
 * (a parcel). It says true only when no two non-adjacent edges meet, no two adjacent edges
 * fold back on each other, no edge has zero length and the ring encloses area: then the
 * polygon is valid (OGC simple features §6.1.11.1) and GEOS's isValid (about 7 µs a call in
 * wasm) is not needed. Any doubt (touching, collinear, holes, many vertices) says false and
 * GEOS decides. Coordinates are taken relative to the first vertex, so products of metre
 * offsets keep their precision. Environment: common.
 */

const MAX_VERTICES = 64;

/** `wkb`: a little-endian 2D MultiPolygon as wkb.copyPolygonal writes it. */
export function isCertainlySimpleParcel(wkb: Uint8Array): boolean {
  return parcelRing(wkb) !== null;
}

/**
 * The ring of a one-polygon, one-ring MultiPolygon WKB (x, y, … of its distinct vertices,
 * not closed) when it is certainly simple (see the file comment); null otherwise.
 */
export function parcelRing(wkb: Uint8Array): Float64Array | null {
  if (wkb.length < 9 + 9 + 4) return null;
  const v = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  if (v.getUint32(5, true) !== 1 || v.getUint32(14, true) !== 1) return null;
  const n = v.getUint32(18, true);
  if (n < 4 || n > MAX_VERTICES + 1 || wkb.length < 22 + n * 16) return null;
  const ring = new Float64Array(2 * (n - 1));
  for (let i = 0; i < ring.length; i++) ring[i] = v.getFloat64(22 + i * 8, true);
  return isCertainlySimpleRing(ring) ? ring : null;
}

/** `ring`: x, y, … of a ring's distinct vertices (not closed). */
export function isCertainlySimpleRing(ring: Float64Array): boolean {
  const m = ring.length / 2;
  if (m < 3 || m > MAX_VERTICES) return false;
  const x0 = ring[0] ?? 0;
  const y0 = ring[1] ?? 0;
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    xs[i] = (ring[2 * i] ?? 0) - x0;
    ys[i] = (ring[2 * i + 1] ?? 0) - y0;
  }
  let twiceArea = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    const ax = xs[i] ?? 0;
    const ay = ys[i] ?? 0;
    const bx = xs[j] ?? 0;
    const by = ys[j] ?? 0;
    if (ax === bx && ay === by) return false;
    twiceArea += ax * by - bx * ay;
    // Adjacent edge i+1 must not fold back onto edge i (a spike).
    const k = (j + 1) % m;
    const cx = xs[k] ?? 0;
    const cy = ys[k] ?? 0;
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (cross === 0 && (bx - ax) * (cx - bx) + (by - ay) * (cy - by) <= 0) return false;
  }
  if (twiceArea === 0) return false;
  // Orientations this close to zero are too near a touch to call in floating point.
  let span = 0;
  for (let i = 0; i < m; i++) span = Math.max(span, Math.abs(xs[i] ?? 0), Math.abs(ys[i] ?? 0));
  const eps = 1e-12 * span * span;
  for (let i = 0; i < m; i++) {
    for (let j = i + 2; j < m; j++) {
      if (i === 0 && j === m - 1) continue;
      if (segmentsMeet(xs, ys, i, (i + 1) % m, j, (j + 1) % m, eps)) return false;
    }
  }
  return true;
}

function orient(xs: Float64Array, ys: Float64Array, a: number, b: number, c: number): number {
  const ax = xs[a] ?? 0;
  const ay = ys[a] ?? 0;
  return ((xs[b] ?? 0) - ax) * ((ys[c] ?? 0) - ay) - ((ys[b] ?? 0) - ay) * ((xs[c] ?? 0) - ax);
}

/** True when segments ab and cd cross, touch, or are too nearly collinear to call. */
function segmentsMeet(
  xs: Float64Array,
  ys: Float64Array,
  a: number,
  b: number,
  c: number,
  d: number,
  eps: number,
): boolean {
  const minAbX = Math.min(xs[a] ?? 0, xs[b] ?? 0);
  const maxAbX = Math.max(xs[a] ?? 0, xs[b] ?? 0);
  const minCdX = Math.min(xs[c] ?? 0, xs[d] ?? 0);
  const maxCdX = Math.max(xs[c] ?? 0, xs[d] ?? 0);
  if (maxAbX < minCdX || maxCdX < minAbX) return false;
  const minAbY = Math.min(ys[a] ?? 0, ys[b] ?? 0);
  const maxAbY = Math.max(ys[a] ?? 0, ys[b] ?? 0);
  const minCdY = Math.min(ys[c] ?? 0, ys[d] ?? 0);
  const maxCdY = Math.max(ys[c] ?? 0, ys[d] ?? 0);
  if (maxAbY < minCdY || maxCdY < minAbY) return false;
  const d1 = orient(xs, ys, c, d, a);
  const d2 = orient(xs, ys, c, d, b);
  const d3 = orient(xs, ys, a, b, c);
  const d4 = orient(xs, ys, a, b, d);
  if (Math.abs(d1) <= eps || Math.abs(d2) <= eps || Math.abs(d3) <= eps || Math.abs(d4) <= eps) return true;
  return d1 > 0 !== d2 > 0 && d3 > 0 !== d4 > 0;
}
