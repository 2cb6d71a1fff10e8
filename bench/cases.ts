/**
 * The case desk at scale (issue #12): N cases (default 1,000,000) over a city of 12 × 11 km
 * and one year, inserted into the workspace's `cases` layer (GeoPackage R-tree kept by its
 * triggers), then 1,000 random viewport + time-window queries answered as `cim cases query`
 * answers them (main/cases/query.ts), each returning about 1 % of the cases (a third of the
 * city's width and height, 10 % of the year). The floor in the same run is a bare
 * better-sqlite3 3-D R*Tree on (x, y, t) with the same rows and the same windows. Also the
 * desk's statistics over all cases (main/cases/stats.ts) against one GROUP BY in sqlite.
 *
 *   npx tsx bench/cases.ts [--cases 1000000] [--queries 1000] [--seed 20240601]
 *
 * prints one JSON object on stdout. Environment: node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CASE_CATEGORIES } from '../layers/cases.js';
import { caseIds } from '../main/cases/query.js';
import { ensureCaseModel } from '../main/cases/schema.js';
import { readCaseStats } from '../main/cases/stats.js';
import { isoBeijing } from '../main/cases/time.js';
import { openWorkspaceDb } from '../main/store/connection.js';
import { encodeGpkg } from '../main/store/gpkg-geometry.js';

export interface CasesBenchOptions {
  cases: number;
  queries: number;
  seed: number;
  outDir: string;
  log: (line: string) => void;
}

interface Latency {
  p50Ms: number;
  p95Ms: number;
  meanReturned: number;
}

export interface CasesBenchResult {
  status: 'ok';
  cases: number;
  queries: number;
  insert: { cimPerSecond: number; floorPerSecond: number; ratio: number };
  query: { cim: Latency; floor: Latency; p95Ratio: number; target: string; met: boolean };
  stats: { cimMs: number; floorMs: number; ratio: number };
}

const BBOX = [112.5, 32.96, 112.62, 33.06] as const;
const YEAR_START = Date.parse('2024-01-01T00:00:00+08:00');
const YEAR_MS = 366 * 86_400_000;
const STATUSES = ['上报', '立案', '派遣', '处置', '核查', '结案', '结案', '结案', '结案', '结案'];
const BATCH = 10_000;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function latency(times: number[], returned: number[]): Latency {
  const s = [...times].sort((a, b) => a - b);
  const r2 = (v: number): number => Math.round(v * 100) / 100;
  return {
    p50Ms: r2(percentile(s, 0.5)),
    p95Ms: r2(percentile(s, 0.95)),
    meanReturned: Math.round(returned.reduce((a, b) => a + b, 0) / returned.length),
  };
}

export function runCasesBench(o: CasesBenchOptions): CasesBenchResult {
  fs.mkdirSync(o.outDir, { recursive: true });
  const wsFile = path.join(o.outDir, 'cases-bench.gpkg');
  const floorFile = path.join(o.outDir, 'cases-floor.sqlite');
  for (const f of [wsFile, floorFile]) for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });

  // the rows, once, for both sides
  const rnd = mulberry32(o.seed);
  const n = o.cases;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const t = new Float64Array(n);
  const cat = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = BBOX[0] + rnd() * (BBOX[2] - BBOX[0]);
    lat[i] = BBOX[1] + rnd() * (BBOX[3] - BBOX[1]);
    t[i] = YEAR_START + Math.floor(rnd() * YEAR_MS);
    cat[i] = Math.floor(rnd() * CASE_CATEGORIES.length);
  }

  o.log(`cases: inserting ${String(n)} cases into the workspace`);
  const db = openWorkspaceDb(wsFile, { create: true });
  db.transaction(() => ensureCaseModel(db, '2025-01-01T00:00:00Z'))();
  const insert = db.prepare(
    `INSERT INTO cases (geom, case_id, type, dl_code, dl_name, xl_code, xl_name, description, address, reported_at,
       status, source, street, community, dept, overdue, uuid, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '监督员', ?, ?, ?, 0, ?, 1)`,
  );
  let start = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(n, b + BATCH); i++) {
        const c = CASE_CATEGORIES[cat[i] as number] ?? CASE_CATEGORIES[0];
        if (!c) continue;
        const at = isoBeijing(t[i] as number);
        const street = `街道${String(Math.floor(((lon[i] as number) - BBOX[0]) * 50))}`;
        insert.run(
          encodeGpkg({ type: 'Point', coordinates: [lon[i] as number, lat[i] as number] }, 4326),
          `NY${at.slice(0, 10).replaceAll('-', '')}${String(i).padStart(7, '0')}`,
          c.kind,
          c.majorCode,
          c.majorName,
          c.code,
          c.name,
          c.name,
          `${street}某路`,
          at,
          STATUSES[i % STATUSES.length],
          street,
          `${street}社区${String(Math.floor(((lat[i] as number) - BBOX[1]) * 50))}`,
          '城市管理局',
          `bench-${String(i)}`,
        );
      }
    })();
  }
  const cimInsertS = (performance.now() - start) / 1000;

  o.log('cases: the floor (bare 3-D R*Tree)');
  const floor = new Database(floorFile);
  floor.pragma('journal_mode = WAL');
  floor.exec('CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy, mint, maxt)');
  const fins = floor.prepare('INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?)');
  start = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    floor.transaction(() => {
      for (let i = b; i < Math.min(n, b + BATCH); i++) {
        const x = lon[i] as number;
        const y = lat[i] as number;
        const s = (t[i] as number) / 1000;
        fins.run(i + 1, x, x, y, y, s, s);
      }
    })();
  }
  const floorInsertS = (performance.now() - start) / 1000;

  // 1,000 windows: a third of the city each way and 10 % of the year -> ~1 % of the cases
  const q = mulberry32(o.seed + 1);
  const windows = Array.from({ length: o.queries }, () => {
    const w = (BBOX[2] - BBOX[0]) / Math.sqrt(10);
    const h = (BBOX[3] - BBOX[1]) / Math.sqrt(10);
    const x0 = BBOX[0] + q() * (BBOX[2] - BBOX[0] - w);
    const y0 = BBOX[1] + q() * (BBOX[3] - BBOX[1] - h);
    const t0 = YEAR_START + Math.floor(q() * YEAR_MS * 0.9);
    return { bbox: [x0, y0, x0 + w, y0 + h] as [number, number, number, number], t0, t1: t0 + YEAR_MS * 0.1 };
  });
  o.log(`cases: ${String(o.queries)} queries each side`);
  const asOf = Date.parse('2025-01-01T00:00:00+08:00');
  const cimTimes: number[] = [];
  const cimReturned: number[] = [];
  const floorTimes: number[] = [];
  const floorReturned: number[] = [];
  const fq = floor.prepare(
    'SELECT id FROM r WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? AND mint < ? AND maxt >= ?',
  );
  // warm both caches with the first ten, then alternate
  for (const w of windows.slice(0, 10)) {
    caseIds(db, { bbox: w.bbox, from: isoBeijing(w.t0), to: isoBeijing(w.t1) }, asOf);
    fq.all(w.bbox[2], w.bbox[0], w.bbox[3], w.bbox[1], w.t1 / 1000, w.t0 / 1000);
  }
  for (const w of windows) {
    let s = performance.now();
    const ids = caseIds(db, { bbox: w.bbox, from: isoBeijing(w.t0), to: isoBeijing(w.t1) }, asOf);
    cimTimes.push(performance.now() - s);
    cimReturned.push(ids.length);
    s = performance.now();
    const rows = fq.all(w.bbox[2], w.bbox[0], w.bbox[3], w.bbox[1], w.t1 / 1000, w.t0 / 1000);
    floorTimes.push(performance.now() - s);
    floorReturned.push(rows.length);
  }
  const cim = latency(cimTimes, cimReturned);
  const fl = latency(floorTimes, floorReturned);

  o.log('cases: statistics');
  start = performance.now();
  readCaseStats(db, {}, asOf);
  const statsMs = performance.now() - start;
  start = performance.now();
  db.prepare(
    'SELECT status, type, dl_code, substr(reported_at, 1, 7) AS m, count(*) FROM cases GROUP BY 1, 2, 3, 4',
  ).all();
  const floorStatsMs = performance.now() - start;
  db.close();
  floor.close();
  const r2 = (v: number): number => Math.round(v * 100) / 100;
  const p95Ratio = r2(cim.p95Ms / Math.max(fl.p95Ms, 1e-6));
  return {
    status: 'ok',
    cases: n,
    queries: o.queries,
    insert: {
      cimPerSecond: Math.round(n / cimInsertS),
      floorPerSecond: Math.round(n / floorInsertS),
      ratio: r2(floorInsertS / cimInsertS),
    },
    query: { cim, floor: fl, p95Ratio, target: 'p95 <= 2x the floor', met: p95Ratio <= 2 },
    stats: { cimMs: Math.round(statsMs), floorMs: Math.round(floorStatsMs), ratio: r2(statsMs / floorStatsMs) },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { cases: { type: 'string' }, queries: { type: 'string' }, seed: { type: 'string' } },
  });
  const result = runCasesBench({
    cases: Number(values.cases ?? 1_000_000),
    queries: Number(values.queries ?? 1000),
    seed: Number(values.seed ?? 20240601),
    outDir: path.join(os.tmpdir(), 'cim-bench-cases'),
    log: (line) => void process.stderr.write(`${line}\n`),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
