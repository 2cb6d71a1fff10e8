/**
 * Sunlight hours (issue #15): 10,000 facade points against 2,000 nearby buildings at 1-minute
 * steps over 大寒日's 08:00-16:00 true solar time (480 samples), the core with its worker
 * threads (main/analysis/sunlight/sunlight-core.ts): wall time, CPU time of the process (all
 * threads) and so how many cores were busy. The reference in the same run is the same input on
 * one thread (workers: 0), so the ratio shows what the second core brings. Target: under 30 s.
 */
import { performance } from 'node:perf_hooks';
import { packObstacles } from '../main/analysis/obstacles/prisms.js';
import { analyzeSunlight, type SunlightResult } from '../main/analysis/sunlight/sunlight-core.js';
import { sunlightCity } from './gen/sunlight-city.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface SunlightBenchOptions {
  seed: number;
  repetitions: number;
  log: (line: string) => void;
  points?: number;
  buildings?: number;
}

interface Timed {
  wallMs: Summary;
  cpuMs: Summary;
  /** CPU time / wall time: how many cores were busy on average. */
  coresBusy: Summary;
}

export type SunlightBenchResult =
  | {
      status: 'ok';
      points: number;
      buildings: number;
      samplesPerPoint: number;
      raysPerSecond: number;
      twoWorkers: Timed;
      oneThread: Timed;
      /** two workers / one thread (wall). */
      ratio: number;
      failingPoints: number;
      meanSunlitMin: number;
      targetMs: number;
      targetMet: boolean;
    }
  | { status: 'failed'; error: string };

const TARGET_MS = 30_000;

export async function runSunlightBench(o: SunlightBenchOptions): Promise<SunlightBenchResult> {
  const city = sunlightCity(o.seed, o.buildings, o.points);
  o.log(`sunlight: ${String(city.points.length)} facade points, ${String(city.prisms.length)} buildings`);
  const once = async (workers: number): Promise<{ wall: number; cpu: number; result: SunlightResult }> => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await analyzeSunlight({
      date: '2025-01-20',
      lonDeg: 112.53,
      latDeg: 33.0,
      startMin: 8 * 60,
      endMin: 16 * 60,
      stepMin: 1,
      refraction: false,
      rules: { minSegmentMin: null, minSweepDeg: null },
      requiredMinutes: 120,
      obstacles: packObstacles(city.prisms, { shared: workers > 0 }),
      terrain: null,
      points: city.points,
      workers,
    });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(cpu0);
    return { wall, cpu: (c.user + c.system) / 1000, result };
  };
  await once(2); // warm-up: bundles the worker, fills caches
  const runs2: { wall: number; cpu: number }[] = [];
  const runs1: { wall: number; cpu: number }[] = [];
  let last: SunlightResult | null = null;
  for (let i = 0; i < o.repetitions; i++) {
    const a = await once(2);
    last = a.result;
    runs2.push(a);
    o.log(`sunlight: 2 workers ${(a.wall / 1000).toFixed(2)} s (cpu ${(a.cpu / 1000).toFixed(2)} s)`);
    const b = await once(0);
    runs1.push(b);
    o.log(`sunlight: 1 thread ${(b.wall / 1000).toFixed(2)} s`);
  }
  const timed = (runs: { wall: number; cpu: number }[]): Timed => ({
    wallMs: summarize(runs.map((r) => r.wall)),
    cpuMs: summarize(runs.map((r) => r.cpu)),
    coresBusy: summarize(
      runs.map((r) => r.cpu / r.wall),
      2,
    ),
  });
  const two = timed(runs2);
  const one = timed(runs1);
  const pts = last?.points ?? [];
  return {
    status: 'ok',
    points: city.points.length,
    buildings: city.prisms.length,
    samplesPerPoint: 480,
    raysPerSecond: Math.round((city.points.length * 480) / (two.wallMs.median / 1000)),
    twoWorkers: two,
    oneThread: one,
    ratio: ratio(two.wallMs.median, one.wallMs.median),
    failingPoints: last?.failing.length ?? 0,
    meanSunlitMin: Math.round(pts.reduce((n, p) => n + p.sunlitMinutes, 0) / Math.max(1, pts.length)),
    targetMs: TARGET_MS,
    targetMet: two.wallMs.median < TARGET_MS,
  };
}
