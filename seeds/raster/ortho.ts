/**
 * The orthophoto (正射影像) rendered from the 2024 land cover: ground by use (paving,
 * fields in crop stripes, forest and orchards as crowns, bare building sites), green
 * spaces with trees, the river, roads with sidewalks, street trees and lane markings,
 * school sports grounds, then building shadows (sun in the south-south-east, mid-morning)
 * and roofs coloured by use. 8-bit RGB in EPSG:4526 over the district.
 */
import type { City } from '../city/city.js';
import { GK_EPSG, type Frame } from '../geo/frame.js';
import { Canvas } from './canvas.js';
import { GK_CITATION } from './dem.js';
import type { GeoTiffRaster } from './geotiff.js';
import { C, crowns, groundOf, paintBuildings, paintFields, paintRoads, paintTrack } from './ortho-paint.js';

export function orthoRaster(city: City, frame: Frame): GeoTiffRaster {
  const half = city.spec.halfSizeM;
  const cell = city.spec.orthoCellM;
  const n = Math.round((2 * half) / cell);
  const canvas = new Canvas(n, n, -half, half, cell, city.seed);
  const seed = city.seed;
  // ground: the plan partition covers the district; parcels refine it with their current use
  for (const m of city.plans.master) canvas.fill([m.ring], (i, col, row) => canvas.tone(i, col, row, C.paving, 6, 5));
  canvas.fill([city.river.floodplainNw], (i, col, row) => canvas.tone(i, col, row, C.floodplain, 14, 8));
  canvas.fill([city.river.floodplainSe], (i, col, row) => canvas.tone(i, col, row, C.floodplain, 14, 8));
  crowns(canvas, city.river.floodplainNw, 9, [1.5, 3], [70, 100, 52], seed + 1, 0.5);
  crowns(canvas, city.river.floodplainSe, 9, [1.5, 3], [70, 100, 52], seed + 2, 0.5);
  canvas.fill([city.river.water], (i, col, row) => canvas.tone(i, col, row, C.water, 5, 2));
  for (const p of city.parcels) {
    const g = groundOf(p);
    if (g.kind === 'field') paintFields(canvas, p, seed);
    else
      canvas.fill([p.ring], (i, col, row) =>
        canvas.tone(i, col, row, g.colour, g.kind === 'water' ? 4 : 10, g.kind === 'water' ? 2 : 7),
      );
    if (g.kind === 'forest') crowns(canvas, p.ring, 4.5, [2, 3.6], [46, 84, 40], seed + 3);
    if (g.kind === 'orchard') crowns(canvas, p.ring, 4.5, [1.4, 2], [72, 108, 50], seed + 4, 0.08);
  }
  for (const g of city.green) {
    canvas.fill([g.ring], (i, col, row) => canvas.tone(i, col, row, C.lawn, 10, 6));
    crowns(canvas, g.ring, g.kind === '公园绿地' ? 8 : 11, [1.8, 3.4], [58, 96, 46], seed + 5);
  }
  for (const [, track] of city.tracks) if (track) paintTrack(canvas, track);
  paintRoads(canvas, city);
  paintBuildings(canvas, city.epochs.buildings, seed);
  const [originX, originY] = frame.toGk([-half, half]);
  return {
    widthPx: n,
    heightPx: n,
    samplesPerPixel: 3,
    data: canvas.data,
    originX,
    originY,
    cellSizeM: cell,
    epsg: GK_EPSG,
    citation: GK_CITATION,
  };
}
