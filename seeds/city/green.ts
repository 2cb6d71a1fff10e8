/**
 * Green spaces (绿地) inside parcels: the free ground between buildings, minus fire lanes and
 * paths, merged into rectangles on a 6 m grid, until the parcel's green target is reached.
 * Parks are mostly green; schools keep their sports ground; farmland has none.
 */
import { fitsInside, rect, type Box, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import type { Building } from './epochs.js';
import type { Parcel } from './parcels.js';

type GreenKind = '公园绿地' | '附属绿地' | '防护绿地';

export interface GreenSpace {
  ring: Ring;
  kind: GreenKind;
  dkbm: string;
  name: string;
}

const CELL_M = 6;
/** Keep this clear around buildings (fire lanes, paths, GB 50016 §7.1.8: lanes >= 4 m). */
const CLEAR_M = 4;

function boxOfRing(r: Ring): Box {
  const xs = r.map((p) => p[0]);
  const ys = r.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Free rectangles of a parcel: grid cells clear of buildings, merged by rows then columns. */
function freeRects(parcel: Ring, obstacles: readonly Box[], edgeClearM: number): Box[] {
  const b = boxOfRing(parcel);
  const nx = Math.floor((b.maxX - b.minX) / CELL_M);
  const ny = Math.floor((b.maxY - b.minY) / CELL_M);
  const x0 = b.minX + ((b.maxX - b.minX) % CELL_M) / 2;
  const y0 = b.minY + ((b.maxY - b.minY) % CELL_M) / 2;
  const out: Box[] = [];
  let prev: { a: number; b: number; box: Box }[] = [];
  for (let j = 0; j < ny; j++) {
    const runs: { a: number; b: number }[] = [];
    let start = -1;
    for (let i = 0; i <= nx; i++) {
      let free = false;
      if (i < nx) {
        const c: Box = {
          minX: x0 + i * CELL_M,
          minY: y0 + j * CELL_M,
          maxX: x0 + (i + 1) * CELL_M,
          maxY: y0 + (j + 1) * CELL_M,
        };
        free =
          obstacles.every(
            (o) =>
              c.minX >= o.maxX + CLEAR_M ||
              c.maxX <= o.minX - CLEAR_M ||
              c.minY >= o.maxY + CLEAR_M ||
              c.maxY <= o.minY - CLEAR_M,
          ) && fitsInside(rect(c.minX, c.minY, c.maxX, c.maxY), parcel, edgeClearM);
      }
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        runs.push({ a: start, b: i });
        start = -1;
      }
    }
    const next: { a: number; b: number; box: Box }[] = [];
    for (const run of runs) {
      const above = prev.find((p) => p.a === run.a && p.b === run.b);
      if (above) {
        above.box.maxY = y0 + (j + 1) * CELL_M;
        next.push(above);
      } else {
        const bx: Box = {
          minX: x0 + run.a * CELL_M,
          minY: y0 + j * CELL_M,
          maxX: x0 + run.b * CELL_M,
          maxY: y0 + (j + 1) * CELL_M,
        };
        out.push(bx);
        next.push({ ...run, box: bx });
      }
    }
    prev = next;
  }
  return out;
}

/** Target green share of the parcel area (0-1) by typology; null: no green spaces. */
function share(p: Parcel, targetPct: number | null): number | null {
  if (p.typology === 'none') return null;
  if (p.typology === 'park') return 0.8;
  return (targetPct ?? 15) / 100 + 0.05;
}

export function buildGreen(
  parcels: readonly Parcel[],
  buildings: readonly Building[],
  tracks: ReadonlyMap<string, Box | null>,
  greenTargets: ReadonlyMap<string, number>,
  rng: Rng,
): GreenSpace[] {
  const byParcel = new Map<string, Box[]>();
  for (const b of buildings) {
    if (!b.dkbm || !b.s2024) continue;
    const list = byParcel.get(b.dkbm) ?? [];
    list.push(boxOfRing(b.s2024.ring));
    byParcel.set(b.dkbm, list);
  }
  const out: GreenSpace[] = [];
  for (const p of parcels) {
    const want = share(p, greenTargets.get(p.dkbm) ?? null);
    if (want === null || p.block.cell.bank === 'rural') continue;
    const obstacles = [...(byParcel.get(p.dkbm) ?? [])];
    const track = tracks.get(p.dkbm);
    if (track) obstacles.push(track);
    const rects = freeRects(p.ring, obstacles, 1.5)
      .filter((r) => (r.maxX - r.minX) * (r.maxY - r.minY) >= 3 * CELL_M * CELL_M)
      .map((r) => ({ r, key: rng.next() }))
      .sort(
        (a, b) =>
          (b.r.maxX - b.r.minX) * (b.r.maxY - b.r.minY) - (a.r.maxX - a.r.minX) * (a.r.maxY - a.r.minY) ||
          a.key - b.key,
      );
    let total = 0;
    const kind: GreenKind = p.typology === 'park' ? '公园绿地' : p.current === '1302' ? '防护绿地' : '附属绿地';
    for (const { r } of rects) {
      if (total >= want * p.areaM2) break;
      // paths through big lawns: shrink each rectangle by 1 m
      const g = { minX: r.minX + 1, minY: r.minY + 1, maxX: r.maxX - 1, maxY: r.maxY - 1 };
      total += (g.maxX - g.minX) * (g.maxY - g.minY);
      out.push({
        ring: rect(g.minX, g.minY, g.maxX, g.maxY),
        kind,
        dkbm: p.dkbm,
        name: p.typology === 'park' ? p.name : `${p.name}绿地`,
      });
    }
  }
  return out;
}
