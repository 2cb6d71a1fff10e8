/**
 * Where a raster lies on the globe: lon/lat <-> raster CRS with proj4, the raster's
 * extent in degrees and its ground cell size in metres. Pure; environment: common.
 */
import proj4 from 'proj4';
import type { BoundsDeg } from '../geo/tiling.js';
import { M_PER_DEG_LAT } from '../geo/tiling.js';
import { pixelToCrs, type GeoTransform } from './geotransform.js';
import type { RasterCrs } from './geokeys.js';

/** The store's lon/lat (EPSG:4326; CGCS2000 lon/lat is the same to centimetres). */
const LON_LAT = '+proj=longlat +datum=WGS84 +no_defs';

export interface Projector {
  /** lon/lat degrees -> raster CRS; NaNs where the projection has no answer. */
  toRaster(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
}

export function projectorFor(crs: RasterCrs): Projector {
  const conv = proj4(LON_LAT, crs.proj4);
  const safe = (fn: () => number[]): [number, number] => {
    try {
      const [a, b] = fn();
      return Number.isFinite(a) && Number.isFinite(b) ? [a as number, b as number] : [NaN, NaN];
    } catch {
      return [NaN, NaN];
    }
  };
  return {
    toRaster: (lon, lat) => safe(() => conv.forward([lon, lat])),
    toLonLat: (x, y) => safe(() => conv.inverse([x, y])),
  };
}

/** Extent in degrees of a raster, from points along its edges (a projected edge bows). */
export function rasterBoundsDeg(projector: Projector, gt: GeoTransform, width: number, height: number): BoundsDeg {
  const steps = 32;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    for (const [c, r] of [
      [t * width, 0],
      [t * width, height],
      [0, t * height],
      [width, t * height],
    ] as const) {
      const [x, y] = pixelToCrs(gt, c, r);
      const [lon, lat] = projector.toLonLat(x, y);
      if (!Number.isFinite(lon)) continue;
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

/** Ground size of the centre pixel, metres (the smaller of its two sides). */
export function cellSizeM(projector: Projector, gt: GeoTransform, width: number, height: number): number {
  const c = width / 2;
  const r = height / 2;
  const ll = (dc: number, dr: number): [number, number] => {
    const [x, y] = pixelToCrs(gt, c + dc, r + dr);
    return projector.toLonLat(x, y);
  };
  const [lon0, lat0] = ll(0, 0);
  const [lon1, lat1] = ll(1, 0);
  const [lon2, lat2] = ll(0, 1);
  const cos = Math.cos((lat0 * Math.PI) / 180);
  const dist = (lon: number, lat: number): number =>
    Math.hypot((lon - lon0) * cos * M_PER_DEG_LAT, (lat - lat0) * M_PER_DEG_LAT);
  return Math.min(dist(lon1, lat1), dist(lon2, lat2));
}
