/**
 * Hand-worked sunlight cases at 南阳 (112.53°E, 32.99°N) on 大寒日 2025-01-20, window 08:00-16:00
 * true solar time, and an analytic reference for boxes: a box's shadow test by the slab method
 * (entry into an axis-aligned box), evaluated on a 3-second grid of true solar time with the
 * Sun from NREL SPA, so the reference shares no geometry code with the caster.
 */
import { packObstacles, type PrismInput } from '../../../../main/analysis/obstacles/prisms.js';
import type { TerrainGrid } from '../../../../main/analysis/obstacles/terrain-grid.js';
import type { SamplePoint } from '../../../../main/analysis/sunlight/points.js';
import {
  analyzeSunlight,
  type SunlightResult,
  type SunlightRules,
} from '../../../../main/analysis/sunlight/sunlight-core.js';
import { sunPosition } from '../../../../main/analysis/sun/spa.js';
import { dayConversion, trueSolarToUtcMs } from '../../../../main/analysis/sun/solar-time.js';

export const SITE = { lonDeg: 112.53, latDeg: 32.99, date: '2025-01-20' };
export const WINDOW = { startMin: 8 * 60, endMin: 16 * 60 };

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  topM: number;
}

export function boxPrism(b: Box): PrismInput {
  return {
    rings: [
      [
        [b.x0, b.y0],
        [b.x1, b.y0],
        [b.x1, b.y1],
        [b.x0, b.y1],
      ],
    ],
    baseM: 0,
    topM: b.topM,
  };
}

export function point(id: string, x: number, y: number, z: number, facingDeg: number | null): SamplePoint {
  return { id, x, y, xs: [x], ys: [y], z, groundM: 0, heightAboveGroundM: z, facingDeg, buildingId: null, floor: null };
}

export async function run(
  boxes: readonly Box[],
  points: readonly SamplePoint[],
  options: {
    rules?: Partial<SunlightRules>;
    terrain?: TerrainGrid | null;
    latDeg?: number;
    date?: string;
    workers?: number;
    prisms?: PrismInput[];
  } = {},
): Promise<SunlightResult> {
  return analyzeSunlight({
    ...SITE,
    ...(options.latDeg === undefined ? {} : { latDeg: options.latDeg }),
    ...(options.date === undefined ? {} : { date: options.date }),
    ...WINDOW,
    stepMin: 1,
    refraction: false,
    rules: { minSegmentMin: null, minSweepDeg: null, ...options.rules },
    requiredMinutes: 120,
    obstacles: packObstacles(options.prisms ?? boxes.map(boxPrism)),
    terrain: options.terrain ?? null,
    points,
    workers: options.workers ?? 0,
  });
}

/** The Sun at a true-solar minute of the day. */
export function sunAt(tstMin: number): { az: number; tan: number; elev: number } {
  const conv = dayConversion(SITE.date, SITE.lonDeg);
  if (!conv) throw new Error('date');
  const utc = trueSolarToUtcMs(SITE.date, tstMin, conv) ?? NaN;
  const p = sunPosition(utc, SITE.lonDeg, SITE.latDeg);
  return { az: p.azimuthDeg, elev: p.elevationDeg, tan: Math.tan((p.elevationDeg * Math.PI) / 180) };
}

/** Slab-method entry of the horizontal ray from (x, y) along azimuth `az` into a box, or Infinity. */
function boxEntry(b: Box, x: number, y: number, az: number): number {
  const ux = Math.sin((az * Math.PI) / 180);
  const uy = Math.cos((az * Math.PI) / 180);
  let t0 = -Infinity;
  let t1 = Infinity;
  for (const [o, u, lo, hi] of [
    [x, ux, b.x0, b.x1],
    [y, uy, b.y0, b.y1],
  ] as const) {
    if (Math.abs(u) < 1e-15) {
      if (o < lo || o > hi) return Infinity;
      continue;
    }
    const a = (lo - o) / u;
    const c = (hi - o) / u;
    t0 = Math.max(t0, Math.min(a, c));
    t1 = Math.min(t1, Math.max(a, c));
  }
  return t1 >= Math.max(t0, 0) && t0 > 0 ? t0 : Infinity;
}

/** Analytic lit intervals [start, end] in true-solar minutes, from a 3 s scan. */
export function analyticIntervals(
  boxes: readonly Box[],
  p: { x: number; y: number; z: number; facingDeg: number | null },
  limitDeg = 90,
): [number, number][] {
  const lit = (m: number): boolean => {
    const s = sunAt(m);
    if (s.elev <= 0) return false;
    if (p.facingDeg !== null && Math.abs(((s.az - p.facingDeg + 540) % 360) - 180) >= limitDeg) return false;
    return boxes.every((b) => boxEntry(b, p.x, p.y, s.az) * s.tan >= b.topM - p.z);
  };
  const out: [number, number][] = [];
  const dt = 0.05;
  const steps = Math.round((WINDOW.endMin - WINDOW.startMin) / dt);
  let from: number | null = null;
  for (let i = 0; i <= steps; i++) {
    const m = WINDOW.startMin + i * dt;
    const l = i < steps && lit(m + dt / 2);
    if (l && from === null) from = m;
    if (!l && from !== null) {
      out.push([from, m]);
      from = null;
    }
  }
  return out;
}

export function clockMin(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0) + (s ?? 0) / 60;
}
