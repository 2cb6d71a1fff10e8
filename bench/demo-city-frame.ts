/**
 * The demo city in the browser host (issue #3): from spawning `cim serve` on the small demo
 * city (terrain, imagery, 2,900 buildings in 3D Tiles, draped roads, parcels, pipes and cases)
 * to its first frame and to all tiles loaded (`isIdle()`: globe tiles, 3D tiles, draped
 * layers, nothing pending), with the peak memory of the server and of the browser's process
 * tree. The demo is built once per bench run (`cim seed --scale small`) and copied for every
 * run, since the app saves the camera into the workspace.
 *
 * Reference in the same run (issue #19): a bare CesiumJS Viewer of the same Cesium version with
 * the bundled NaturalEarthII imagery (bench/firstframe/cesium-reference-server.mjs), opened at
 * the demo city's saved view and measured the same way: spawn -> first Cesium frame, and
 * spawn -> globe tiles loaded (the floor for the demo's all-tiles-loaded). A page that only
 * clears a WebGL canvas is no reference for a Cesium app.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';
import { sampleBrowserPeak } from './firstframe/browser-memory.js';
import { ensureRendererBuilt } from './firstframe/renderer-build.js';
import { startServer, type ServerProcess } from './firstframe/server-process.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

const VIEWPORT = { width: 1280, height: 720 };
const FRAME_TIMEOUT_MS = 180_000;
const IDLE_TIMEOUT_MS = 600_000;

export interface DemoFrameOptions {
  root: string;
  outDir: string;
  repetitions: number;
  build: boolean;
  log: (line: string) => void;
}

interface Run {
  firstFrameMs: number;
  idleMs: number | null;
  serverPeakRssMiB: number;
  browserPeakRssMiB: number;
}

export type DemoFrameResult =
  | { status: 'skipped' | 'failed'; reason: string }
  | {
      status: 'ok';
      repetitions: number;
      viewport: typeof VIEWPORT;
      demo: { command: string; buildMs: number; bytes: number };
      cim: {
        firstFrameMs: Summary;
        idleMs: Summary | null;
        idleTimeouts: number;
        serverPeakRssMiB: Summary;
        browserPeakRssMiB: Summary;
      };
      reference: { what: string; firstFrameMs: Summary; idleMs: Summary | null };
      ratioToReference: { firstFrame: number; idle: number | null };
    };

interface PageGlobals {
  __cimMap?: { frameCount(): number; isIdle(): boolean };
  __refFrames?: number;
  __refIdle?: () => boolean;
}

/** The demo's saved view as the reference page's query string (empty: Cesium's default view). */
function savedViewQuery(workspace: string): string {
  const db = new Database(workspace, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT camera FROM cim_camera WHERE id = 1').get() as { camera: string } | undefined;
    if (!row) return '';
    const c = JSON.parse(row.camera) as {
      lon: number;
      lat: number;
      heightM: number;
      headingDeg: number;
      pitchDeg: number;
    };
    const q: Record<string, string> = {
      lon: String(c.lon),
      lat: String(c.lat),
      h: String(c.heightM),
      heading: String(c.headingDeg),
      pitch: String(c.pitchDeg),
    };
    return `?${new URLSearchParams(q).toString()}`;
  } finally {
    db.close();
  }
}

function cesiumVersion(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/cesium/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

async function measure(args: string[], o: DemoFrameOptions, cimPage: boolean, query = ''): Promise<Run> {
  const t0 = performance.now();
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  const memory = sampleBrowserPeak();
  try {
    server = await startServer(args, o.root);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: VIEWPORT });
    const offHost: string[] = [];
    page.on('request', (req) => {
      if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(req.url())) offHost.push(req.url());
    });
    await page.goto(server.url + query, { waitUntil: 'commit' });
    const frame = cimPage
      ? () => ((globalThis as PageGlobals).__cimMap?.frameCount() ?? 0) > 0
      : () => ((globalThis as PageGlobals).__refFrames ?? 0) > 0;
    await page.waitForFunction(frame, undefined, { timeout: FRAME_TIMEOUT_MS, polling: 100 });
    const firstFrameMs = performance.now() - t0;
    let idleMs: number | null = null;
    try {
      const idle = cimPage
        ? () => (globalThis as PageGlobals).__cimMap?.isIdle() === true
        : () => (globalThis as PageGlobals).__refIdle?.() === true;
      await page.waitForFunction(idle, undefined, { timeout: IDLE_TIMEOUT_MS, polling: 250 });
      idleMs = performance.now() - t0;
      await page.screenshot({ path: path.join(o.outDir, cimPage ? 'democity.png' : 'democity-bare-viewer.png') });
    } catch {
      o.log(`democity: ${cimPage ? 'cim' : 'bare Viewer'} not idle within ${String(IDLE_TIMEOUT_MS)} ms`);
    }
    if (offHost.length > 0) throw new Error(`requests off 127.0.0.1: ${offHost.slice(0, 3).join(', ')}`);
    return {
      firstFrameMs,
      idleMs,
      serverPeakRssMiB: (server.peakRssKiB() ?? NaN) / 1024,
      browserPeakRssMiB: memory.stop() / 1024,
    };
  } finally {
    memory.stop();
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}

