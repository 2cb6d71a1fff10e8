/**
 * The Electron binary cannot be downloaded here, so this builds the real bundles and runs
 * dist/electron/main.cjs under Node with a fake `electron` module: it proves the bundle loads,
 * wires the window, protocol, IPC and menu, and that a job runs in the bundled worker.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/protocol.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let dir: string;
let report: Record<string, unknown>;

const roads = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: '中原路' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.6, 34.75],
          [113.62, 34.75],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { name: '建设路' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [113.6, 34.76],
          [113.62, 34.76],
        ],
      },
    },
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cim-electron-bundle-'));
  const bundleDir = path.join(dir, 'dist', 'electron');
  await run(process.execPath, [path.join(root, 'scripts/build-electron.mjs'), '--outdir', bundleDir], { cwd: root });
  // Laid out like the packaged app: dist/ beside node_modules/ (for better-sqlite3).
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await mkdir(path.join(dir, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>CIM</title>');
  await writeFile(path.join(dir, 'roads.geojson'), JSON.stringify(roads));
  const smoke = path.join(import.meta.dirname, 'fixtures', 'electron-smoke.cjs');
  const { stdout } = await run(process.execPath, [smoke, bundleDir, dir], { cwd: dir });
  report = JSON.parse(stdout) as Record<string, unknown>;
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the Electron bundle under a fake electron', () => {
  it('registers the privileged scheme before handling it', () => {
    expect(report.schemes).toEqual([
      { scheme: 'cim', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(report.schemesBeforeHandle).toBe(true);
    expect(report.protocolScheme).toBe('cim');
    expect(report.ipcChannel).toBe('cim:invoke');
  });

  it('opens one locked-down window on cim://app', () => {
    expect(report.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: 'preload.cjs',
    });
    expect(report.loadedUrl).toBe('cim://app/index.html');
    expect(report.menuTop).toEqual(['File', 'View', 'Analysis', 'Present', 'Help']);
  });

  it('denies permissions and keeps navigation in the app', () => {
    expect(report.permissionGranted).toBe(false);
    expect(report.permissionCheck).toBe(false);
    expect(report.navigateHttps).toEqual({ prevented: true, opened: 'https://example.com/doc' });
    expect(report.navigateFile).toEqual({ prevented: true, opened: null });
    expect(report.navigateApp).toEqual({ prevented: false, opened: null });
    expect(report.windowOpen).toEqual({ action: 'deny' });
    expect(report.windowOpenOpened).toBeNull();
  });

  it('answers invoke from the app and only from the app', () => {
    expect(report.appInfo).toMatchObject({ ok: true, result: { host: 'electron', workspace: { title: 'city' } } });
    expect(report.fromElsewhere).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
  });

  it('runs an import job in the bundled worker and forwards its events', () => {
    expect(report.importStart).toMatchObject({ ok: true });
    expect(report.jobError).toBeNull();
    expect(report.jobFinalState).toBe('done');
  });

  it('serves the renderer, features, exports over cim://', () => {
    expect(report.index).toEqual({
      status: 200,
      csp: CONTENT_SECURITY_POLICY,
      body: '<!doctype html><title>CIM</title>',
    });
    expect(report.features).toEqual({ status: 200, count: 2 });
    expect(report.exported).toEqual({
      status: 200,
      disposition: "attachment; filename*=UTF-8''roads.geojson",
      count: 2,
    });
    expect(report.tileTraversal).toBe(404);
  });
});
