/**
 * Building morphology by typology: south-facing residential slabs and point towers in
 * compounds with sunlight spacing, dense 城中村 houses on lanes, industrial sheds, commercial
 * podiums with towers, schools with their sports ground, hospitals. Spacings: sunlight
 * spacing 1.2 x height for slabs (豫南 local coefficient under GB 50180-2018 §4.0.9's 大寒日
 * 2 h rule), fire separations of GB 50016-2014 表 5.2.2 (6 m between multi-storey, 13 m
 * between high-rise buildings), 4 m fire lanes.
 */
import type { Box } from '../../geo/polygon.js';
import type { Rng } from '../../rng.js';
import type { Era } from '../zoning.js';
import { box, type BuildingUse, type Placer } from './place.js';

export interface TypologyInput {
  placer: Placer;
  usable: Box;
  rng: Rng;
  era: Era;
  year: () => number;
}

interface RowOptions {
  depth: () => number;
  length: () => number;
  gap: number;
  floors: () => number;
  use: BuildingUse;
  /** Distance to the next row from this row's height. */
  spacing: (heightM: number) => number;
  storeyM?: number;
  singleStoreyHeightM?: () => number;
  /** Rows run along y instead of x. */
  alongY?: boolean;
  /** Minimum clear gap to other buildings. */
  clearM: number;
}

/** Fills the box with rows of buildings, south to north (or west to east). */
function rows(t: TypologyInput, b: Box, o: RowOptions): void {
  const [lo, hi, across0, across1] = o.alongY ? [b.minY, b.maxY, b.minX, b.maxX] : [b.minX, b.maxX, b.minY, b.maxY];
  let a = across0;
  while (a < across1) {
    const depth = o.depth();
    if (a + depth > across1) break;
    const floors = o.floors();
    let s = lo + t.rng.range(0, 4);
    let placedHeight = 0;
    while (s < hi) {
      let len = o.length();
      if (s + len > hi) len = hi - s;
      if (len < Math.min(depth, 8)) break;
      const r = o.alongY ? box(a, s, a + depth, s + len) : box(s, a, s + len, a + depth);
      const h = o.singleStoreyHeightM?.();
      if (t.placer.place(r, floors, o.use, t.year(), o.clearM, o.storeyM, h)) {
        const last = t.placer.buildings[t.placer.buildings.length - 1];
        placedHeight = Math.max(placedHeight, last?.heightM ?? 0);
      }
      s += len + o.gap;
    }
    a += depth + o.spacing(placedHeight > 0 ? placedHeight : floors * 3);
  }
}

/** A few small buildings dropped into the leftover space (配套, 门卫, 垃圾站...). */
function scatter(
  t: TypologyInput,
  count: number,
  w: [number, number],
  d: [number, number],
  floors: () => number,
  use: BuildingUse,
  gapM = 6,
): void {
  const b = t.usable;
  for (let i = 0, tries = 0; i < count && tries < count * 30; tries++) {
    const ww = t.rng.range(w[0], w[1]);
    const dd = t.rng.range(d[0], d[1]);
    const x = t.rng.range(b.minX, b.maxX - ww);
    const y = t.rng.range(b.minY, b.maxY - dd);
    if (t.placer.place(box(x, y, x + ww, y + dd), floors(), use, t.year(), gapM)) i++;
  }
}

const slabSpacing = (k: number, min: number) => (h: number) => Math.max(k * h, min);

export function residential(t: TypologyInput): void {
  const r = t.rng;
  if (t.era === 'old') {
    rows(t, t.usable, {
      depth: () => r.range(10.5, 12),
      length: () => r.range(26, 50),
      gap: 8,
      floors: () =>
        r.weighted([
          [5, 0.2],
          [6, 0.6],
          [7, 0.2],
        ] as const),
      use: '住宅',
      spacing: slabSpacing(1.1, 14),
      clearM: 6,
    });
  } else if (t.era === 'mid') {
    const high = r.chance(0.4);
    rows(t, t.usable, {
      depth: () => r.range(12, 13.5),
      length: () => r.range(32, 60),
      gap: high ? 14 : 9,
      floors: () => (high ? r.pick([11, 15, 18]) : r.pick([6, 7, 7])),
      use: '住宅',
      spacing: slabSpacing(1.2, 16),
      clearM: high ? 13 : 6,
    });
  } else {
    rows(t, t.usable, {
      depth: () => r.range(18, 22),
      length: () => r.range(24, 32),
      gap: r.range(20, 28),
      floors: () => r.pick([18, 24, 26, 30, 33]),
      use: '住宅',
      spacing: (h) => Math.max(0.55 * h, 32),
      clearM: 13,
    });
  }
  scatter(t, r.int(1, 3), [12, 24], [8, 12], () => r.int(1, 2), '公共服务');
  // bicycle sheds, 配电房, gatehouses, refuse rooms
  scatter(t, r.int(6, 12), [5, 18], [4, 7], () => 1, '公共服务', 3);
}

