/**
 * Migration 11: a confirmed suspect of the illegal-build review is handed to the case desk
 * (issue #13 → #12). The review row keeps the number of the case it created (`case_id`,
 * NULL for a dismissal and for rows written before this migration), so a second
 * confirmation of the same suspect points at that case instead of filing a duplicate.
 */
import type { Database } from 'better-sqlite3';

export const version = 11;

export function up(db: Database): void {
  db.exec('ALTER TABLE cim_change_reviews ADD COLUMN case_id TEXT');
}
