/**
 * Time to first globe frame on the browser host: spawn `cim serve` on a fresh workspace,
 * read its URL line, launch Chromium (SwiftShader WebGL, as on a GPU-less office PC), open
 * the URL and wait - on state, never on sleeps - for `window.__cimMap.frameCount() > 0`
 * and then `isIdle()` (globe tiles loaded). Every time is measured from the spawn.
 *
 * Reference in the same run: the same path with bench/firstframe/cesium-reference-server.mjs,
 * a bare CesiumJS Viewer of the same version with the bundled imagery (issue #19: a page that
 * only clears a WebGL canvas is no reference for a Cesium app). Runs alternate
 * (reference, cim, ...) so machine noise hits both; each run gets a new browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';
import { ensureRendererBuilt, type RendererBuildReport } from './firstframe/renderer-build.js';
import { startServer, type ServerProcess } from './firstframe/server-process.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

const VIEWPORT = { width: 1280, height: 720 };
const FIRST_FRAME_TIMEOUT_MS = 120_000;
const IDLE_TIMEOUT_MS = 90_000;

export interface FirstFrameOptions {
  root: string;
  outDir: string;
  repetitions: number;
  build: boolean;
  log: (line: string) => void;
}

interface Run {
  urlLineMs: number;
  browserLaunchedMs: number;
  firstFrameMs: number;
  idleMs: number | null;
  peakRssKiB: number | null;
}

interface Diagnostics {
  consoleErrors: string[];
  failedRequests: string[];
  offHostRequests: string[];
  /** Responses with status >= 400, as `status url`. */
  httpErrors: string[];
}

export type FirstFrameResult =
  | { status: 'skipped'; reason: string; renderer: RendererBuildReport | null }
  | { status: 'failed'; error: string; renderer: RendererBuildReport; diagnostics: Diagnostics }
  | {
      status: 'ok';
      renderer: RendererBuildReport;
      repetitions: number;
      chromium: string;
      chromiumArgs: string[];
      viewport: typeof VIEWPORT;
      workspace: string;
      cim: {
        command: string;
        urlLineMs: Summary;
        browserLaunchedMs: Summary;
        firstFrameMs: Summary;
        /** First frame minus browser launched: page load + app start + Cesium's first render. */
        pageToFirstFrameMs: Summary;
        idleMs: Summary | null;
        idleTimeouts: number;
        servePeakRssMiB: Summary;
      };
      reference: {
        command: string;
        urlLineMs: Summary;
        browserLaunchedMs: Summary;
        firstFrameMs: Summary;
        pageToFirstFrameMs: Summary;
      };
      /** cim / reference medians: how much longer than the bare Node + Chromium + WebGL path. */
      ratioToReference: { firstFrame: number; pageToFirstFrame: number };
      diagnostics: Diagnostics;
    };

/**
 * The page's globals, for predicates that Playwright runs in the page. They must be
 * functions: the app's CSP (script-src 'self') forbids the eval a string predicate needs;
 * and self-contained, since Playwright sends their source text to the page.
 */
interface PageGlobals {
  __cimMap?: { frameCount(): number; isIdle(): boolean };
  __refFrames?: number;
}

/** URLs as recorded in results: no session token, at most 200 characters. */
function withoutToken(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/, '$1…').slice(0, 200);
}

