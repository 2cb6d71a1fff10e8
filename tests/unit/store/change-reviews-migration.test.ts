import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openWorkspaceDb } from '../../../main/store/connection.js';
import { tempDir } from '../helpers.js';

describe('migration 9: the illegal-build review history', () => {
  it('upgrades a version-4 workspace with an empty review table', () => {
    const file = path.join(tempDir(), 'v4.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 4)).toBe(4);
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cim_change_reviews'").get()).toBeUndefined();
    raw.close();
    const db = openWorkspaceDb(file);
    expect(db.prepare('SELECT count(*) AS n FROM cim_change_reviews').get()).toEqual({ n: 0 });
    expect(
      Number((db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get() as { value: string }).value),
    ).toBeGreaterThanOrEqual(9);
    db.close();
  });

  it('refuses a decision other than confirmed or dismissed', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    const insert = db.prepare(
      "INSERT INTO cim_change_reviews (result_layer, fid, decision, reason, at) VALUES ('change_1', 1, ?, '', '2026-12-07')",
    );
    expect(() => insert.run('maybe')).toThrow(/CHECK constraint/);
    insert.run('confirmed');
    db.close();
  });
});
