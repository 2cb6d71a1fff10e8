/**
 * Commands × bad paths (issue #10): every command that reads or writes a path the user gives,
 * to a folder where a file belongs, a file where a folder belongs (/etc/passwd/x), a missing
 * parent folder and a kernel pseudo file system (/proc/sys/x). Each answers with one line
 * naming the file and the reason and exit 1 (never a stack trace or a hang), leaves nothing
 * half-written behind, or (a writer given a missing folder) creates the folder and succeeds,
 * the same for every format. The API's export and workspace paths behave the same.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { runImport } from '../../../main/import/run-import.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { ROOT, SHARED, tempDir } from '../helpers.js';

const PARCELS = path.join(SHARED, 'crs-china/parcels_wgs84.geojson');
const DEM = path.join(SHARED, 'geotiff/float_raster_with_nodata.tif');
/** A hang is a failure: no command here needs more than this, even on a loaded machine. */
const HANG_MS = 120_000;

type Kind = 'folder' | 'parent is a file' | 'missing parent' | 'proc';
const KINDS: readonly Kind[] = ['folder', 'parent is a file', 'missing parent', 'proc'];

let dir: string;
let workspace: string;

function badPath(kind: Kind, name: string): string {
  switch (kind) {
    case 'folder':
      return path.join(dir, 'a-folder');
    case 'parent is a file':
      return `/etc/passwd/${name}`;
    case 'missing parent':
      return path.join(dir, 'missing', 'sub', name);
    case 'proc':
      return `/proc/sys/${name}`;
  }
}

/**
 * Every file under `root`, to see that a refused command left nothing behind. Not the
 * workspace's own SQLite sidecars (a read-only connection leaves its -wal and -shm, the next
 * writer removes them) and not empty folders (`cim tiles build` makes the workspace's tiles
 * folder before it reads the source).
 */
