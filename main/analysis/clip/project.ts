/**
 * The Gauss-Krüger projection of a clip run: lon/lat (EPSG:4326/4490, numerically the same
 * to centimetres) to the zone's metres and back, with proj4's exact transverse Mercator
 * (Poder/Engsager, as PROJ's default). Environment: common.
 */
import proj4 from 'proj4';
import { proj4ForEpsg } from '../../../layers/crs.js';
import type { XYTransform } from './wkb.js';

export interface GkTransforms {
  toGk: XYTransform;
  toLonLat: XYTransform;
}

export function gkTransforms(gkDefinition: string): GkTransforms {
  const conv = proj4(proj4ForEpsg(4490) ?? 'EPSG:4326', gkDefinition);
  const pair: [number, number] = [0, 0];
  const step =
    (direction: 'forward' | 'inverse'): XYTransform =>
    (x, y, out) => {
      pair[0] = x;
      pair[1] = y;
      const r = conv[direction]<[number, number]>(pair);
      out[0] = r[0];
      out[1] = r[1];
    };
  return { toGk: step('forward'), toLonLat: step('inverse') };
}
