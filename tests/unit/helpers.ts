/** Shared helpers for unit tests: temp folders, workspace snapshots, paths to shared data. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import Database from 'better-sqlite3';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SHARED = path.resolve(ROOT, '../shared/data');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

export function tempDir(prefix = 'cim-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Tables with their row counts, and the integrity check: equal snapshots mean "unchanged". */
export function snapshot(file: string): { tables: Record<string, number>; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'rtree_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const tables: Record<string, number> = {};
    for (const { name } of names) {
      tables[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    }
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    return { tables, integrity };
  } finally {
    db.close();
  }
}

/**
 * The repository's dependency-cruiser run in `cwd` with `args`, its output free of colour:
 * CI may set FORCE_COLOR, which makes depcruise wrap file names in escape codes.
 */
export function depcruise(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env,
    },
  );
  return {
    status: r.status,
    stdout: stripVTControlCharacters(r.stdout),
    stderr: stripVTControlCharacters(`${r.stderr}${r.error ? String(r.error) : ''}`),
  };
}
