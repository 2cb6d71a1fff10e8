/**
 * A tour's "next" in the browser host (issue #18): on the small demo city, four bookmarks
 * (the saved overview, then three closer views around the district: old town, the
 * high-rises, the eastern edge), played in presentation mode; each "next" (ArrowRight) is
 * timed until the view is fully loaded (`isIdle()`: the flight over, globe tiles, 3D Tiles
 * and draped layers loaded, no frame pending).
 *
 * References in the same run: the stop's own flight duration (the floor: nothing can arrive
 * sooner), and the same steps on a second lap (tiles already cached in the page), so
 * "cold / warm" is what loading costs beyond the flight. Stand-alone:
 * `npx tsx bench/tour-next.ts [--repetitions N] [--no-build]`; `npm run bench -- --only tour`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';
import { ensureRendererBuilt } from './firstframe/renderer-build.js';
import { startServer, type ServerProcess } from './firstframe/server-process.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

const VIEWPORT = { width: 1280, height: 720 };
const FLY_DURATION_S = 2;
const IDLE_TIMEOUT_MS = 600_000;

export interface TourBenchOptions {
  root: string;
  outDir: string;
  repetitions: number;
  build: boolean;
  log: (line: string) => void;
}

interface Camera {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

export type TourBenchResult =
  | { status: 'skipped' | 'failed'; reason: string }
  | {
      status: 'ok';
      viewport: typeof VIEWPORT;
      stops: { title: string; camera: Camera }[];
      flyDurationS: number;
      /** "next" pressed -> view fully loaded, per step, first lap (cold) and second lap (warm). */
      coldMs: Summary;
      warmMs: Summary;
      /** Medians over the steps of all repetitions. */
      ratioColdToFlight: number;
      ratioWarmToFlight: number;
      ratioColdToWarm: number;
      timeouts: number;
    };

interface PageGlobals {
  __cimMap?: { isIdle(): boolean };
  /** The page's document, as far as this file reads it (the bench is typechecked without the DOM). */
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
}

/** Stops around the demo district: its saved overview, then three closer oblique views. */
function stopsAround(overview: Camera, bbox: [number, number, number, number]): { title: string; camera: Camera }[] {
  const [w, s, e, n] = bbox;
  const at = (fx: number, fy: number, heightM: number, headingDeg: number): Camera => ({
    lon: w + (e - w) * fx,
    // the camera stands south of what it looks at (pitch -35°)
    lat: s + (n - s) * fy - heightM / 111_320 / Math.tan((35 * Math.PI) / 180),
    heightM,
    headingDeg,
    pitchDeg: -35,
    rollDeg: 0,
  });
  return [
    { title: 'overview', camera: overview },
    { title: 'west', camera: at(0.3, 0.55, 600, 10) },
    { title: 'centre', camera: at(0.55, 0.5, 450, 340) },
    { title: 'east', camera: at(0.78, 0.4, 700, 20) },
  ];
}

async function api<T>(server: ServerProcess, method: string, input: unknown): Promise<T> {
  const url = new URL(server.url);
  const token = url.searchParams.get('token') ?? '';
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cim-token': token },
    body: JSON.stringify(input),
  });
  const reply = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

async function waitLoaded(page: Page, stop: number): Promise<boolean> {
  try {
    await page.waitForFunction(
      (index) => {
        const page = globalThis as unknown as PageGlobals;
        const el = page.document.querySelector('[data-testid="presentation"]');
        return (
          el?.getAttribute('data-stop') === String(index) &&
          el.getAttribute('data-phase') === 'arrived' &&
          page.__cimMap?.isIdle() === true
        );
      },
      stop,
      { timeout: IDLE_TIMEOUT_MS, polling: 50 },
    );
    return true;
  } catch {
    return false;
  }
}

/** One repetition: a fresh copy of the demo, two laps of "next". */
async function lap(page: Page, count: number, log: (l: string) => void, name: string): Promise<(number | null)[]> {
  const times: (number | null)[] = [];
  await page.keyboard.press('Home');
  await waitLoaded(page, 0);
  for (let i = 1; i < count; i++) {
    const t0 = performance.now();
    await page.keyboard.press('ArrowRight');
    const ok = await waitLoaded(page, i);
    times.push(ok ? performance.now() - t0 : null);
    log(`tour: ${name} next -> stop ${String(i)}: ${ok ? `${(performance.now() - t0).toFixed(0)} ms` : 'timeout'}`);
  }
  return times;
}

