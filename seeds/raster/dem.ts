/**
 * The DEM raster: the terrain function sampled at cell centres over the district plus a
 * margin, in EPSG:4526, Float32, with a border of nodata cells all around (as a clipped
 * survey DEM has).
 */
import { GK_EPSG, type Frame } from '../geo/frame.js';
import type { HeightFn } from '../city/terrain.js';
import type { ScaleSpec } from '../city/layout.js';
import type { GeoTiffRaster } from './geotiff.js';

export const DEM_NODATA = -9999;
export const GK_CITATION = 'CGCS2000 / 3-degree Gauss-Kruger zone 38';

interface RasterExtent {
  /** Local metres of the top-left corner. */
  minX: number;
  maxY: number;
  cellM: number;
  widthPx: number;
  heightPx: number;
}

export function demExtent(spec: ScaleSpec): RasterExtent {
  const half = spec.halfSizeM + spec.demMarginM;
  const n = Math.round((2 * half) / spec.demCellM);
  return { minX: -half, maxY: half, cellM: spec.demCellM, widthPx: n, heightPx: n };
}

export function demRaster(height: HeightFn, spec: ScaleSpec, frame: Frame): GeoTiffRaster {
  const e = demExtent(spec);
  const data = new Float32Array(e.widthPx * e.heightPx);
  const border = spec.demNodataBorderPx;
  for (let row = 0; row < e.heightPx; row++) {
    const y = e.maxY - (row + 0.5) * e.cellM;
    for (let col = 0; col < e.widthPx; col++) {
      const edge = row < border || col < border || row >= e.heightPx - border || col >= e.widthPx - border;
      data[row * e.widthPx + col] = edge ? DEM_NODATA : height([e.minX + (col + 0.5) * e.cellM, y]);
    }
  }
  const [originX, originY] = frame.toGk([e.minX, e.maxY]);
  return {
    widthPx: e.widthPx,
    heightPx: e.heightPx,
    samplesPerPixel: 1,
    data,
    originX,
    originY,
    cellSizeM: e.cellM,
    epsg: GK_EPSG,
    citation: GK_CITATION,
    nodata: DEM_NODATA,
  };
}
