/**
 * Cut and fill (土方量) of a polygon graded to a design surface: a level (elevation Z) or a
 * sloped plane through Z at a reference point, rising `gradient` metres per metre toward
 * `azimuthDeg` (clockwise from grid north). Method: every DEM cell whose centre lies inside
 * the polygon counts with its whole cell area (cellX × cellY in the DEM's projected CRS):
 * cut = Σ max(ground − design, 0) · A, fill = Σ max(design − ground, 0) · A. Cells without a
 * height are left out and counted. Pure; environment: common.
 */
import { CimError } from '../../../common/errors.js';
import { pointInPolygon } from '../../../layers/geom.js';
import { centreX, centreY, isValid, type Dem } from './dem.js';

export interface DesignSurface {
  elevationM: number;
  /** Reference point of a sloped plane (the polygon's centroid by default). */
  refX?: number;
  refY?: number;
  gradient?: number;
  azimuthDeg?: number;
}

export interface CutFillResult {
  cutM3: number;
  fillM3: number;
  netM3: number;
  areaM2: number;
  cells: number;
  nodataCells: number;
  cellAreaM2: number;
  maxCutM: number;
  maxFillM: number;
  /** Per cell of the window [col0, row0, width, height]: ground − design, NaN outside. */
  window: { col0: number; row0: number; width: number; height: number; diff: Float32Array };
}

function designAt(s: DesignSurface, x: number, y: number): number {
  if (!s.gradient) return s.elevationM;
  const a = ((s.azimuthDeg ?? 0) * Math.PI) / 180;
  return s.elevationM + s.gradient * ((x - (s.refX ?? 0)) * Math.sin(a) + (y - (s.refY ?? 0)) * Math.cos(a));
}

export function cutFill(dem: Dem, polygon: [number, number][][], design: DesignSurface): CutFillResult {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon[0] ?? []) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const col0 = Math.max(0, Math.floor((minX - dem.originX) / dem.cellX - 0.5));
  const col1 = Math.min(dem.width - 1, Math.ceil((maxX - dem.originX) / dem.cellX - 0.5));
  const row0 = Math.max(0, Math.floor((dem.originY - maxY) / dem.cellY - 0.5));
  const row1 = Math.min(dem.height - 1, Math.ceil((dem.originY - minY) / dem.cellY - 0.5));
  if (col1 < col0 || row1 < row0) throw new CimError('terrain.polygon_outside', {});
  const width = col1 - col0 + 1;
  const height = row1 - row0 + 1;
  const diff = new Float32Array(width * height).fill(NaN);
  const cellArea = dem.cellX * dem.cellY;
  let cut = 0;
  let fill = 0;
  let cells = 0;
  let nodataCells = 0;
  let maxCutM = 0;
  let maxFillM = 0;
  for (let r = row0; r <= row1; r++) {
    const y = centreY(dem, r);
    for (let c = col0; c <= col1; c++) {
      const x = centreX(dem, c);
      if (!pointInPolygon(x, y, polygon)) continue;
      const g = dem.data[r * dem.width + c] ?? NaN;
      if (!isValid(dem, g)) {
        nodataCells++;
        continue;
      }
      cells++;
      const d = g - designAt(design, x, y);
      diff[(r - row0) * width + (c - col0)] = d;
      if (d > 0) {
        cut += d * cellArea;
        maxCutM = Math.max(maxCutM, d);
      } else {
        fill -= d * cellArea;
        maxFillM = Math.max(maxFillM, -d);
      }
    }
  }
  if (cells === 0) throw new CimError('terrain.polygon_outside', {});
  return {
    cutM3: cut,
    fillM3: fill,
    netM3: cut - fill,
    areaM2: cells * cellArea,
    cells,
    nodataCells,
    cellAreaM2: cellArea,
    maxCutM,
    maxFillM,
    window: { col0, row0, width, height, diff },
  };
}
