/**
 * `cim` start-up (issue #19): spawn to exit of `node bin/cim.mjs layers --workspace demo.gpkg
 * --json` and of `cim --help`, against `node -e 0` in the same run, alternating, so the
 * difference is what cim adds to a bare Node start on this machine at this load. The CLI runs
 * from its bundle (dist/cli, built by bench/run.ts before any benchmark); a few runs through
 * tsx (CIM_CLI=tsx, the development path) show what the bundle saves. The workspace is the
 * small demo city without tiles, seeded once into bench/out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { summarize, type Summary } from './lib/stats.js';

export interface StartupBenchOptions {
  root: string;
  outDir: string;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface Timed {
  command: string;
  wallMs: Summary;
  cpuMs: Summary;
}

export interface StartupBenchResult {
  workspace: { path: string; layers: number };
  runs: number;
  node: Timed;
  layers: Timed;
  help: Timed;
  /** The same `layers` through tsx (the sources compiled at run time), fewer runs. */
  layersTsx: Timed;
  /** Medians of cim - node -e 0, ms (target <= 150 for `layers`). */
  overNode: { layersWallMs: number; helpWallMs: number; layersCpuMs: number; layersTsxWallMs: number };
}

/** Start-ups are short and noisy: many alternating runs per median. */
const RUNS_PER_REPETITION = 7;
const TSX_RUNS = 5;

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

const timed = (command: string, runs: MeasuredRun[]): Timed => ({
  command,
  wallMs: summarize(runs.map((r) => r.wallMs)),
  cpuMs: summarize(runs.map((r) => r.cpuMs)),
});

export async function runStartupBench(o: StartupBenchOptions): Promise<StartupBenchResult> {
  const ws = path.join(o.outDir, 'startup-demo.gpkg');
  if (!fs.existsSync(ws)) {
    o.log(`startup: seeding the small demo city without tiles -> ${path.relative(o.root, ws)}`);
    check(
      await runMeasured(
        process.execPath,
        ['bin/cim.mjs', 'seed', '--out', ws, '--scale', 'small', '--no-tiles', '--force', '--json'],
        {
          cwd: o.root,
          method: o.rssMethod,
        },
      ),
      'cim seed',
    );
  }
  const layersArgs = ['bin/cim.mjs', 'layers', '--workspace', ws, '--json'];
  const helpArgs = ['bin/cim.mjs', '--help'];
  const run = async (args: string[], what: string, env?: NodeJS.ProcessEnv): Promise<MeasuredRun> =>
    check(
      await runMeasured(process.execPath, args, { cwd: o.root, method: o.rssMethod, ...(env ? { env } : {}) }),
      what,
    );
  const layerCount = (JSON.parse((await run(layersArgs, 'cim layers')).stdout) as { layers: unknown[] }).layers.length;
  const node: MeasuredRun[] = [];
  const layers: MeasuredRun[] = [];
  const help: MeasuredRun[] = [];
  const total = o.repetitions * RUNS_PER_REPETITION;
  for (let i = 0; i < total; i++) {
    node.push(await run(['-e', '0'], 'node -e 0'));
    layers.push(await run(layersArgs, 'cim layers'));
    help.push(await run(helpArgs, 'cim --help'));
  }
  const tsx: MeasuredRun[] = [];
  const tsxNode: MeasuredRun[] = [];
  for (let i = 0; i < TSX_RUNS; i++) {
    tsxNode.push(await run(['-e', '0'], 'node -e 0'));
    tsx.push(await run(layersArgs, 'cim layers (tsx)', { ...process.env, CIM_CLI: 'tsx' }));
  }
  const rel = (args: string[]): string =>
    args.map((a) => (path.isAbsolute(a) ? path.relative(o.root, a) : a)).join(' ');
  const result: StartupBenchResult = {
    workspace: { path: path.relative(o.root, ws), layers: layerCount },
    runs: total,
    node: timed('node -e 0', node),
    layers: timed(`node ${rel(layersArgs)}`, layers),
    help: timed(`node ${rel(helpArgs)}`, help),
    layersTsx: timed(`CIM_CLI=tsx node ${rel(layersArgs)}`, tsx),
    overNode: { layersWallMs: 0, helpWallMs: 0, layersCpuMs: 0, layersTsxWallMs: 0 },
  };
  result.overNode = {
    layersWallMs: result.layers.wallMs.median - result.node.wallMs.median,
    helpWallMs: result.help.wallMs.median - result.node.wallMs.median,
    layersCpuMs: result.layers.cpuMs.median - result.node.cpuMs.median,
    layersTsxWallMs: result.layersTsx.wallMs.median - summarize(tsxNode.map((r) => r.wallMs)).median,
  };
  o.log(
    `startup: node -e 0 ${result.node.wallMs.median.toFixed(0)} ms; cim layers +${result.overNode.layersWallMs.toFixed(0)} ms ` +
      `(cpu +${result.overNode.layersCpuMs.toFixed(0)} ms), --help +${result.overNode.helpWallMs.toFixed(0)} ms; ` +
      `through tsx +${result.overNode.layersTsxWallMs.toFixed(0)} ms`,
  );
  return result;
}
