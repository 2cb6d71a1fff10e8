/**
 * The road grid as a planar partition: the district is cut by the grid roads' red lines into
 * a lattice of rectangles (cells between roads, road segments, junction squares), each then
 * cut by the bank it lies on. Rectangles share exact coordinates, so the plans built from them
 * have exact shared edges and no gaps.
 */
import type { XY } from '../geo/frame.js';
import { area, clipConvex, rect, type Box, type Ring } from '../geo/polygon.js';
import { GRID_ROADS, RURAL_ROAD_WIDTH_M, RIVER, type GridRoad, type RoadGrade } from './layout.js';
import type { River } from './river.js';

export type Bank = 'city' | 'rural';

export interface RoadRef {
  name: string;
  grade: RoadGrade;
  widthM: number;
}

/** A piece of road space (red-line area) in the partition; 1207 in the master plan. */
export interface RoadArea {
  ring: Ring;
  road: RoadRef;
  bank: Bank;
}

/** The land between roads in one lattice cell, cut by its bank. */
export interface GridCell {
  id: string;
  ix: number;
  iy: number;
  bank: Bank;
  /** The unclipped rectangle between the red lines. */
  box: Box;
  ring: Ring;
  /** Which region polygon cut it (reused to cut what is inside it). */
  region: Ring;
  /** Centreline coordinates of the bounding roads (null at the district edge). */
  bounds: { west: number | null; east: number | null; south: number | null; north: number | null };
}

interface Interval {
  lo: number;
  hi: number;
  road: GridRoad | null;
}

/** Red-line width of a grid road on a bank: county roads on the rural bank are narrower. */
export function roadWidth(road: GridRoad, bank: Bank): number {
  return bank === 'city' || road.grade === '主干路' ? road.widthM : RURAL_ROAD_WIDTH_M;
}

function intervals(axis: 'x' | 'y', half: number, bank: Bank): Interval[] {
  const lines = GRID_ROADS.filter((r) => r.axis === axis)
    .map((road) => ({ road, w: roadWidth(road, bank) / 2 }))
    .filter(({ road, w }) => road.at - w < half && road.at + w > -half)
    .sort((a, b) => a.road.at - b.road.at);
  const out: Interval[] = [];
  let cursor = -half;
  for (const { road, w } of lines) {
    const lo = Math.max(-half, road.at - w);
    const hi = Math.min(half, road.at + w);
    if (lo > cursor) out.push({ lo: cursor, hi: lo, road: null });
    out.push({ lo, hi, road });
    cursor = hi;
  }
  if (cursor < half) out.push({ lo: cursor, hi: half, road: null });
  return out;
}

/** The region a lattice rectangle is cut by: north of 中州路 the city ends at 滨河西路. */
function regionFor(river: River, bank: Bank, box: Box): Ring {
  if (bank === 'rural') return river.ruralBank;
  return box.minY >= RIVER.riversideRoadSouthEndY + 25 ? river.cityLandNorth : river.cityLandSouth;
}

function ref(road: GridRoad, bank: Bank): RoadRef {
  return { name: road.name, grade: road.grade, widthM: roadWidth(road, bank) };
}

export interface GridPartition {
  cells: GridCell[];
  roads: RoadArea[];
}

/** Cells smaller than this after cutting are left to the riverside green (no block). */
const MIN_PIECE_M2 = 1;

export function buildGrid(river: River, half: number): GridPartition {
  const cells: GridCell[] = [];
  const roads: RoadArea[] = [];
  for (const bank of ['city', 'rural'] as const) {
    const xs = intervals('x', half, bank);
    const ys = intervals('y', half, bank);
    xs.forEach((xi, ix) => {
      ys.forEach((yi, iy) => {
        const box: Box = { minX: xi.lo, minY: yi.lo, maxX: xi.hi, maxY: yi.hi };
        const region = regionFor(river, bank, box);
        const ring = clipConvex(region, rect(box.minX, box.minY, box.maxX, box.maxY));
        if (ring.length === 0 || area(ring) < MIN_PIECE_M2) return;
        if (!xi.road && !yi.road) {
          const bounds = {
            west: xs[ix - 1]?.road?.at ?? null,
            east: xs[ix + 1]?.road?.at ?? null,
            south: ys[iy - 1]?.road?.at ?? null,
            north: ys[iy + 1]?.road?.at ?? null,
          };
          // Column/row among all grid roads, so a cell keeps its id (and its random stream) at every scale.
          const gx = GRID_ROADS.filter((r) => r.axis === 'x' && r.at < box.minX).length;
          const gy = GRID_ROADS.filter((r) => r.axis === 'y' && r.at < box.minY).length;
          const id = `${bank === 'city' ? 'C' : 'R'}${String(gx)}${String(gy)}`;
          cells.push({ id, ix: gx, iy: gy, bank, box, ring, region, bounds });
          return;
        }
        // A junction square belongs to the higher-grade road (the N-S one when equal).
        const road = pickRoad(xi.road, yi.road);
        roads.push({ ring, road: ref(road, bank), bank });
      });
    });
  }
  return { cells, roads };
}

const GRADE_RANK: Record<RoadGrade, number> = { 主干路: 3, 次干路: 2, 支路: 1 };

function pickRoad(x: GridRoad | null, y: GridRoad | null): GridRoad {
  if (x && y) return GRADE_RANK[y.grade] > GRADE_RANK[x.grade] ? y : x;
  const r = x ?? y;
  if (!r) throw new RangeError('lattice rectangle without a road');
  return r;
}

/** Where an axis line (x = at or y = at) crosses a polyline, or null. */
export function crossAxis(line: readonly XY[], axis: 'x' | 'y', at: number): XY | null {
  const k = axis === 'x' ? 0 : 1;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as XY;
    const b = line[i] as XY;
    if ((a[k] - at) * (b[k] - at) > 0 || a[k] === b[k]) continue;
    const t = (at - a[k]) / (b[k] - a[k]);
    return axis === 'x' ? [at, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), at];
  }
  return null;
}
