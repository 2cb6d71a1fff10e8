/**
 * Shapefile import throughput: `cim import` of a ~100k-polygon GBK shapefile in Gauss-Krüger
 * zone 38 (bench/gen/shapefile.ts) into a fresh workspace, reprojecting to EPSG:4326, against
 * `ogr2ogr -f GPKG -t_srs EPSG:4326 out.gpkg in.shp` on the same file in the same run (the
 * same work: decode GBK, reproject, write a GeoPackage with its R-tree). Runs alternate
 * after one untimed warm-up of each, as in import-throughput.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateShapefile, type GeneratedShapefile } from './gen/shapefile.js';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';
import { execFileSync } from 'node:child_process';

export interface ShapefileBenchOptions {
  root: string;
  outDir: string;
  features: number;
  seed: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface Side {
  command: string;
  featuresWritten: number;
  wallMs: Summary;
  featuresPerSecond: Summary;
  peakRssMiB: Summary;
}

export interface ShapefileBenchResult {
  input: Omit<GeneratedShapefile, 'path'> & { seed: number; generator: string };
  repetitions: number;
  cim: Side & { jobDurationMs: Summary };
  ogr2ogr: Side;
  /** cim / ogr2ogr medians: > 1 means cim takes longer (or more memory). */
  ratioToOgr2ogr: { wallTime: number; featuresPerSecond: number; peakRss: number };
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

function fresh(file: string): string {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  return file;
}

export async function runShapefileBench(o: ShapefileBenchOptions): Promise<ShapefileBenchResult> {
  o.log(`shapefile: generating ${String(o.features)} parcels as a GBK shapefile in EPSG:4526`);
  const input = generateShapefile(o.outDir, o.features, o.seed);
  const cimWorkspace = path.join(o.outDir, 'shapefile-bench.gpkg');
  const ogrOut = path.join(o.outDir, 'shapefile-bench-ogr2ogr.gpkg');
  const cimArgs = ['bin/cim.mjs', 'import', input.path, '--workspace', cimWorkspace, '--name', 'parcels', '--json'];
  const ogrArgs = ['-f', 'GPKG', '-t_srs', 'EPSG:4326', '-nln', 'parcels', ogrOut, input.path];
  const runCim = async (): Promise<{ run: MeasuredRun; count: number; jobMs: number }> => {
    fresh(cimWorkspace);
    const run = check(await runMeasured(process.execPath, cimArgs, { cwd: o.root, method: o.rssMethod }), 'cim import');
    const summary = JSON.parse(run.stdout) as { count: number; durationMs: number };
    return { run, count: summary.count, jobMs: summary.durationMs };
  };
  const runOgr = async (): Promise<{ run: MeasuredRun; count: number }> => {
    fresh(ogrOut);
    const run = check(await runMeasured('ogr2ogr', ogrArgs, { cwd: o.root, method: o.rssMethod }), 'ogr2ogr');
    const info = execFileSync('ogrinfo', ['-so', '-ro', ogrOut, 'parcels'], { encoding: 'utf8' });
    return { run, count: Number(/Feature Count: (\d+)/.exec(info)?.[1] ?? NaN) };
  };

  o.log('shapefile: warm-up (untimed) ogr2ogr + cim import');
  await runOgr();
  await runCim();
  const cimRuns: Awaited<ReturnType<typeof runCim>>[] = [];
  const ogrRuns: Awaited<ReturnType<typeof runOgr>>[] = [];
  for (let i = 1; i <= o.repetitions; i++) {
    const ogr = await runOgr();
    ogrRuns.push(ogr);
    const cim = await runCim();
    cimRuns.push(cim);
    o.log(
      `shapefile: run ${String(i)}/${String(o.repetitions)}: ogr2ogr ${ogr.run.wallMs.toFixed(0)} ms; ` +
        `cim ${cim.run.wallMs.toFixed(0)} ms (job ${String(cim.jobMs)} ms), ${String(cim.count)} features`,
    );
  }
  const perSecond = (count: number, ms: number): number => count / (ms / 1000);
  const side = (runs: { run: MeasuredRun; count: number }[], command: string): Side => ({
    command,
    featuresWritten: Math.min(...runs.map((r) => r.count)),
    wallMs: summarize(runs.map((r) => r.run.wallMs)),
    featuresPerSecond: summarize(runs.map((r) => perSecond(r.count, r.run.wallMs))),
    peakRssMiB: summarize(
      runs.map((r) => r.run.peakRssKiB / 1024),
      1,
    ),
  });
  const rel = (a: string): string => (path.isAbsolute(a) ? path.relative(o.root, a) : a);
  const cim = {
    ...side(cimRuns, `node ${cimArgs.map(rel).join(' ')}`),
    jobDurationMs: summarize(cimRuns.map((r) => r.jobMs)),
  };
  const ogr2ogr = side(ogrRuns, `ogr2ogr ${ogrArgs.map(rel).join(' ')}`);
  return {
    input: {
      features: input.features,
      vertices: input.vertices,
      shpBytes: input.shpBytes,
      dbfBytes: input.dbfBytes,
      sha256: input.sha256,
      command: input.command,
      seed: o.seed,
      generator: 'bench/gen/shapefile.ts',
    },
    repetitions: o.repetitions,
    cim,
    ogr2ogr,
    ratioToOgr2ogr: {
      wallTime: ratio(cim.wallMs.median, ogr2ogr.wallMs.median),
      featuresPerSecond: ratio(cim.featuresPerSecond.median, ogr2ogr.featuresPerSecond.median),
      peakRss: ratio(cim.peakRssMiB.median, ogr2ogr.peakRssMiB.median),
    },
  };
}