export async function runTourBench(o: TourBenchOptions): Promise<TourBenchResult> {
  if (!fs.existsSync(CHROMIUM_PATH)) return { status: 'skipped', reason: `${CHROMIUM_PATH} is not installed` };
  const { problem } = ensureRendererBuilt(o.root, o.build, o.log);
  if (problem !== null) return { status: 'skipped', reason: problem };
  fs.mkdirSync(o.outDir, { recursive: true });
  const source = path.join(o.outDir, 'tour-source.gpkg');
  if (!fs.existsSync(source)) {
    o.log('tour: seeding the small demo city');
    execFileSync(process.execPath, ['bin/cim.mjs', 'seed', '--out', source, '--scale', 'small', '--force'], {
      cwd: o.root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const workspace = path.join(o.outDir, 'tour.gpkg');
  const cold: number[] = [];
  const warm: number[] = [];
  let timeouts = 0;
  let stops: { title: string; camera: Camera }[] = [];
  for (let rep = 1; rep <= o.repetitions; rep++) {
    for (const f of [workspace, `${workspace}-wal`, `${workspace}-shm`]) fs.rmSync(f, { force: true });
    fs.rmSync(workspace.replace(/\.gpkg$/, '.tiles'), { recursive: true, force: true });
    fs.cpSync(source, workspace);
    fs.cpSync(source.replace(/\.gpkg$/, '.tiles'), workspace.replace(/\.gpkg$/, '.tiles'), { recursive: true });
    let server: ServerProcess | null = null;
    let browser: Browser | null = null;
    try {
      server = await startServer(['bin/cim.mjs', 'serve', '--workspace', workspace, '--port', '0'], o.root);
      const overview = await api<Camera | null>(server, 'camera.get', {});
      const layers = await api<{ bbox: [number, number, number, number] | null; kind: string }[]>(
        server,
        'layers.list',
        {},
      );
      const box = layers.find((l) => l.kind === 'tiles3d')?.bbox ?? layers.find((l) => l.bbox)?.bbox;
      if (!overview || !box) throw new Error('the demo city has no saved view or no extent');
      stops = stopsAround(overview, box);
      for (const stop of stops) {
        const b = await api<{ id: number }>(server, 'bookmarks.add', { title: stop.title, camera: stop.camera });
        await api(server, 'bookmarks.update', { id: b.id, stop: { flyDurationS: FLY_DURATION_S, pauseS: 5 } });
      }
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: VIEWPORT });
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__cimMap?.isIdle() === true, undefined, {
        timeout: IDLE_TIMEOUT_MS,
        polling: 250,
      });
      await page.keyboard.press('F5');
      await page.waitForSelector('[data-testid="presentation"]');
      const first = await lap(page, stops.length, o.log, `rep ${String(rep)} lap 1`);
      const second = await lap(page, stops.length, o.log, `rep ${String(rep)} lap 2`);
      for (const t of first)
        if (t === null) timeouts++;
        else cold.push(t);
      for (const t of second)
        if (t === null) timeouts++;
        else warm.push(t);
    } catch (err) {
      return { status: 'failed', reason: err instanceof Error ? err.message.slice(0, 2000) : String(err) };
    } finally {
      await browser?.close().catch(() => undefined);
      await server?.stop();
    }
  }
  if (cold.length === 0 || warm.length === 0) return { status: 'failed', reason: 'no step loaded in time' };
  const coldMs = summarize(cold);
  const warmMs = summarize(warm);
  return {
    status: 'ok',
    viewport: VIEWPORT,
    stops,
    flyDurationS: FLY_DURATION_S,
    coldMs,
    warmMs,
    ratioColdToFlight: ratio(coldMs.median, FLY_DURATION_S * 1000),
    ratioWarmToFlight: ratio(warmMs.median, FLY_DURATION_S * 1000),
    ratioColdToWarm: ratio(coldMs.median, warmMs.median),
    timeouts,
  };
}

// `npx tsx bench/tour-next.ts`: this benchmark alone, JSON on stdout
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: { repetitions: { type: 'string', default: '2' }, 'no-build': { type: 'boolean', default: false } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await runTourBench({
    root,
    outDir: path.join(root, 'bench/out'),
    repetitions: Number(values.repetitions),
    build: !values['no-build'],
    log: (line) => void process.stderr.write(`bench: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
