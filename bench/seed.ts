/**
 * Demo-city generation: `cim seed --scale small|full --json` into a fresh workspace,
 * wall time (spawn to exit, Node + tsx start-up included) and kernel peak RSS, with the
 * job's own durationMs and the features written per second. There is no outside reference
 * for a generator; the machine and load are recorded with the result. `small` runs
 * `repetitions` times (the median is reported), `full` once (about a minute).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { summarize, type Summary } from './lib/stats.js';

export interface SeedBenchOptions {
  root: string;
  outDir: string;
  seed: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
  scales?: readonly ('small' | 'full')[];
}

interface SeedJson {
  durationMs: number;
  layers: { name: string; count: number }[];
  tables: { name: string; count: number }[];
  rasters: { name: string; bytes: number; widthPx: number; heightPx: number }[];
}

export interface SeedScaleResult {
  scale: 'small' | 'full';
  command: string;
  runs: number;
  featuresWritten: number;
  buildings2024: number;
  cases: number;
  wallMs: Summary;
  jobDurationMs: Summary;
  peakRssMiB: Summary;
  featuresPerSecond: Summary;
  workspaceBytes: number;
  rasters: { name: string; widthPx: number; heightPx: number; bytes: number }[];
}

export interface SeedBenchResult {
  seed: number;
  rssMethod: RssMethod;
  scales: SeedScaleResult[];
}

function fresh(file: string): string {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.rmSync(file.replace(/\.gpkg$/, '.tiles'), { recursive: true, force: true });
  return file;
}

export async function runSeedBench(o: SeedBenchOptions): Promise<SeedBenchResult> {
  const scales: SeedScaleResult[] = [];
  for (const scale of o.scales ?? (['small', 'full'] as const)) {
    const file = path.join(o.outDir, `seed-bench-${scale}.gpkg`);
    const args = ['bin/cim.mjs', 'seed', '--out', file, '--seed', String(o.seed), '--scale', scale, '--json'];
    const runs = scale === 'full' ? 1 : o.repetitions;
    const results: { run: MeasuredRun; json: SeedJson }[] = [];
    for (let i = 1; i <= runs; i++) {
      fresh(file);
      const run = await runMeasured(process.execPath, args, { cwd: o.root, method: o.rssMethod });
      if (run.exitCode !== 0)
        throw new Error(`cim seed --scale ${scale} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
      const json = JSON.parse(run.stdout) as SeedJson;
      results.push({ run, json });
      o.log(
        `seed: ${scale} run ${String(i)}/${String(runs)}: ${run.wallMs.toFixed(0)} ms wall, job ${String(json.durationMs)} ms, ${(run.peakRssKiB / 1024).toFixed(0)} MiB`,
      );
    }
    const last = (results[results.length - 1] as { json: SeedJson }).json;
    const features = [...last.layers, ...last.tables].reduce((s, l) => s + l.count, 0);
    scales.push({
      scale,
      command: `node ${args.map((a) => (path.isAbsolute(a) ? path.relative(o.root, a) : a)).join(' ')}`,
      runs,
      featuresWritten: features,
      buildings2024: last.layers.find((l) => l.name === 'buildings_2024')?.count ?? 0,
      cases: last.layers.find((l) => l.name === 'cases')?.count ?? 0,
      wallMs: summarize(results.map((r) => r.run.wallMs)),
      jobDurationMs: summarize(results.map((r) => r.json.durationMs)),
      peakRssMiB: summarize(
        results.map((r) => r.run.peakRssKiB / 1024),
        1,
      ),
      featuresPerSecond: summarize(results.map((r) => features / (r.json.durationMs / 1000))),
      workspaceBytes: fs.statSync(file).size,
      rasters: last.rasters.map(({ name, widthPx, heightPx, bytes }) => ({ name, widthPx, heightPx, bytes })),
    });
  }
  return { seed: o.seed, rssMethod: o.rssMethod, scales };
}
