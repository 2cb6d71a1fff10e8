/**
 * Multi-plan overlay: the whole `cim analyze multiplan --all-pairs` run (read the workspace,
 * overlay in the clip workers, write the result layer) against `qgis_process run
 * native:intersection` on the same two workspace layers, in the same run, at each size.
 * QGIS's start-up (a trivial algorithm on a one-parcel layer) is measured separately and
 * subtracted from its time; ours is reported whole, process start-up included. Runs
 * alternate (QGIS start-up, QGIS, cim) so drift on a shared machine hits all alike; one
 * untimed run of each fills caches first. Target (issue #5): our time at most half of
 * QGIS's compute at 20k and 50k parcels, our peak memory under 1 GiB.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setWorkspaceMeta } from '../main/store/catalog.js';
import { openWorkspaceDb } from '../main/store/connection.js';
import { generatePolygons } from './gen/polygons.js';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface MultiplanBenchOptions {
  root: string;
  outDir: string;
  sizes: number[];
  seed: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

export interface MultiplanSizeResult {
  features: number;
  vertices: number;
  cim: {
    command: string;
    wallMs: Summary;
    jobDurationMs: Summary;
    peakRssMiB: Summary;
    rows: number;
    slivers: number;
    workers: number;
  };
  qgis: {
    command: string;
    wallMs: Summary;
    startupMs: Summary;
    /** wall - start-up, per run. */
    computeMs: Summary;
    peakRssMiB: Summary;
    features: number;
  };
  /** cim wall / QGIS compute (target <= 0.5 at 20k and 50k), cim / QGIS peak RSS. */
  ratio: { timeToQgisCompute: number; peakRss: number };
  targetMet: { time: boolean | null; memory: boolean };
}

export type MultiplanBenchResult =
  | { status: 'ok'; qgis: string; repetitions: number; rssMethod: RssMethod; sizes: MultiplanSizeResult[] }
  | { status: 'skipped'; reason: string };

const QGIS_BIN = '/usr/bin/qgis_process.bin';
const QGIS_ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen' };
const OFFSET_M: [number, number] = [12, 9];
const TIME_TARGET = 0.5;
const MEMORY_TARGET_MIB = 1024;
/** Sizes the time target applies to (issue #5). */
const TARGET_SIZES = new Set([20_000, 50_000]);

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

function freshFile(file: string): string {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  return file;
}

function ogrCount(file: string): number {
  const info = execFileSync('ogrinfo', ['-so', '-al', '-ro', file], { encoding: 'utf8' });
  return Number(/Feature Count: (\d+)/.exec(info)?.[1] ?? NaN);
}