export function oldTown(t: TypologyInput): void {
  const r = t.rng;
  rows(t, t.usable, {
    depth: () => r.range(10, 11.5),
    length: () => r.range(30, 52),
    gap: 6.5,
    floors: () =>
      r.weighted([
        [4, 0.2],
        [5, 0.4],
        [6, 0.4],
      ] as const),
    use: '住宅',
    spacing: slabSpacing(0.95, 12),
    clearM: 6,
  });
  scatter(t, r.int(2, 5), [8, 16], [8, 12], () => r.int(1, 3), '商业');
}

/** 城中村 and rural villages: houses on narrow plots along lanes, 2-6 storeys. */
export function village(
  t: TypologyInput,
  rural: boolean,
  floorsOf?: () => number,
  use: BuildingUse = '农村住宅',
): void {
  const r = t.rng;
  const b = t.usable;
  const floors =
    floorsOf ??
    (rural
      ? () =>
          r.weighted([
            [1, 0.1],
            [2, 0.55],
            [3, 0.35],
          ] as const)
      : () =>
          r.weighted([
            [2, 0.2],
            [3, 0.35],
            [4, 0.28],
            [5, 0.12],
            [6, 0.05],
          ] as const));
  let y = b.minY;
  let pair = 0;
  while (y < b.maxY) {
    const depth = rural ? r.range(9, 11) : r.range(9, 12);
    if (y + depth > b.maxY) break;
    let x = b.minX + r.range(0, 3);
    let inRun = 0;
    while (x < b.maxX) {
      const w = rural ? r.range(8, 11.5) : r.range(6.5, 10);
      if (x + w > b.maxX) break;
      t.placer.place(box(x, y, x + w, y + depth), floors(), use, t.year(), 0.4, 3.2);
      inRun++;
      // an alley every few houses, otherwise shared walls with a small gap
      const alley = inRun >= r.int(4, 7);
      if (alley) inRun = 0;
      x += w + (alley ? r.range(2.5, 3.5) : r.range(0.5, 1.0));
    }
    pair++;
    // back-to-back rows in pairs, a lane between pairs; rural houses keep a south courtyard
    y += depth + (rural ? r.range(6, 9) : pair % 2 === 1 ? r.range(0.5, 1) : r.range(3.5, 4.5));
  }
}

export function mall(t: TypologyInput): void {
  const r = t.rng;
  const b = t.usable;
  const w = b.maxX - b.minX;
  const d = b.maxY - b.minY;
  const pw = w * r.range(0.55, 0.7);
  const pd = d * r.range(0.5, 0.65);
  const px = b.minX + r.range(0, w - pw);
  const py = b.minY;
  t.placer.place(box(px, py, px + pw, py + pd), r.int(3, 5), '商业', t.year(), 6);
  const towerY = py + pd + 13;
  for (let i = 0, x = b.minX + 4; i < 2 && x + 34 < b.maxX; i++, x += r.range(55, 75)) {
    t.placer.place(
      box(x, towerY, x + r.range(28, 34), towerY + r.range(24, 30)),
      r.int(18, 32),
      i === 0 ? '办公' : '住宅',
      t.year(),
      13,
    );
  }
  scatter(t, 2, [15, 25], [10, 15], () => r.int(2, 3), '商业');
}

export function office(t: TypologyInput): void {
  const r = t.rng;
  rows(t, t.usable, {
    depth: () => r.range(26, 34),
    length: () => r.range(30, 42),
    gap: 22,
    floors: () => r.int(14, 30),
    use: '办公',
    spacing: (h) => Math.max(0.4 * h, 24),
    clearM: 13,
  });
  scatter(t, 1, [30, 45], [14, 20], () => r.int(2, 4), '商业');
}

