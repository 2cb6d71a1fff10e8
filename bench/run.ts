/**
 * `npm run bench`: the issue #2 benchmarks for the browser host on this machine.
 * Prints one JSON object on stdout (progress on stderr); a full run also writes it to
 * bench/results/<YYYY-MM-DD>-<hostname>.json and appends a section to bench/RESULTS.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runDemoFrameBench } from './demo-city-frame.js';
import { runFirstFrameBench } from './first-frame.js';
import { runImportBench } from './import-throughput.js';
import { runTilesBench } from './tiles-build.js';
import { runSeedBench } from './seed.js';
import { runStartupBench } from './startup.js';
import { runShapefileBench } from './shapefile-import.js';
import { runMultiplanBench } from './multiplan-overlay.js';
import { runSunlightBench } from './sunlight.js';
import { runCasesQueryBench } from './cases-query.js';
import { runViewshedBench } from './viewshed.js';
import { runTourBench } from './tour-next.js';
import { machineInfo, repoInfo } from './lib/machine.js';
import { defaultRssMethod, type RssMethod } from './lib/spawn-measured.js';
import { record, type BenchReport } from './report.js';

const USAGE = `usage: npm run bench -- [options]
  --only NAME[,NAME]        run some benchmarks: import, firstframe, democity, tiles, seed, shapefile, multiplan, startup, sunlight, viewshed, tour, pipes, casesquery, cases, change (default: all)
  --features N               parcels in the import input (default 100000)
  --buildings N              buildings per epoch in the 3D Tiles input (default 100000)
  --raster-px N              orthophoto side in pixels (1 m); the DEM is half (5 m) (default 2048)
  --sizes N,N,...            parcels per layer of the multiplan overlay (default 5000,20000,50000)
  --repetitions N            timed runs of each command; the median is reported (default 3)
  --seed S                   generator seed (default 20240601)
  --seed-scale small|full|both   scales of the seed benchmark (default both; full runs once)
  --no-build                 never run \`npm run build\` for a missing/outdated dist/renderer
  --rss-method gnu-time|proc-vmhwm   how peak RSS is read (default: gnu-time when /usr/bin/time exists)
  --cases N                  cases in the case-desk benchmark (default 1000000)
  --record / --no-record     write bench/results + RESULTS.md (default: only for a full run)`;

const DEFAULT_FEATURES = 100_000;
const DEFAULT_BUILDINGS = 100_000;
const DEFAULT_RASTER_PX = 2048;
const DEFAULT_REPETITIONS = 3;
const DEFAULT_SIZES = [5000, 20_000, 50_000];
const DEFAULT_SEED = 20240601;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** bench/results/<YYYY-MM-DD>-<host>.json; a later run the same day gets -2, -3, ... so none is lost. */
function resultPath(date: Date, hostname: string): string {
  const base = `bench/results/${date.toISOString().slice(0, 10)}-${hostname}`;
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? '' : `-${String(n)}`}.json`;
    if (!fs.existsSync(path.join(root, candidate))) return candidate;
  }
}

function rssMethodOf(value: string): RssMethod {
  if (value === 'gnu-time' || value === 'proc-vmhwm') return value;
  throw new Error(`--rss-method must be gnu-time or proc-vmhwm, not ${value}`);
}

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer, not ${value}`);
  return v;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      features: { type: 'string' },
      buildings: { type: 'string' },
      'raster-px': { type: 'string' },
      sizes: { type: 'string' },
      repetitions: { type: 'string' },
      seed: { type: 'string' },
      'seed-scale': { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'rss-method': { type: 'string' },
      record: { type: 'boolean' },
      'no-record': { type: 'boolean' },
      cases: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const only = values.only === undefined ? null : values.only.split(',').map((s) => s.trim());
  const known = [
    'import',
    'firstframe',
    'democity',
    'tiles',
    'seed',
    'shapefile',
    'multiplan',
    'startup',
    'sunlight',
    'casesquery',
  ];
  known.push('pipes'); // bench/pipes.ts (issue #14)
  known.push('viewshed'); // bench/viewshed.ts (issue #16)
  known.push('tour'); // bench/tour-next.ts (issue #18)
  known.push('cases'); // bench/cases.ts (issue #12)
  known.push('change'); // bench/change-detect.ts and bench/change-dsm.ts (issue #13)
  const unknown = only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`--only takes ${known.join(', ')}, not ${unknown.join(', ')}\n${USAGE}`);
  const runs = (name: string): boolean => only === null || only.includes(name);
  const sizes =
    values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(',').map((v) => positiveInt(v, 0, '--sizes'));
  const rssMethod: RssMethod =
    values['rss-method'] === undefined ? defaultRssMethod() : rssMethodOf(values['rss-method']);
  const features = positiveInt(values.features, DEFAULT_FEATURES, '--features');
  const buildings = positiveInt(values.buildings, DEFAULT_BUILDINGS, '--buildings');
  const rasterPx = positiveInt(values['raster-px'], DEFAULT_RASTER_PX, '--raster-px');
  const repetitions = positiveInt(values.repetitions, DEFAULT_REPETITIONS, '--repetitions');
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const fullRun =
    only === null &&
    features === DEFAULT_FEATURES &&
    buildings === DEFAULT_BUILDINGS &&
    rasterPx === DEFAULT_RASTER_PX &&
    repetitions === DEFAULT_REPETITIONS &&
    seed === DEFAULT_SEED &&
    values.cases === undefined &&
    values['seed-scale'] === undefined &&
    sizes.join() === DEFAULT_SIZES.join();
  const shouldRecord = values['no-record'] === true ? false : (values.record ?? fullRun);

  const started = performance.now();
  const date = new Date();
  const machine = machineInfo();
  const outDir = path.join(root, 'bench', 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const report: BenchReport = {
    benchmark: 'cim-workstation',
    schemaVersion: 1,
    date: date.toISOString(),
    durationS: 0,
    machine: { ...machine, loadAverage1mAtEnd: 0 },
    repo: repoInfo(root),
    options: { only, features, repetitions, seed, buildings, rasterPx, sizes },
    recordedTo: shouldRecord ? resultPath(date, machine.hostname) : null,
  };
  log(`${machine.cpuModel}, ${String(machine.cores)} cores, load ${String(machine.loadAverage1mAtStart)}`);
  // Every cim run below is the bundled CLI (what users run), not the sources through tsx.
  log('building the cim bundle (scripts/build-cli.mjs)');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  if (runs('import')) {
    try {
      report.import = await runImportBench({ root, outDir, features, seed, repetitions, rssMethod, log });
    } catch (err) {
      log(`import failed: ${err instanceof Error ? err.message : String(err)}`);
      report.import = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('startup')) {
    try {
      report.startup = await runStartupBench({ root, outDir, repetitions, rssMethod, log });
    } catch (err) {
      log(`startup failed: ${err instanceof Error ? err.message : String(err)}`);
      report.startup = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('tiles')) {
    try {
      report.tiles = await runTilesBench({ root, outDir, buildings, rasterPx, seed, repetitions, rssMethod, log });
    } catch (err) {
      log(`tiles failed: ${err instanceof Error ? err.message : String(err)}`);
      report.tiles = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('seed')) {
    try {
      const seedScale = values['seed-scale'] ?? 'both';
      if (seedScale !== 'small' && seedScale !== 'full' && seedScale !== 'both') {
        throw new Error(`--seed-scale must be small, full or both, not ${seedScale}`);
      }
      const scales = seedScale === 'both' ? (['small', 'full'] as const) : ([seedScale] as const);
      report.seed = await runSeedBench({ root, outDir, seed, repetitions, rssMethod, log, scales });
    } catch (err) {
      log(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
      report.seed = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('shapefile')) {
    try {
      report.shapefile = await runShapefileBench({ root, outDir, features, seed, repetitions, rssMethod, log });
    } catch (err) {
      log(`shapefile failed: ${err instanceof Error ? err.message : String(err)}`);
      report.shapefile = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('multiplan')) {
    try {
      report.multiplan = await runMultiplanBench({ root, outDir, sizes, seed, repetitions, rssMethod, log });
    } catch (err) {
      log(`multiplan failed: ${err instanceof Error ? err.message : String(err)}`);
      report.multiplan = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('viewshed')) {
    try {
      report.viewshed = await runViewshedBench({ seed, repetitions, log });
    } catch (err) {
      log(`viewshed failed: ${err instanceof Error ? err.message : String(err)}`);
      report.viewshed = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('sunlight')) {
    try {
      report.sunlight = await runSunlightBench({ seed, repetitions, log });
    } catch (err) {
      log(`sunlight failed: ${err instanceof Error ? err.message : String(err)}`);
      report.sunlight = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('casesquery')) {
    try {
      report.casesquery = await runCasesQueryBench({ outDir, seed, log });
    } catch (err) {
      log(`casesquery failed: ${err instanceof Error ? err.message : String(err)}`);
      report.casesquery = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
  }
  if (runs('pipes')) Object.assign(report, { pipes: (await import('./pipes.js')).runPipesBench({ seed, log }) });
  if (runs('cases')) {
    const { runCasesBench } = await import('./cases.js');
    const cases = positiveInt(values.cases, 1_000_000, '--cases');
    Object.assign(report, { cases: runCasesBench({ cases, queries: 1000, seed, outDir, log }) });
  }
  if (runs('change')) {
    // illegal-build detection: the vector method on `--buildings` per epoch, the raster
    // difference step on a 10,000 × 10,000 Float32 DSM pair next to gdal_calc.py
    const change: Record<string, unknown> = {};
    try {
      const { runChangeBench } = await import('./change-detect.js');
      change.vector = await runChangeBench({ root, outDir, buildings, repetitions, seed, rssMethod, log });
    } catch (err) {
      log(`change (vector) failed: ${err instanceof Error ? err.message : String(err)}`);
      change.vector = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
    try {
      const { runDsmBench } = await import('./change-dsm.js');
      change.raster = await runDsmBench({ root, outDir, px: 10_000, repetitions, rssMethod, log });
    } catch (err) {
      log(`change (raster) failed: ${err instanceof Error ? err.message : String(err)}`);
      change.raster = { status: 'failed', error: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    }
    Object.assign(report, { change });
  }
  if (runs('firstframe')) {
    report.firstframe = await runFirstFrameBench({
      root,
      outDir,
      repetitions,
      build: !values['no-build'],
      log,
    });
    if (report.firstframe.status !== 'ok') {
      log(
        `firstframe ${report.firstframe.status}: ${'reason' in report.firstframe ? report.firstframe.reason : report.firstframe.error}`,
      );
    }
  }

  if (runs('democity')) {
    report.democity = await runDemoFrameBench({ root, outDir, repetitions, build: !values['no-build'], log });
    if (report.democity.status !== 'ok') log(`democity ${report.democity.status}: ${report.democity.reason}`);
  }
  if (runs('tour')) {
    report.tour = await runTourBench({ root, outDir, repetitions, build: !values['no-build'], log });
    if (report.tour.status !== 'ok') log(`tour ${report.tour.status}: ${report.tour.reason}`);
  }

  report.durationS = Math.round((performance.now() - started) / 1000);
  report.machine.loadAverage1mAtEnd = Number((os.loadavg()[0] ?? 0).toFixed(2));
  if (shouldRecord) {
    record(report, benchDir);
    log(`recorded ${report.recordedTo ?? ''} and bench/RESULTS.md`);
  }
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  const failed =
    (report.import && 'status' in report.import) ||
    (report.tiles && 'status' in report.tiles) ||
    (report.startup && 'status' in report.startup) ||
    (report.seed && 'status' in report.seed) ||
    (report.shapefile && 'status' in report.shapefile) ||
    report.firstframe?.status === 'failed' ||
    report.democity?.status === 'failed' ||
    report.multiplan?.status === 'failed' ||
    report.sunlight?.status === 'failed' ||
    report.casesquery?.status === 'failed' ||
    report.tour?.status === 'failed';
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`cim-bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
