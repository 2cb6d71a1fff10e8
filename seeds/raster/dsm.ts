/**
 * The demo city's DSM pair (数字表面模型, issue #13): each survey epoch's buildings burnt onto
 * the terrain, one GeoTIFF per epoch, so the raster method of the illegal-build detection has
 * ground truth. A cell is the terrain (the DEM, interpolated) at its centre plus the height of the building whose
 * footprint holds that centre (GDAL's rasterizer rule, fill.ts); the grid is the DEM's extent
 * and nodata border at `DSM_CELL_M` (0.5 m: the 3 × 3 opening keeps anything 1.5 m wide, so a 2 m extension survives it), in
 * EPSG:4526, Float32.
 */
import { GK_EPSG, type Frame } from '../geo/frame.js';
import type { ScaleSpec } from '../city/layout.js';
import type { Building } from '../city/epoch-types.js';
import { DEM_NODATA, GK_CITATION, demExtent } from './dem.js';
import { scanPolygon } from './fill.js';
import type { GeoTiffRaster } from './geotiff.js';

export const DSM_CELL_M = 0.5;

export interface DsmTerrain {
  n: number;
  originX: number;
  originY: number;
  /** Terrain (nodata on the border) at each cell centre: computed once for both epochs. */
  data: Float32Array;
}

/**
 * The terrain under the DSM: the DEM's cells interpolated bilinearly to the DSM's (cheaper
 * than the terrain function at 0.5 m and the same surface both epochs stand on).
 */
export function dsmTerrain(dem: GeoTiffRaster, spec: ScaleSpec): DsmTerrain {
  const e = demExtent(spec);
  const n = Math.round((e.widthPx * e.cellM) / DSM_CELL_M);
  const data = new Float32Array(n * n);
  const border = Math.round((spec.demNodataBorderPx * e.cellM) / DSM_CELL_M);
  const src = dem.data;
  const w = e.widthPx;
  const at = (r: number, c: number): number =>
    src[Math.min(e.heightPx - 1, Math.max(0, r)) * w + Math.min(w - 1, Math.max(0, c))] ?? 0;
  const lo = spec.demNodataBorderPx;
  const hi = e.widthPx - 1 - spec.demNodataBorderPx;
  for (let row = 0; row < n; row++) {
    // DEM cell coordinates of this DSM cell's centre, clamped to the DEM's data cells
    const fy = Math.min(hi, Math.max(lo, ((row + 0.5) * DSM_CELL_M) / e.cellM - 0.5));
    const r0 = Math.floor(fy);
    const ty = fy - r0;
    for (let col = 0; col < n; col++) {
      const edge = row < border || col < border || row >= n - border || col >= n - border;
      if (edge) {
        data[row * n + col] = DEM_NODATA;
        continue;
      }
      const fx = Math.min(hi, Math.max(lo, ((col + 0.5) * DSM_CELL_M) / e.cellM - 0.5));
      const c0 = Math.floor(fx);
      const tx = fx - c0;
      const c1 = Math.min(hi, c0 + 1);
      const r1 = Math.min(hi, r0 + 1);
      data[row * n + col] =
        (at(r0, c0) * (1 - tx) + at(r0, c1) * tx) * (1 - ty) + (at(r1, c0) * (1 - tx) + at(r1, c1) * tx) * ty;
    }
  }
  return { n, originX: e.minX, originY: e.maxY, data };
}

export function dsmRaster(
  terrain: DsmTerrain,
  buildings: readonly Building[],
  epoch: 's2022' | 's2024',
  frame: Frame,
): GeoTiffRaster {
  const { n } = terrain;
  const grid = { widthPx: n, heightPx: n, originX: terrain.originX, originY: terrain.originY, cellM: DSM_CELL_M };
  const data = Float32Array.from(terrain.data);
  for (const b of buildings) {
    const s = b[epoch];
    if (!s) continue;
    scanPolygon(grid, [s.ring], (row, x0, x1) => {
      const base = row * n;
      for (let x = x0; x < x1; x++) {
        const v = data[base + x] ?? DEM_NODATA;
        if (v !== DEM_NODATA) data[base + x] = v + s.heightM;
      }
    });
  }
  const [originX, originY] = frame.toGk([grid.originX, grid.originY]);
  return {
    widthPx: n,
    heightPx: n,
    samplesPerPixel: 1,
    data,
    originX,
    originY,
    cellSizeM: DSM_CELL_M,
    epsg: GK_EPSG,
    citation: GK_CITATION,
    nodata: DEM_NODATA,
  };
}