function watch(page: Page, diagnostics: Diagnostics): void {
  const keep = (list: string[], item: string): void => {
    if (list.length < 10 && !list.includes(item)) list.push(item);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') keep(diagnostics.consoleErrors, m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => keep(diagnostics.consoleErrors, `pageerror: ${e.message.slice(0, 300)}`));
  page.on('requestfailed', (r) =>
    keep(diagnostics.failedRequests, `${withoutToken(r.url())} (${r.failure()?.errorText ?? '?'})`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400) keep(diagnostics.httpErrors, `${String(r.status())} ${withoutToken(r.url())}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1')
      keep(diagnostics.offHostRequests, withoutToken(r.url()));
  });
}

async function measureOnce(
  serverArgs: string[],
  hooks: { frame: () => boolean; idle: (() => boolean) | null },
  o: FirstFrameOptions,
  diagnostics: Diagnostics | null,
): Promise<Run & { chromium: string }> {
  const t0 = performance.now();
  const since = (): number => performance.now() - t0;
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer(serverArgs, o.root);
    const urlLineMs = since();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const browserLaunchedMs = since();
    const page = await browser.newPage({ viewport: VIEWPORT });
    if (diagnostics) watch(page, diagnostics);
    await page.goto(server.url, { waitUntil: 'commit' });
    await page
      .waitForFunction(hooks.frame, undefined, { timeout: FIRST_FRAME_TIMEOUT_MS })
      .catch(async (err: unknown) => {
        const shot = path.join(o.outDir, 'firstframe-failure.png');
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(
          `${err instanceof Error ? err.message : String(err)} (screenshot: ${path.relative(o.root, shot)})`,
        );
      });
    const firstFrameMs = since();
    let idleMs: number | null = null;
    if (hooks.idle !== null) {
      try {
        await page.waitForFunction(hooks.idle, undefined, { timeout: IDLE_TIMEOUT_MS, polling: 100 });
        idleMs = since();
      } catch {
        o.log(`firstframe: not idle within ${String(IDLE_TIMEOUT_MS)} ms`);
      }
    }
    return {
      urlLineMs,
      browserLaunchedMs,
      firstFrameMs,
      idleMs,
      peakRssKiB: server.peakRssKiB(),
      chromium: browser.version(),
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}

export async function runFirstFrameBench(o: FirstFrameOptions): Promise<FirstFrameResult> {
  if (!fs.existsSync(CHROMIUM_PATH))
    return { status: 'skipped', reason: `${CHROMIUM_PATH} is not installed`, renderer: null };
  const { report, problem } = ensureRendererBuilt(o.root, o.build, o.log);
  if (problem !== null) return { status: 'skipped', reason: problem, renderer: report };

  const workspace = path.join(o.outDir, 'firstframe.gpkg');
  const cimArgs = ['bin/cim.mjs', 'serve', '--workspace', workspace, '--port', '0'];
  const refArgs = ['bench/firstframe/cesium-reference-server.mjs'];
  const diagnostics: Diagnostics = { consoleErrors: [], failedRequests: [], offHostRequests: [], httpErrors: [] };
  const cimRuns: Run[] = [];
  const refRuns: Run[] = [];
  let chromiumVersion = '';
  try {
    for (let i = 1; i <= o.repetitions; i++) {
      const ref = await measureOnce(
        refArgs,
        { frame: () => ((globalThis as PageGlobals).__refFrames ?? 0) > 0, idle: null },
        o,
        null,
      );
      refRuns.push(ref);
      for (const f of [workspace, `${workspace}-wal`, `${workspace}-shm`]) fs.rmSync(f, { force: true });
      const cim = await measureOnce(
        cimArgs,
        {
          frame: () => ((globalThis as PageGlobals).__cimMap?.frameCount() ?? 0) > 0,
          idle: () => (globalThis as PageGlobals).__cimMap?.isIdle() === true,
        },
        o,
        diagnostics,
      );
      cimRuns.push(cim);
      chromiumVersion = cim.chromium;
      o.log(
        `firstframe: run ${String(i)}/${String(o.repetitions)}: reference ${ref.firstFrameMs.toFixed(0)} ms; ` +
          `cim url ${cim.urlLineMs.toFixed(0)} ms, frame ${cim.firstFrameMs.toFixed(0)} ms, ` +
          `idle ${cim.idleMs === null ? 'timeout' : cim.idleMs.toFixed(0)} ms, serve peak ${((cim.peakRssKiB ?? NaN) / 1024).toFixed(0)} MiB`,
      );
    }
  } catch (err) {
    return {
      status: 'failed',
      error: err instanceof Error ? err.message.slice(0, 2000) : String(err),
      renderer: report,
      diagnostics,
    };
  }

  const common = (runs: Run[]) => ({
    urlLineMs: summarize(runs.map((r) => r.urlLineMs)),
    browserLaunchedMs: summarize(runs.map((r) => r.browserLaunchedMs)),
    firstFrameMs: summarize(runs.map((r) => r.firstFrameMs)),
    pageToFirstFrameMs: summarize(runs.map((r) => r.firstFrameMs - r.browserLaunchedMs)),
  });
  const idle = cimRuns.flatMap((r) => (r.idleMs === null ? [] : [r.idleMs]));
  const cim = {
    command: `node ${cimArgs.map((a) => (path.isAbsolute(a) ? path.relative(o.root, a) : a)).join(' ')}`,
    ...common(cimRuns),
    idleMs: idle.length > 0 ? summarize(idle) : null,
    idleTimeouts: cimRuns.length - idle.length,
    servePeakRssMiB: summarize(
      cimRuns.map((r) => (r.peakRssKiB ?? NaN) / 1024),
      1,
    ),
  };
  const reference = { command: `node ${refArgs.join(' ')}`, ...common(refRuns) };
  return {
    status: 'ok',
    renderer: report,
    repetitions: o.repetitions,
    chromium: chromiumVersion,
    chromiumArgs: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    workspace: 'new empty workspace per run (created by cim serve)',
    cim,
    reference,
    ratioToReference: {
      firstFrame: ratio(cim.firstFrameMs.median, reference.firstFrameMs.median),
      pageToFirstFrame: ratio(cim.pageToFirstFrameMs.median, reference.pageToFirstFrameMs.median),
    },
    diagnostics,
  };
}
