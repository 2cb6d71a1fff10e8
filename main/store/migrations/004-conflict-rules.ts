/**
 * Migration 4: the multi-plan review's tables. `cim_conflict_rules` is the editable table of
 * which class pairs conflict and why (layers/plan-rules.ts explains the columns), seeded
 * with the default rules; `position` is its order, which is also its priority. The table
 * is what the UI edits and what CSV import replaces. `cim_analysis_runs` keeps, per result
 * layer of an analysis, what it was run with and its summary (statistics), so the panel and
 * the PDF report can show a run again after the workspace is reopened.
 */
import type { Database } from 'better-sqlite3';
import { DEFAULT_RULES } from '../../../layers/plan-rules.js';

export const version = 4;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE cim_conflict_rules (
      position INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('overlap', 'outside', 'mismatch')),
      class_a TEXT NOT NULL,
      class_b TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
      reason_zh TEXT NOT NULL,
      reason_en TEXT NOT NULL);
    CREATE TABLE cim_analysis_runs (
      result_layer TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      params TEXT NOT NULL,
      summary TEXT NOT NULL,
      created_at TEXT NOT NULL);
  `);
  const insert = db.prepare(
    'INSERT INTO cim_conflict_rules (position, id, kind, class_a, class_b, severity, reason_zh, reason_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  DEFAULT_RULES.forEach((r, i) =>
    insert.run(i + 1, r.id, r.kind, r.classA, r.classB, r.severity, r.reasonZh, r.reasonEn),
  );
}