function qgisVersion(): string | null {
  if (!fs.existsSync(QGIS_BIN)) return null;
  try {
    const out = execFileSync(QGIS_BIN, ['--version'], {
      encoding: 'utf8',
      env: QGIS_ENV,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return /^QGIS .*$/m.exec(out)?.[0] ?? 'QGIS';
  } catch {
    return null;
  }
}

async function prepare(
  o: MultiplanBenchOptions,
  n: number,
): Promise<{ workspace: string; tiny: string; vertices: number }> {
  const a = path.join(o.outDir, `plan-a-${String(n)}.geojson`);
  const b = path.join(o.outDir, `plan-b-${String(n)}.geojson`);
  const tiny = path.join(o.outDir, 'plan-tiny.geojson');
  const ga = generatePolygons(a, n, o.seed);
  const gb = generatePolygons(b, n, o.seed + 1, OFFSET_M);
  generatePolygons(tiny, 1, o.seed);
  const workspace = freshFile(path.join(o.outDir, `multiplan-${String(n)}.gpkg`));
  for (const [file, name] of [
    [a, 'plan_a'],
    [b, 'plan_b'],
  ] as const) {
    const run = await runMeasured(
      process.execPath,
      ['bin/cim.mjs', 'import', file, '--workspace', workspace, '--name', name, '--json'],
      {
        cwd: o.root,
        method: o.rssMethod,
      },
    );
    check(run, `cim import ${name}`);
  }
  // The zone QGIS-compared areas use (the data sits on the 37/38 zone border at 112.5 E).
  const db = openWorkspaceDb(workspace);
  db.transaction(() => setWorkspaceMeta(db, 'gk_zone_epsg', '4526'))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { workspace, tiny, vertices: ga.vertices + gb.vertices };
}

async function benchSize(o: MultiplanBenchOptions, n: number): Promise<MultiplanSizeResult> {
  o.log(`multiplan: ${String(n)} x ${String(n)} parcels: generating and importing`);
  const { workspace, tiny, vertices } = await prepare(o, n);
  const qgisOut = path.join(o.outDir, `multiplan-qgis-${String(n)}.gpkg`);
  const tinyOut = path.join(o.outDir, 'multiplan-qgis-tiny.gpkg');
  const qgisArgs = [
    'run',
    'native:intersection',
    '--',
    `INPUT=${workspace}|layername=plan_a`,
    `OVERLAY=${workspace}|layername=plan_b`,
    `OUTPUT=${qgisOut}`,
  ];
  const startupArgs = ['run', 'native:intersection', '--', `INPUT=${tiny}`, `OVERLAY=${tiny}`, `OUTPUT=${tinyOut}`];
  let runNo = 0;
  const cimArgs = (): string[] => [
    'bin/cim.mjs',
    'analyze',
    'multiplan',
    '--workspace',
    workspace,
    '--layers',
    'plan_a,plan_b',
    '--all-pairs',
    '--name',
    `bench_${String(++runNo)}`,
    '--json',
  ];
  const qgis = async (args: string[], out: string): Promise<MeasuredRun> => {
    freshFile(out);
    return check(
      await runMeasured(QGIS_BIN, args, { cwd: o.root, method: o.rssMethod, env: QGIS_ENV }),
      'qgis_process',
    );
  };
  const cim = async (): Promise<{
    run: MeasuredRun;
    summary: { count: number; durationMs: number; workers: number; sliver: { dropped: number } };
  }> => {
    const run = check(
      await runMeasured(process.execPath, cimArgs(), { cwd: o.root, method: o.rssMethod }),
      'cim analyze multiplan',
    );
    return {
      run,
      summary: JSON.parse(run.stdout) as {
        count: number;
        durationMs: number;
        workers: number;
        sliver: { dropped: number };
      },
    };
  };
  o.log(`multiplan: ${String(n)}: warm-up (untimed)`);
  await qgis(startupArgs, tinyOut);
  await qgis(qgisArgs, qgisOut);
  await cim();
  const runs: { startup: MeasuredRun; qgis: MeasuredRun; cim: Awaited<ReturnType<typeof cim>> }[] = [];
  for (let i = 1; i <= o.repetitions; i++) {
    const startup = await qgis(startupArgs, tinyOut);
    const q = await qgis(qgisArgs, qgisOut);
    const c = await cim();
    runs.push({ startup, qgis: q, cim: c });
    o.log(
      `multiplan: ${String(n)} run ${String(i)}/${String(o.repetitions)}: QGIS ${q.wallMs.toFixed(0)} ms (start-up ${startup.wallMs.toFixed(0)}) ` +
        `${(q.peakRssKiB / 1024).toFixed(0)} MiB; cim ${c.run.wallMs.toFixed(0)} ms (job ${String(c.summary.durationMs)}) ${(c.run.peakRssKiB / 1024).toFixed(0)} MiB`,
    );
  }
  const mib = (r: MeasuredRun): number => r.peakRssKiB / 1024;
  const last = runs[runs.length - 1];
  const result: MultiplanSizeResult = {
    features: n,
    vertices,
    cim: {
      command: `node ${cimArgs()
        .map((a) => (path.isAbsolute(a) ? path.relative(o.root, a) : a))
        .join(' ')}`,
      wallMs: summarize(runs.map((r) => r.cim.run.wallMs)),
      jobDurationMs: summarize(runs.map((r) => r.cim.summary.durationMs)),
      peakRssMiB: summarize(
        runs.map((r) => mib(r.cim.run)),
        1,
      ),
      rows: last?.cim.summary.count ?? 0,
      slivers: last?.cim.summary.sliver.dropped ?? 0,
      workers: last?.cim.summary.workers ?? 0,
    },
    qgis: {
      command: `QT_QPA_PLATFORM=offscreen ${QGIS_BIN} ${qgisArgs.map((a) => a.replace(o.root + '/', '')).join(' ')}`,
      wallMs: summarize(runs.map((r) => r.qgis.wallMs)),
      startupMs: summarize(runs.map((r) => r.startup.wallMs)),
      computeMs: summarize(runs.map((r) => r.qgis.wallMs - r.startup.wallMs)),
      peakRssMiB: summarize(
        runs.map((r) => mib(r.qgis)),
        1,
      ),
      features: ogrCount(qgisOut),
    },
    ratio: { timeToQgisCompute: 0, peakRss: 0 },
    targetMet: { time: null, memory: false },
  };
  result.ratio = {
    timeToQgisCompute: ratio(result.cim.wallMs.median, result.qgis.computeMs.median),
    peakRss: ratio(result.cim.peakRssMiB.median, result.qgis.peakRssMiB.median),
  };
  result.targetMet = {
    time: TARGET_SIZES.has(n) ? result.ratio.timeToQgisCompute <= TIME_TARGET : null,
    memory: result.cim.peakRssMiB.max < MEMORY_TARGET_MIB,
  };
  return result;
}

export async function runMultiplanBench(o: MultiplanBenchOptions): Promise<MultiplanBenchResult> {
  const version = qgisVersion();
  if (!version) return { status: 'skipped', reason: `${QGIS_BIN} not found or not runnable` };
  const sizes: MultiplanSizeResult[] = [];
  for (const n of o.sizes) sizes.push(await benchSize(o, n));
  return { status: 'ok', qgis: version, repetitions: o.repetitions, rssMethod: o.rssMethod, sizes };
}