export async function runDemoFrameBench(o: DemoFrameOptions): Promise<DemoFrameResult> {
  if (!fs.existsSync(CHROMIUM_PATH)) return { status: 'skipped', reason: `${CHROMIUM_PATH} is not installed` };
  const { problem } = ensureRendererBuilt(o.root, o.build, o.log);
  if (problem !== null) return { status: 'skipped', reason: problem };
  const source = path.join(o.outDir, 'democity-source.gpkg');
  const seedArgs = ['bin/cim.mjs', 'seed', '--out', source, '--scale', 'small', '--force'];
  const built = performance.now();
  execFileSync(process.execPath, seedArgs, { cwd: o.root, stdio: ['ignore', 'ignore', 'inherit'] });
  const buildMs = performance.now() - built;
  const sourceTiles = source.replace(/\.gpkg$/, '.tiles');
  const bytes = fs.statSync(source).size + folderBytes(sourceTiles);
  const workspace = path.join(o.outDir, 'democity.gpkg');
  const cimRuns: Run[] = [];
  const refRuns: Run[] = [];
  const viewQuery = savedViewQuery(source);
  try {
    for (let i = 1; i <= o.repetitions; i++) {
      refRuns.push(await measure(['bench/firstframe/cesium-reference-server.mjs'], o, false, viewQuery));
      const ref = refRuns[refRuns.length - 1];
      o.log(
        `democity: bare Viewer ${String(i)}/${String(o.repetitions)}: frame ${ref?.firstFrameMs.toFixed(0) ?? '?'} ms, ` +
          `idle ${ref?.idleMs == null ? 'timeout' : ref.idleMs.toFixed(0)} ms`,
      );
      for (const f of [workspace, `${workspace}-wal`, `${workspace}-shm`]) fs.rmSync(f, { force: true });
      fs.rmSync(workspace.replace(/\.gpkg$/, '.tiles'), { recursive: true, force: true });
      fs.cpSync(source, workspace);
      fs.cpSync(sourceTiles, workspace.replace(/\.gpkg$/, '.tiles'), { recursive: true });
      const run = await measure(['bin/cim.mjs', 'serve', '--workspace', workspace, '--port', '0'], o, true);
      cimRuns.push(run);
      o.log(
        `democity: run ${String(i)}/${String(o.repetitions)}: frame ${run.firstFrameMs.toFixed(0)} ms, ` +
          `idle ${run.idleMs === null ? 'timeout' : run.idleMs.toFixed(0)} ms, server ${run.serverPeakRssMiB.toFixed(0)} MiB, ` +
          `browser ${run.browserPeakRssMiB.toFixed(0)} MiB`,
      );
    }
  } catch (err) {
    return { status: 'failed', reason: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
  }
  const idle = cimRuns.flatMap((r) => (r.idleMs === null ? [] : [r.idleMs]));
  const cim = {
    firstFrameMs: summarize(cimRuns.map((r) => r.firstFrameMs)),
    idleMs: idle.length > 0 ? summarize(idle) : null,
    idleTimeouts: cimRuns.length - idle.length,
    serverPeakRssMiB: summarize(
      cimRuns.map((r) => r.serverPeakRssMiB),
      1,
    ),
    browserPeakRssMiB: summarize(
      cimRuns.map((r) => r.browserPeakRssMiB),
      1,
    ),
  };
  const refIdle = refRuns.flatMap((r) => (r.idleMs === null ? [] : [r.idleMs]));
  const reference = {
    what: `bare CesiumJS ${cesiumVersion(o.root)} Viewer, bundled NaturalEarthII, at the demo's saved view`,
    firstFrameMs: summarize(refRuns.map((r) => r.firstFrameMs)),
    idleMs: refIdle.length > 0 ? summarize(refIdle) : null,
  };
  return {
    status: 'ok',
    repetitions: o.repetitions,
    viewport: VIEWPORT,
    demo: { command: `node ${seedArgs.join(' ')}`, buildMs: Math.round(buildMs), bytes },
    cim,
    reference,
    ratioToReference: {
      firstFrame: ratio(cim.firstFrameMs.median, reference.firstFrameMs.median),
      idle: cim.idleMs && reference.idleMs ? ratio(cim.idleMs.median, reference.idleMs.median) : null,
    },
  };
}
