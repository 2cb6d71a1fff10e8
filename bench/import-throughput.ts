/**
 * Import throughput: `cim import` of the generated parcel GeoJSON into a fresh workspace,
 * against `ogr2ogr -f GPKG out.gpkg in.geojson` on the same file in the same run.
 * Runs alternate (ogr2ogr, cim, ogr2ogr, cim, ...) so drift on a shared machine hits both
 * alike; one untimed warm-up of each first fills the page cache and tsx's compile cache.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generatePolygons, type GeneratedFile } from './gen/polygons.js';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface ImportBenchOptions {
  root: string;
  outDir: string;
  features: number;
  seed: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface ToolSummary {
  command: string;
  featuresWritten: number;
  wallMs: Summary;
  featuresPerSecond: Summary;
  peakRssMiB: Summary;
}

export interface ImportBenchResult {
  input: Omit<GeneratedFile, 'path'> & { seed: number; generator: string };
  repetitions: number;
  rssMethod: RssMethod;
  cim: ToolSummary & { jobDurationMs: Summary; jobFeaturesPerSecond: Summary };
  ogr2ogr: ToolSummary;
  /** cim / ogr2ogr medians: > 1 means cim takes longer (or more memory) than GDAL. */
  ratioToOgr2ogr: { wallTime: number; peakRss: number };
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

function ogrFeatureCount(gpkg: string): number {
  const info = execFileSync('ogrinfo', ['-so', '-al', '-ro', gpkg], { encoding: 'utf8' });
  return Number(/Feature Count: (\d+)/.exec(info)?.[1] ?? NaN);
}

function freshPath(file: string): string {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  return file;
}

export async function runImportBench(o: ImportBenchOptions): Promise<ImportBenchResult> {
  const input = path.join(o.outDir, `parcels-${String(o.features)}.geojson`);
  o.log(`import: generating ${String(o.features)} parcels -> ${path.relative(o.root, input)}`);
  const generated = generatePolygons(input, o.features, o.seed);
  const cimWorkspace = path.join(o.outDir, 'import-bench.gpkg');
  const ogrOut = path.join(o.outDir, 'import-bench-ogr2ogr.gpkg');
  const cimArgs = ['bin/cim.mjs', 'import', input, '--workspace', cimWorkspace, '--name', 'parcels', '--json'];
  const ogrArgs = ['-f', 'GPKG', ogrOut, input];
  const runCim = async (): Promise<{ run: MeasuredRun; count: number; durationMs: number }> => {
    freshPath(cimWorkspace);
    const run = check(await runMeasured(process.execPath, cimArgs, { cwd: o.root, method: o.rssMethod }), 'cim import');
    const summary = JSON.parse(run.stdout) as { count: number; durationMs: number };
    return { run, count: summary.count, durationMs: summary.durationMs };
  };
  const runOgr = async (): Promise<{ run: MeasuredRun; count: number }> => {
    freshPath(ogrOut);
    const run = check(await runMeasured('ogr2ogr', ogrArgs, { cwd: o.root, method: o.rssMethod }), 'ogr2ogr');
    return { run, count: ogrFeatureCount(ogrOut) };
  };

  o.log('import: warm-up (untimed) ogr2ogr + cim import');
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
      `import: run ${String(i)}/${String(o.repetitions)}: ogr2ogr ${ogr.run.wallMs.toFixed(0)} ms ` +
        `${(ogr.run.peakRssKiB / 1024).toFixed(0)} MiB; cim ${cim.run.wallMs.toFixed(0)} ms ` +
        `${(cim.run.peakRssKiB / 1024).toFixed(0)} MiB (job ${String(cim.durationMs)} ms)`,
    );
  }

  const perSecond = (count: number, ms: number): number => count / (ms / 1000);
  const tool = (runs: { run: MeasuredRun; count: number }[], command: string): ToolSummary => ({
    command,
    featuresWritten: Math.min(...runs.map((r) => r.count)),
    wallMs: summarize(runs.map((r) => r.run.wallMs)),
    featuresPerSecond: summarize(runs.map((r) => perSecond(r.count, r.run.wallMs))),
    peakRssMiB: summarize(
      runs.map((r) => r.run.peakRssKiB / 1024),
      1,
    ),
  });
  const rel = (p: string): string => path.relative(o.root, p);
  const cim = {
    ...tool(cimRuns, `node ${cimArgs.map((a) => (path.isAbsolute(a) ? rel(a) : a)).join(' ')}`),
    jobDurationMs: summarize(cimRuns.map((r) => r.durationMs)),
    jobFeaturesPerSecond: summarize(cimRuns.map((r) => perSecond(r.count, r.durationMs))),
  };
  const ogr2ogr = tool(ogrRuns, `ogr2ogr ${ogrArgs.map((a) => (path.isAbsolute(a) ? rel(a) : a)).join(' ')}`);
  return {
    input: {
      features: generated.features,
      vertices: generated.vertices,
      bytes: generated.bytes,
      sha256: generated.sha256,
      seed: o.seed,
      generator: 'bench/gen/polygons.ts',
    },
    repetitions: o.repetitions,
    rssMethod: o.rssMethod,
    cim,
    ogr2ogr,
    ratioToOgr2ogr: {
      wallTime: ratio(cim.wallMs.median, ogr2ogr.wallMs.median),
      peakRss: ratio(cim.peakRssMiB.median, ogr2ogr.peakRssMiB.median),
    },
  };
}