function listing(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => !/^w\.gpkg-(wal|shm)$/.test(f) && fs.statSync(path.join(root, f)).isFile())
    .sort();
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs cim; a command still running after HANG_MS is killed and reported as code null. */
function cim(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
      env: { ...process.env, CIM_LANG: 'en' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What each bad kind must answer: the message's text, or `created` (the writer made the folder). */
type Expectations = Record<Kind, RegExp | 'created'>;

const WRITER: Expectations = {
  folder: /is a folder: give a file name/,
  'parent is a file': /Cannot write \/etc\/passwd\/\S+: \/etc\/passwd is a file, not a folder/,
  'missing parent': 'created',
  proc: /Cannot write \/proc\/sys\/\S+: \/proc\/sys is a system folder of the kernel \(proc\)/,
};
const NEW_WORKSPACE: Expectations = { ...WRITER, folder: /is not a GeoPackage workspace \(directory\)/ };
const EXISTING_WORKSPACE: Expectations = {
  folder: /is not a GeoPackage workspace \(directory\)/,
  'parent is a file': /Workspace \/etc\/passwd\/x\.gpkg does not exist/,
  'missing parent': /Workspace \S+missing\/sub\/x\.gpkg does not exist/,
  proc: /Workspace \/proc\/sys\/x\.gpkg does not exist/,
};
const SOURCE = (fileName: string, folder: RegExp): Expectations => ({
  folder,
  'parent is a file': new RegExp(`${fileName}: file not found`),
  'missing parent': new RegExp(`${fileName}: file not found`),
  proc: new RegExp(`${fileName}: file not found`),
});

interface Command {
  label: string;
  name: string;
  args: (p: string) => string[];
  expect: Expectations;
}

const EXPORT_FORMATS = [
  ['geojson', 'x.geojson'],
  ['gpkg', 'x.gpkg'],
  ['shapefile', 'x.shp'],
  ['kml', 'x.kml'],
  ['csv', 'x.csv'],
] as const;

const COMMANDS: Command[] = [
  ...EXPORT_FORMATS.map(([format, name]): Command => ({
    label: `cim export --format ${format} --out`,
    name,
    args: (p) => ['export', 'p', '--workspace', workspace, '--format', format, '--out', p],
    expect: WRITER,
  })),
  { label: 'cim seed --out', name: 'x.gpkg', args: (p) => ['seed', '--out', p, '--no-tiles'], expect: WRITER },
  {
    label: 'cim import --workspace',
    name: 'x.gpkg',
    args: (p) => ['import', PARCELS, '--workspace', p],
    expect: NEW_WORKSPACE,
  },
  {
    label: 'cim import FILE',
    name: 'x.geojson',
    args: (p) => ['import', p, '--workspace', workspace],
    expect: SOURCE('x.geojson', /a-folder is not a file/),
  },
  {
    label: 'cim tiles build --workspace',
    name: 'x.gpkg',
    args: (p) => ['tiles', 'build', 'terrain', '--source', DEM, '--workspace', p],
    expect: EXISTING_WORKSPACE,
  },
  {
    label: 'cim tiles build --source',
    name: 'x.tif',
    args: (p) => ['tiles', 'build', 'terrain', '--source', p, '--workspace', workspace],
    expect: SOURCE('x.tif', /a-folder is not a readable GeoTIFF/),
  },
];

beforeAll(async () => {
  dir = tempDir('cim-bad-paths-');
  workspace = path.join(dir, 'w.gpkg');
  const db = openWorkspaceDb(workspace, { create: true });
  try {
    await runImport(
      db,
      { file: { path: PARCELS, fileName: 'parcels_wgs84.geojson' }, name: 'p' },
      { progress: () => undefined, isCancelled: () => false, now: () => new Date() },
    );
  } finally {
    db.close();
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(COMMANDS)('$label', (command) => {
  it.each(KINDS)('to a bad path (%s): one line, exit 1, nothing left behind; or the folder made', async (kind) => {
    fs.rmSync(path.join(dir, 'missing'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'a-folder'), { recursive: true });
    const target = badPath(kind, command.name);
    const before = listing(dir);
    const run = await cim(command.args(target));
    expect(run.code, `${run.stderr}\n(null: killed after ${String(HANG_MS)} ms)`).not.toBeNull();
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
    const wanted = command.expect[kind];
    if (wanted === 'created') {
      expect(run.code, run.stderr).toBe(0);
      expect(fs.statSync(target).isFile()).toBe(true);
      return;
    }
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    // progress lines may come first; the error is the last line, and the only cim: line
    expect(lines.filter((l) => l.startsWith('cim: '))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(wanted);
    expect(listing(dir)).toEqual(before);
    expect(fs.existsSync('/etc/passwd/x')).toBe(false);
  });
});

describe('cim serve --workspace', () => {
  it.each(KINDS.filter((k) => k !== 'missing parent'))('to a bad path (%s): one line, exit 1', async (kind) => {
    const run = await cim(['serve', '--workspace', badPath(kind, 'x.gpkg'), '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/Internal error|\n\s+at /);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cim: /)]);
    expect(run.stderr).toMatch(NEW_WORKSPACE[kind]);
  });
});

describe("the API's export and workspace paths", () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createBackend({ workspacePath: workspace, host: 'browser', tempDir: dir, watchIntervalMs: 0 });
  });
  afterAll(() => backend.close());

  const codes = (reply: { ok: boolean; error?: { code: string; kind: string } }): string =>
    reply.ok ? 'ok' : `${reply.error?.code ?? ''} (${reply.error?.kind ?? ''})`;

  it.each(EXPORT_FORMATS)('export.layer as %s answers as the CLI does', async (format, name) => {
    const answers: Record<string, string> = {};
    for (const kind of KINDS) {
      fs.rmSync(path.join(dir, 'missing'), { recursive: true, force: true });
      const target = badPath(kind, name);
      answers[kind] = codes(await backend.dispatch('export.layer', { name: 'p', format, path: target }));
      if (kind === 'missing parent') expect(fs.statSync(target).isFile()).toBe(true);
    }
    expect(answers).toEqual({
      folder: 'file.is_folder (user)',
      'parent is a file': 'file.parent_is_file (user)',
      'missing parent': 'ok',
      proc: 'file.system_folder (user)',
    });
  });

  it('workspace.create and workspace.open refuse bad places with user errors', async () => {
    const answers: Record<string, [string, string]> = {};
    for (const kind of KINDS) {
      fs.rmSync(path.join(dir, 'missing'), { recursive: true, force: true });
      const target = badPath(kind, 'x.gpkg');
      const opened = codes(await backend.dispatch('workspace.open', { path: target }));
      const created = codes(await backend.dispatch('workspace.create', { path: target }));
      answers[kind] = [opened, created];
    }
    expect(answers).toEqual({
      folder: ['store.not_gpkg (user)', 'store.not_gpkg (user)'],
      'parent is a file': ['store.not_found (user)', 'file.parent_is_file (user)'],
      'missing parent': ['store.not_found (user)', 'ok'],
      proc: ['store.not_found (user)', 'file.system_folder (user)'],
    });
  });
});
