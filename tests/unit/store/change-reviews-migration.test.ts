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

describe('migration 11: the case a confirmation filed', () => {
  it('upgrades a version-10 workspace, keeping its reviews with no case', () => {
    const file = path.join(tempDir(), 'v10.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 10)).toBe(10);
    raw
      .prepare(
        "INSERT INTO cim_change_reviews (result_layer, fid, decision, reason, at) VALUES ('change_1', 3, 'dismissed', '已补办许可', '2026-12-01')",
      )
      .run();
    raw.close();
    const db = openWorkspaceDb(file);
    expect(db.prepare('SELECT fid, decision, reason, case_id FROM cim_change_reviews').all()).toEqual([
      { fid: 3, decision: 'dismissed', reason: '已补办许可', case_id: null },
    ]);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({ value: '11' });
    db.close();
  });
});
