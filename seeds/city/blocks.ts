/**
 * Lattice cells -> blocks (街区). City cells are cut by branch roads (支路) in a pattern that
 * suits their zone; rural cells by a farm lane. Each sub-rectangle is cut by the cell's bank
 * region again, so blocks, branch-road areas and lanes still partition the cell exactly.
 */
import type { XY } from '../geo/frame.js';
import { area, boxOf, centroid, clipConvex, rect, type Box, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import type { GridCell, RoadArea } from './grid.js';
import { BRANCH_ROAD_WIDTH_M, FARM_LANE_WIDTH_M } from './layout.js';
import { cellZone, eraAt, SPECIAL_BLOCKS, type BlockKind, type CellZone, type Era } from './zoning.js';

export interface Block {
  /** 街区编码, e.g. `C34-2`. */
  code: string;
  cell: GridCell;
  ring: Ring;
  box: Box;
  kind: BlockKind | 'rural';
  zone: CellZone | 'rural';
  era: Era;
  name: string | null;
}

/** A branch road's centreline, ending on its bounding roads' centrelines. */
export interface BranchLine {
  name: string;
  line: [XY, XY];
  cellId: string;
}

export interface Subdivision {
  blocks: Block[];
  branchAreas: RoadArea[];
  branchLines: BranchLine[];
  /** Farm lanes (机耕路) on the rural bank. */
  lanes: Ring[];
}

const SMALL_BLOCK_M2 = 4000;

function splitAt(lo: number, hi: number, rng: Rng): number {
  return Math.round(lo + (hi - lo) * rng.range(0.4, 0.6));
}

/** How many pieces a city cell is cut into along x and y. */
function pattern(zone: CellZone, box: Box, rng: Rng): [number, number] {
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  const fits = (n: number, size: number): number => (size / n >= 130 ? n : 1);
  switch (zone) {
    case 'park':
      return [1, 1];
    case 'industrial':
      return [fits(rng.pick([1, 2]), w), 1];
    case 'newDistrict':
      return rng.chance(0.5) ? [fits(2, w), 1] : [1, fits(2, h)];
    default:
      return [fits(2, w), fits(2, h)];
  }
}

interface Piece {
  box: Box;
}

export function subdivide(cells: readonly GridCell[], rng: Rng, branchNames: readonly string[]): Subdivision {
  const out: Subdivision = { blocks: [], branchAreas: [], branchLines: [], lanes: [] };
  let nameIndex = 0;
  const nextName = (): string => branchNames[nameIndex++ % branchNames.length] ?? '支路';
  for (const cell of cells) {
    const r = rng.fork('cell', cell.id);
    const pieces: Piece[] = [];
    const cut = (b: Box): Ring => clipConvex(cell.region, rect(b.minX, b.minY, b.maxX, b.maxY));
    if (cell.bank === 'rural') {
      const b = cell.box;
      const w = b.maxX - b.minX;
      const h = b.maxY - b.minY;
      const half = FARM_LANE_WIDTH_M / 2;
      if (Math.max(w, h) > 260) {
        if (w >= h) {
          const x = splitAt(b.minX, b.maxX, r);
          pieces.push({ box: { ...b, maxX: x - half } }, { box: { ...b, minX: x + half } });
          out.lanes.push(cut({ ...b, minX: x - half, maxX: x + half }));
        } else {
          const y = splitAt(b.minY, b.maxY, r);
          pieces.push({ box: { ...b, maxY: y - half } }, { box: { ...b, minY: y + half } });
          out.lanes.push(cut({ ...b, minY: y - half, maxY: y + half }));
        }
      } else {
        pieces.push({ box: b });
      }
      pieces.forEach((p, i) => {
        const ring = cut(p.box);
        if (ring.length === 0) return;
        out.blocks.push({
          code: `${cell.id}-${String(i + 1)}`,
          cell,
          ring,
          box: boxOf(ring),
          kind: 'rural',
          zone: 'rural',
          era: 'old',
          name: null,
        });
      });
      continue;
    }
    const zone = cellZone(centreOf(cell.box));
    const [nx, ny] = pattern(zone, cell.box, r);
    const b = cell.box;
    const half = BRANCH_ROAD_WIDTH_M / 2;
    const xs = nx === 2 ? [splitAt(b.minX, b.maxX, r)] : [];
    // Two E-W branch roads, one each side of the N-S one, need not line up (offset T-junctions).
    const ysLeft = ny === 2 ? [splitAt(b.minY, b.maxY, r)] : [];
    const ysRight = ny === 2 ? (xs.length > 0 && r.chance(0.5) ? [splitAt(b.minY, b.maxY, r)] : ysLeft) : [];
    const columns: Box[] =
      xs.length === 0
        ? [b]
        : [
            { ...b, maxX: (xs[0] as number) - half },
            { ...b, minX: (xs[0] as number) + half },
          ];
    if (xs.length > 0) {
      const x = xs[0] as number;
      const name = nextName();
      out.branchAreas.push({
        ring: cut({ ...b, minX: x - half, maxX: x + half }),
        road: { name, grade: '支路', widthM: BRANCH_ROAD_WIDTH_M },
        bank: 'city',
      });
      out.branchLines.push({
        name,
        cellId: cell.id,
        line: [
          [x, cell.bounds.south ?? b.minY],
          [x, cell.bounds.north ?? b.maxY],
        ],
      });
    }
    columns.forEach((col, ci) => {
      const ys = ci === 0 ? ysLeft : ysRight;
      if (ys.length === 0) {
        pieces.push({ box: col });
        return;
      }
      const y = ys[0] as number;
      pieces.push({ box: { ...col, maxY: y - half } }, { box: { ...col, minY: y + half } });
      if (ci === 1 && ysRight === ysLeft && xs.length > 0) {
        // the same E-W branch road continues across the N-S one
        const prev = out.branchAreas[out.branchAreas.length - 1];
        const prevLine = out.branchLines[out.branchLines.length - 1];
        if (prev && prevLine) {
          out.branchAreas.push({
            ring: cut({ ...col, minY: y - half, maxY: y + half }),
            road: prev.road,
            bank: 'city',
          });
          prevLine.line[1] = [cell.bounds.east ?? b.maxX, y];
          return;
        }
      }
      const name = nextName();
      out.branchAreas.push({
        ring: cut({ ...col, minY: y - half, maxY: y + half }),
        road: { name, grade: '支路', widthM: BRANCH_ROAD_WIDTH_M },
        bank: 'city',
      });
      const west = ci === 0 ? (cell.bounds.west ?? b.minX) : (xs[0] as number);
      const east = ci === 0 && xs.length > 0 ? (xs[0] as number) : (cell.bounds.east ?? b.maxX);
      out.branchLines.push({
        name,
        cellId: cell.id,
        line: [
          [west, y],
          [east, y],
        ],
      });
    });
    pieces.forEach((p, i) => {
      const ring = cut(p.box);
      if (ring.length === 0) return;
      let kind: BlockKind = blockKindOf(zone, r);
      if (area(ring) < SMALL_BLOCK_M2 || (kind !== 'park' && area(ring) < 0.35 * boxArea(p.box))) kind = 'riverGreen';
      const centre = centreOf(p.box);
      out.blocks.push({
        code: `${cell.id}-${String(i + 1)}`,
        cell,
        ring,
        box: boxOf(ring),
        kind,
        zone,
        era: eraAt(centre),
        name: null,
      });
    });
  }
  assignSpecials(out.blocks);
  // Filter degenerate branch pieces that the bank cut away.
  out.branchAreas = out.branchAreas.filter((a) => a.ring.length > 0);
  out.lanes = out.lanes.filter((l) => l.length > 0);
  return out;
}

/** Each special use goes to the nearest ordinary city block (within 300 m of its point). */
function assignSpecials(blocks: Block[]): void {
  for (const special of SPECIAL_BLOCKS) {
    let best: Block | null = null;
    let bestD = 300;
    for (const b of blocks) {
      if (
        b.cell.bank !== 'city' ||
        !['residential', 'oldTown', 'newDistrict', 'industrial', 'warehouse', 'cbd'].includes(b.kind)
      )
        continue;
      const c = centroid(b.ring);
      const d = Math.hypot(c[0] - special.at[0], c[1] - special.at[1]);
      if (d < bestD) {
        bestD = d;
        best = b;
      }
    }
    if (best) {
      best.kind = special.kind;
      best.name = special.name;
    }
  }
}

function blockKindOf(zone: CellZone, rng: Rng): BlockKind {
  if (zone === 'industrial') return rng.chance(0.3) ? 'warehouse' : 'industrial';
  return zone;
}

function centreOf(b: Box): XY {
  return [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
}

function boxArea(b: Box): number {
  return (b.maxX - b.minX) * (b.maxY - b.minY);
}
