/** A view's box from a query string: `minLon,minLat,maxLon,maxLat`, or null. Environment: node. */
import type { BBoxLonLat } from '../../common/contract/shared.js';

export function parseBbox(text: string | null): BBoxLonLat | null {
  if (!text) return null;
  const v = text.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) return null;
  return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 0];
}
