/**
 * Migration 9: the illegal-build review history (违法建设核查记录). Each row is one decision an
 * inspector took on a suspect of a change-detection result layer (`confirmed`, or
 * `dismissed` with its reason); a later decision on the same suspect supersedes the earlier
 * one for display, and every row is kept as the history.
 */
import type { Database } from 'better-sqlite3';

export const version = 9;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE cim_change_reviews (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      result_layer TEXT NOT NULL,
      fid INTEGER NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
      reason TEXT NOT NULL,
      at TEXT NOT NULL);
    CREATE INDEX cim_change_reviews_layer ON cim_change_reviews (result_layer, fid);
  `);
}
