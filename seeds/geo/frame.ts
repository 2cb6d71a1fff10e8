/**
 * The demo city's coordinate frame. Generators work in local metres (u east, v north) from
 * an origin in CGCS2000 3° Gauss-Krüger zone 38 (EPSG:4526, central meridian 114°E, false
 * easting with the 38 500 000 zone prefix); the writer converts to CGCS2000 lon/lat
 * (EPSG:4490) for the store. Local -> GK is a translation, so areas and distances computed
 * in local metres are GK zone 38 metres exactly.
 */
import { converter, gkZoneByEpsg } from '../../layers/crs.js';

export type XY = [number, number];

/** EPSG code of the GK zone the city is built in (CGCS2000 / 3-degree Gauss-Kruger zone 38). */
export const GK_EPSG = 4526;
const LONLAT_EPSG = 4490;

/**
 * Local origin: the GK point nearest to 112.56°E 33.00°N (central Nanyang, east of the
 * 卧龙区/宛城区 boundary) rounded to 100 m, so raster corners fall on whole metres.
 */
export const ORIGIN_GK: XY = [38_365_400, 3_653_700];

export interface Frame {
  /** Local metres -> GK zone 38 easting/northing (metres, zone prefix included). */
  toGk(p: readonly [number, number]): XY;
  /** Local metres -> CGCS2000 lon/lat degrees. */
  toLonLat(p: readonly [number, number]): XY;
  /** CGCS2000 lon/lat -> local metres. */
  fromLonLat(p: readonly [number, number]): XY;
}

export function createFrame(origin: XY = ORIGIN_GK): Frame {
  if (!gkZoneByEpsg(GK_EPSG)) throw new RangeError('EPSG:4526 missing from layers/crs');
  const gkToLonLat = converter(GK_EPSG, LONLAT_EPSG);
  const lonLatToGk = converter(LONLAT_EPSG, GK_EPSG);
  const toGk = (p: readonly [number, number]): XY => [origin[0] + p[0], origin[1] + p[1]];
  return {
    toGk,
    toLonLat: (p) => gkToLonLat(toGk(p)),
    fromLonLat: (p) => {
      const [e, n] = lonLatToGk(p);
      return [e - origin[0], n - origin[1]];
    },
  };
}
