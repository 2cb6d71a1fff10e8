/**
 * Issue #17 item 14: switching the UI language re-renders React only. Measures, on the small
 * demo city in the browser host, the time from the click on the language toggle to the menu
 * in the new language and to the globe idle again, whether the Cesium canvas is the same
 * element afterwards (the viewer was kept), and how many tile requests the switch caused.
 *
 * Reference in the same run: a page reload in the same language (what rebuilding the globe
 * costs: first frame and every tile again), to the menu shown and to the globe idle.
 *
 *   npx tsx bench/language-switch.ts [--workspace demo.gpkg] [--out DIR]
 *
 * Prints one JSON object on stdout. Without --workspace it seeds the small demo city first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';
import { ensureRendererBuilt } from './firstframe/renderer-build.js';
import { startServer } from './firstframe/server-process.js';

const VIEWPORT = { width: 1280, height: 720 };
const IDLE_TIMEOUT_MS = 600_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

interface PageGlobals {
  __cimMap?: { frameCount(): number; isIdle(): boolean };
}

async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as PageGlobals).__cimMap?.isIdle() === true, undefined, {
    timeout: IDLE_TIMEOUT_MS,
    polling: 100,
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, out: { type: 'string' } } });
  const outDir = values.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cim-bench-lang-'));
  fs.mkdirSync(outDir, { recursive: true });
  const { problem } = ensureRendererBuilt(root, true, log);
  if (problem !== null) throw new Error(problem);
  let workspace = values.workspace;
  if (workspace === undefined) {
    workspace = path.join(outDir, 'demo.gpkg');
    log('seeding the small demo city');
    execFileSync(process.execPath, ['bin/cim.mjs', 'seed', '--out', workspace, '--scale', 'small', '--force'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const server = await startServer(['bin/cim.mjs', 'serve', '--workspace', workspace, '--port', '0'], root);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    let tileRequests = 0;
    page.on('request', (request) => {
      if (/\/tiles\/|\/features\//.test(request.url())) tileRequests++;
    });
    await page.goto(server.url);
    await page.getByTestId('menu-file').waitFor();
    await waitIdle(page);
    log('globe idle; switching the language');

    // strings: this file is type-checked without the DOM library
    const canvas = `document.querySelector('[data-testid="globe"] canvas')`;
    await page.evaluate(`globalThis.__benchCanvas = ${canvas}; 0`);
    tileRequests = 0;
    const framesBefore = await page.evaluate(() => (globalThis as PageGlobals).__cimMap?.frameCount() ?? 0);
    // timed in the page, from the click to the frame that shows the new language and then to
    // the globe idle, so the bench's round trips to the browser are not counted
    const timing = await page.evaluate<{ toMenuMs: number; toIdleMs: number }>(`(async () => {
      const menu = document.querySelector('[data-testid="menu-file"]');
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const t0 = performance.now();
      document.querySelector('[data-testid="lang-toggle"]').click();
      while (menu.isConnected && menu.textContent !== 'File') await nextFrame();
      await nextFrame();
      const toMenuMs = performance.now() - t0;
      while (!(globalThis.__cimMap && globalThis.__cimMap.isIdle())) await nextFrame();
      return { toMenuMs, toIdleMs: performance.now() - t0 };
    })()`);
    const switchMs = timing.toMenuMs;
    const switchIdleMs = timing.toIdleMs;
    const switchTileRequests = tileRequests;
    const keptViewer = (await page.evaluate(`globalThis.__benchCanvas === ${canvas}`)) === true;
    const framesAfter = await page.evaluate(() => (globalThis as PageGlobals).__cimMap?.frameCount() ?? 0);
    await page.screenshot({ path: path.join(outDir, 'language-switch-en.png') });

    log('reference: reloading the page');
    tileRequests = 0;
    const r0 = performance.now();
    await page.reload();
    await page.getByTestId('menu-file').filter({ hasText: 'File' }).waitFor();
    const reloadMenuMs = performance.now() - r0;
    await waitIdle(page);
    const reloadIdleMs = performance.now() - r0;

    const result = {
      bench: 'language-switch',
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', host: os.hostname() },
      viewport: VIEWPORT,
      switch: {
        toMenuMs: Math.round(switchMs),
        toIdleMs: Math.round(switchIdleMs),
        keptViewer,
        tileRequests: switchTileRequests,
        framesDrawn: framesAfter - framesBefore,
      },
      reference: { reloadToMenuMs: Math.round(reloadMenuMs), reloadToIdleMs: Math.round(reloadIdleMs), tileRequests },
      ratioToReference: {
        toMenu: Number((switchMs / reloadMenuMs).toFixed(4)),
        toIdle: Number((switchIdleMs / reloadIdleMs).toFixed(4)),
      },
      pass: switchMs < 1000 && keptViewer && switchTileRequests === 0,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

await main();
