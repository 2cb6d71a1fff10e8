/**
 * Makes sure dist/renderer holds a build the first-frame benchmark can drive: it exists,
 * is not older than the renderer's sources (the run measures the working tree) and exposes
 * `window.__cimMap` (renderer/map/test-hooks.ts). Builds once when it does not.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface RendererBuildReport {
  /** Why `npm run build` ran, or null when the existing build was used. */
  builtBecause: string | null;
  buildMs?: number;
  buildExitCode?: number | null;
  /** --no-build with a build older than its sources: the numbers are for that older build. */
  stale?: boolean;
}

/** What `npm run build` reads (as scripts/ensure-renderer.mjs judges staleness). */
const RENDERER_SOURCES = ['renderer', 'locales', 'layers', 'common'];

function newestMtimeMs(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .reduce((newest, entry) => Math.max(newest, newestMtimeMs(path.join(p, entry))), stat.mtimeMs);
}

/** Null when usable, else what is wrong with dist/renderer. */
export function rendererProblem(root: string, checkStale = true): string | null {
  const dir = path.join(root, 'dist', 'renderer');
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return 'dist/renderer/index.html is missing (renderer not built)';
  if (checkStale) {
    const sources = RENDERER_SOURCES.map((s) => path.join(root, s)).filter((p) => fs.existsSync(p));
    if (Math.max(...sources.map(newestMtimeMs)) > fs.statSync(index).mtimeMs)
      return 'dist/renderer is older than its sources';
  }
  const assets = path.join(dir, 'assets');
  const scripts = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => f.endsWith('.js')) : [];
  const hasHooks = scripts.some((f) => fs.readFileSync(path.join(assets, f), 'utf8').includes('__cimMap'));
  return hasHooks ? null : 'dist/renderer does not expose window.__cimMap (a build from before the map test hooks)';
}

export function ensureRendererBuilt(
  root: string,
  build: boolean,
  log: (line: string) => void,
): { report: RendererBuildReport; problem: string | null } {
  const before = rendererProblem(root);
  if (before === null) return { report: { builtBecause: null }, problem: null };
  if (!build) {
    // --no-build: a stale build still runs (and says so); a missing or hook-less one cannot.
    const blocking = rendererProblem(root, false);
    return { report: { builtBecause: null, stale: blocking === null }, problem: blocking };
  }
  log(`firstframe: ${before}; running \`npm run build\``);
  const started = performance.now();
  const npmBuild = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  const report: RendererBuildReport = {
    builtBecause: before,
    buildMs: Math.round(performance.now() - started),
    buildExitCode: npmBuild.status,
  };
  if (npmBuild.status !== 0)
    return { report, problem: `\`npm run build\` failed (exit ${String(npmBuild.status)}); ${before}` };
  return { report, problem: rendererProblem(root, false) };
}
