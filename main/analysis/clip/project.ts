/**
 * The Gauss-Krüger projection of a clip run: lon/lat (EPSG:4326/4490, numerically the same
 * to centimetres) to the zone's metres and back, with proj4's exact transverse Mercator
 * (Poder/Engsager, as PROJ's default). For a zone on the GRS80 ellipsoid (every CGCS2000
 * zone) the projection's own forward/inverse are called on one reused point: proj4's
 * general transform (datum checks, a new object per vertex) was a tenth of a clip worker's
 * time, and with one ellipsoid and no datum shift it computes exactly the same numbers
 * (tests/unit/analysis/clip/project.test.ts). Other zones take the general path.
 * Environment: common.
 */
import proj4 from 'proj4';
import { proj4ForEpsg } from '../../../layers/crs.js';
import type { XYTransform } from './wkb.js';

export interface GkTransforms {
  toGk: XYTransform;
  toLonLat: XYTransform;
}

const D2R = Math.PI / 180;

function general(gkDefinition: string): GkTransforms {
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

export function gkTransforms(gkDefinition: string): GkTransforms {
  if (
    !/\+proj=tmerc\b/.test(gkDefinition) ||
    !/\+ellps=GRS80\b/.test(gkDefinition) ||
    !/\+units=m\b/.test(gkDefinition)
  ) {
    return general(gkDefinition);
  }
  const tm = new proj4.Proj(gkDefinition);
  const p = { x: 0, y: 0 };
  return {
    toGk: (lon, lat, out) => {
      p.x = lon * D2R;
      p.y = lat * D2R;
      tm.forward(p);
      out[0] = p.x;
      out[1] = p.y;
    },
    toLonLat: (x, y, out) => {
      p.x = x;
      p.y = y;
      tm.inverse(p);
      out[0] = p.x / D2R;
      out[1] = p.y / D2R;
    },
  };
}

/** The general proj4 path, for tests to hold the fast one against. */
export const generalGkTransforms = general;
