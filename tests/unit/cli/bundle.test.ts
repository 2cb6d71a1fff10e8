/**
 * The bundled cim (issue #19): bin/cim.mjs picks dist/cli while it is fresh and the sources
 * through tsx otherwise, and the bundle runs what starts worker threads: the pyramid workers
 * (a terrain build, byte for byte what the sources make), the job worker (a tiles.build job
 * through the API) and the clip workers with the PDF report (cim analyze multiplan).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { buildTerrainTiles } from '../../../tiles/terrain/build-terrain.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { ROOT, tempDir } from '../helpers.js';
import { control, listFiles, makeDem, makeOrtho } from '../tiles/support.js';

const BUNDLE = path.join(ROOT, 'dist', 'cli');

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/cim.mjs: the bundle while fresh, else the sources', () => {
  // A stand-in tree: bin/ as it is, a "bundle" and "sources" that say which one ran.
  let root: string;
  const stamp = (file: string) => {
    const s = fs.statSync(path.join(root, file));
    return { size: s.size, mtimeMs: s.mtimeMs };
  };
  const writeManifest = () =>
    fs.writeFileSync(
      path.join(root, 'dist/cli/manifest.json'),
      JSON.stringify({ inputs: { 'main/cli/main.ts': stamp('main/cli/main.ts') } }),
    );
  beforeAll(() => {
    root = tempDir('cim-bin-');
    for (const f of ['cim.mjs', 'cli-bundle.mjs']) {
      fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'bin', f), path.join(root, 'bin', f));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    fs.mkdirSync(path.join(root, 'main/cli'), { recursive: true });
    fs.writeFileSync(path.join(root, 'main/cli/main.ts'), "const ran: string = 'sources';\nconsole.log(ran);\n");
    fs.mkdirSync(path.join(root, 'dist/cli'), { recursive: true });
    fs.writeFileSync(path.join(root, 'dist/cli/cim.mjs'), "console.log('bundle');\n");
    // What `CIM_CLI=bundle` runs when the bundle is stale: a build that leaves a fresh one.
    fs.mkdirSync(path.join(root, 'scripts'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'scripts/build-cli.mjs'),
      [
        "import fs from 'node:fs';",
        "const root = new URL('..', import.meta.url).pathname;",
        "fs.writeFileSync(root + 'dist/cli/cim.mjs', \"console.log('rebuilt');\\n\");",
        "const s = fs.statSync(root + 'main/cli/main.ts');",
        "fs.writeFileSync(root + 'dist/cli/manifest.json', JSON.stringify({ inputs: { 'main/cli/main.ts': { size: s.size, mtimeMs: s.mtimeMs } } }));",
      ].join('\n'),
    );
  });
  const cim = (env: NodeJS.ProcessEnv = {}) => run(path.join(root, 'bin/cim.mjs'), [], env).stdout.trim();

  it('runs the sources without a manifest, the bundle once its inputs are unchanged, the sources after an edit', () => {
    expect(cim()).toBe('sources');
    writeManifest();
    expect(cim()).toBe('bundle');
    expect(cim({ CIM_CLI: 'tsx' })).toBe('sources');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'main/cli/main.ts'), later, later);
    expect(cim()).toBe('sources');
    // CIM_CLI=bundle builds a stale bundle first, then runs it.
    expect(cim({ CIM_CLI: 'bundle' })).toBe('rebuilt');
    expect(cim()).toBe('rebuilt');
  });
});

describe('the bundle in dist/cli', () => {
  beforeAll(() => {
    // The bundle of these sources (npm test builds it first; built here when stale).
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('./bin/cli-bundle.mjs'); if (!m.bundleIsFresh()) process.exit(m.buildBundle() ? 0 : 1);",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it('runs cim with its commands and exit codes', () => {
    const help = run(path.join(BUNDLE, 'cim.mjs'), ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('cim tiles build terrain|imagery');
    expect(run(path.join(BUNDLE, 'cim.mjs'), ['nope']).code).toBe(2);
    const missing = run(path.join(BUNDLE, 'cim.mjs'), ['layers', '--workspace', path.join(tempDir(), 'none.gpkg')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('builds a terrain pyramid on its pyramid workers, the same bytes as the sources in one thread', async () => {
    const dir = tempDir('cim-bundle-terrain-');
    // 512 x 512 cells of 5 m: 90 deepest tiles, enough for the worker pool.
    const dem = makeDem(path.join(dir, 'dem.tif'), {
      cols: 512,
      rows: 512,
      xll: 38361600,
      yll: 3652600,
      cell: 5,
      value: (c, r) => 100 + 10 * Math.sin(c / 30) + r * 0.05,
    });
    const ws = path.join(dir, 'w.gpkg');
    openWorkspaceDb(ws, { create: true }).close();
    const r = run(path.join(BUNDLE, 'cim.mjs'), [
      'tiles',
      'build',
      'terrain',
      '--workspace',
      ws,
      '--source',
      dem,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, 'w.tiles', 'terrain', 'terrain');
    const raster = await openRaster(dem);
    const inline = await buildTerrainTiles(raster, path.join(dir, 'inline'), { workers: 0 }, control);
    await raster.close();
    expect(JSON.parse(r.stdout)).toMatchObject({ resultLayer: 'terrain', tilesWritten: inline.tilesWritten });
    const files = listFiles(out, '.f32').map((f) => path.relative(out, f));
    expect(files).toEqual(
      listFiles(path.join(dir, 'inline'), '.f32').map((f) => path.relative(path.join(dir, 'inline'), f)),
    );
    expect(files.length).toBeGreaterThan(90);
    for (const f of files) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(dir, 'inline', f))), f).toBe(true);
    }
  }, 180_000);

  it('runs a job in its bundled job worker (tiles.build through the API)', async () => {
    const dir = tempDir('cim-bundle-job-');
    const ws = path.join(dir, 'w.gpkg');
    const ortho = makeOrtho(
      path.join(dir, 'ortho.tif'),
      { cols: 64, rows: 64, xll: 38361600, yll: 3652600, cell: 2, value: () => 0 },
      [(c) => c * 4, (_, r) => r * 4, () => 50],
    );
    const backend = await createBackend({
      workspacePath: ws,
      host: 'browser',
      tempDir: dir,
      logError: () => undefined,
      workerUrl: pathToFileURL(path.join(BUNDLE, 'worker.cjs')),
    });
    try {
      const started = await backend.dispatch('tiles.build', { type: 'imagery', source: ortho, name: 'ortho' });
      const jobId = (started as { ok: true; result: { jobId: string } }).result.jobId;
      let job: JobInfo | null = null;
      for (let i = 0; i < 1200; i++) {
        job = ((await backend.dispatch('jobs.get', { jobId })) as { ok: true; result: JobInfo }).result;
        if (job.state !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(job?.error).toBeNull();
      expect(job?.result).toMatchObject({ resultLayer: 'ortho', kind: 'imagery', root: 'imagery/ortho/layer.json' });
    } finally {
      backend.close();
    }
  }, 180_000);

  it('runs cim analyze multiplan on its clip workers and writes the PDF report', () => {
    const { file, db } = planWorkspace(handCase());
    db.close();
    const pdf = path.join(tempDir(), 'r.pdf');
    const r = run(path.join(BUNDLE, 'cim.mjs'), [
      'analyze',
      'multiplan',
      '--workspace',
      file,
      '--layers',
      'plan_master,plan_regulatory,control_lines',
      '--report',
      pdf,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ resultLayer: 'conflicts_1', count: 4 });
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  }, 180_000);
});
