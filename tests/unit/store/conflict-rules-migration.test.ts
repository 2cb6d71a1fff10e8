import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listRules } from '../../../main/analysis/multiplan/rules-table.js';
import { migrate, openWorkspaceDb } from '../../../main/store/connection.js';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index.js';
import { DEFAULT_RULES } from '../../../layers/plan-rules.js';
import { tempDir } from '../helpers.js';

describe('migration 4: conflict rules and analysis runs', () => {
  it('upgrades a version-3 workspace, seeding the default rules in their order', () => {
    const file = path.join(tempDir(), 'v3.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 3)).toBe(3);
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cim_conflict_rules'").get()).toBeUndefined();
    raw.close();
    const db = openWorkspaceDb(file);
    expect(listRules(db)).toEqual(DEFAULT_RULES);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(LATEST_SCHEMA_VERSION),
    });
    expect(db.prepare('SELECT count(*) AS n FROM cim_analysis_runs').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a rule kind or severity the review does not know', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    const insert = db.prepare(
      "INSERT INTO cim_conflict_rules (position, id, kind, class_a, class_b, severity, reason_zh, reason_en) VALUES (99, 'X', ?, '*', '*', ?, 'x', 'x')",
    );
    expect(() => insert.run('touches', 'high')).toThrow(/CHECK constraint/);
    expect(() => insert.run('overlap', 'urgent')).toThrow(/CHECK constraint/);
    db.close();
  });
});
