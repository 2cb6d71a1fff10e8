/**
 * A residential district for the sunlight benchmark, in the local metric frame at 南阳: 2,000
 * buildings on a 40 × 50 lot grid (lots 50 m east-west, 40 m north-south, so 2.0 × 2.0 km):
 * mostly slabs 30-45 m long and 11-14 m deep of 6-33 storeys (3 m), one lot in eight a
 * 20-30 m square tower of 25-34 storeys, all turned by up to ±15°. Facade points (3 m
 * spacing, every storey, east through south to west) on the central buildings until there
 * are 10,000. Deterministic from the seed.
 */
import type { PrismInput } from '../../main/analysis/obstacles/prisms.js';
import { facadePoints, type FacadeBuilding, type SamplePoint } from '../../main/analysis/sunlight/points.js';
import { mulberry32 } from './polygons.js';

export interface SunlightCity {
  prisms: PrismInput[];
  buildings: FacadeBuilding[];
  points: SamplePoint[];
}

const COLS = 40;
const ROWS = 50;
const LOT_X = 50;
const LOT_Y = 40;

export function sunlightCity(seed: number, buildingCount = COLS * ROWS, pointCount = 10_000): SunlightCity {
  const rand = mulberry32(seed);
  const buildings: FacadeBuilding[] = [];
  for (let i = 0; i < buildingCount; i++) {
    const col = i % COLS;
    const row = Math.floor(i / COLS) % ROWS;
    const cx = (col - COLS / 2 + 0.5) * LOT_X;
    const cy = (row - ROWS / 2 + 0.5) * LOT_Y;
    const tower = rand() < 0.125;
    const len = tower ? 20 + rand() * 10 : 30 + rand() * 15;
    const depth = tower ? len : 11 + rand() * 3;
    const floors = tower ? 25 + Math.floor(rand() * 10) : 6 + Math.floor(rand() * 28);
    const turn = ((rand() - 0.5) * 30 * Math.PI) / 180;
    const c = Math.cos(turn);
    const s = Math.sin(turn);
    const ring = [
      [-len / 2, -depth / 2],
      [len / 2, -depth / 2],
      [len / 2, depth / 2],
      [-len / 2, depth / 2],
    ].map(([x = 0, y = 0]) => [cx + x * c - y * s, cy + x * s + y * c] as [number, number]);
    buildings.push({ id: `b${String(i)}`, rings: [ring], baseM: 0, heightM: floors * 3, floors });
  }
  const byDistance = [...buildings].sort((a, b) => dist(a) - dist(b));
  const points: SamplePoint[] = [];
  for (const b of byDistance) {
    if (points.length >= pointCount) break;
    points.push(...facadePoints([b], { spacingM: 3 }).slice(0, pointCount - points.length));
  }
  return {
    prisms: buildings.map((b) => ({ rings: b.rings, baseM: b.baseM, topM: b.baseM + b.heightM })),
    buildings,
    points,
  };
}

function dist(b: FacadeBuilding): number {
  const p = b.rings[0]?.[0] ?? [0, 0];
  return Math.hypot(p[0], p[1]);
}