export function industrial(t: TypologyInput, warehouse: boolean): void {
  const r = t.rng;
  const b = t.usable;
  const alongY = b.maxY - b.minY > b.maxX - b.minX;
  // an office block by the gate
  const ox = b.minX;
  const oy = b.minY;
  t.placer.place(box(ox, oy, ox + r.range(30, 42), oy + r.range(12, 15)), r.int(3, 5), '办公', t.year(), 10);
  rows(t, b, {
    depth: () => (warehouse ? r.range(40, 60) : r.range(24, 48)),
    length: () => (warehouse ? r.range(80, 150) : r.range(50, 110)),
    gap: r.range(12, 18),
    floors: () => 1,
    use: warehouse ? '仓储' : '工业',
    storeyM: 0,
    singleStoreyHeightM: () => Number((warehouse ? r.range(10, 12.5) : r.range(8.5, 14)).toFixed(1)),
    spacing: () => r.range(12, 20),
    alongY,
    clearM: 10,
  });
  // 门卫, 配电房, 锅炉房, stores
  scatter(t, r.int(3, 7), [6, 18], [5, 10], () => 1, warehouse ? '仓储' : '工业');
}

/** Teaching buildings on one side, the sports ground (kept free) on the other. */
export function school(t: TypologyInput): { track: Box | null } {
  const r = t.rng;
  const b = t.usable;
  const w = b.maxX - b.minX;
  const d = b.maxY - b.minY;
  // 300 m track field (about 140 x 72 m) when it fits, else a 200 m one
  const [tw, td] = Math.max(w, d) >= 150 && Math.min(w, d) >= 150 ? [140, 72] : [100, 55];
  let track: Box | null = null;
  let build = b;
  if (d >= td + 50 && w >= Math.min(tw, w)) {
    const width = Math.min(tw, w);
    track = box(b.minX + (w - width) / 2, b.maxY - td, b.minX + (w + width) / 2, b.maxY);
    build = { ...b, maxY: b.maxY - td - 12 };
  }
  rows(t, build, {
    depth: () => 16,
    length: () => r.range(50, 66),
    gap: 12,
    floors: () => r.int(4, 5),
    use: '教育',
    spacing: () => 25,
    clearM: 9,
  });
  scatter(t, 1, [34, 42], [24, 28], () => 2, '教育');
  return { track };
}

export function hospital(t: TypologyInput): void {
  const r = t.rng;
  const b = t.usable;
  t.placer.place(
    box(b.minX, b.minY, b.minX + r.range(60, 75), b.minY + r.range(36, 42)),
    r.int(4, 5),
    '医疗',
    t.year(),
    13,
  );
  t.placer.place(box(b.maxX - 62, b.minY + 6, b.maxX - 4, b.minY + 24), r.int(16, 20), '医疗', t.year(), 13);
  scatter(t, 3, [30, 45], [16, 26], () => r.int(3, 7), '医疗');
}

export function civic(t: TypologyInput, use: BuildingUse, main: [number, number], floors: [number, number]): void {
  const r = t.rng;
  const b = t.usable;
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  t.placer.place(
    box(cx - main[0] / 2, cy - main[1] / 2, cx + main[0] / 2, cy + main[1] / 2),
    r.int(floors[0], floors[1]),
    use,
    t.year(),
    10,
  );
  scatter(t, r.int(1, 2), [24, 40], [12, 18], () => r.int(2, 3), use);
}

export function park(t: TypologyInput): void {
  const r = t.rng;
  scatter(t, r.int(2, 4), [6, 10], [6, 10], () => 1, '公共服务');
  scatter(t, 1, [20, 28], [10, 14], () => 2, '文化');
}

export function utility(t: TypologyInput): void {
  const r = t.rng;
  scatter(t, 1, [32, 40], [12, 15], () => 3, '市政');
  scatter(t, r.int(2, 4), [16, 26], [12, 18], () => 1, '市政');
}

export function shops(t: TypologyInput): void {
  const r = t.rng;
  const b = t.usable;
  const alongY = b.maxY - b.minY > b.maxX - b.minX;
  rows(t, b, {
    depth: () => r.range(12, 15),
    length: () => r.range(22, 48),
    gap: 4,
    floors: () => r.int(2, 3),
    use: '商业',
    spacing: () => 10,
    alongY,
    clearM: 4,
  });
}

export function market(t: TypologyInput): void {
  const r = t.rng;
  const b = t.usable;
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  t.placer.place(box(cx - 28, cy - 18, cx + 28, cy + 18), r.int(1, 2), '商业', t.year(), 6);
  scatter(t, 4, [10, 20], [8, 12], () => r.int(1, 2), '商业');
}
