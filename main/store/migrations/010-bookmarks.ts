/**
 * Migration 10: bookmarks become presentation stops. A bookmark keeps, beside its camera,
 * the layers as they were shown (visibility, opacity, style: JSON), the survey epoch, the
 * analysis result layers that were open, a PNG thumbnail, its place in the tour
 * (`position`) and the tour's settings for that stop (fly duration, pause, caption).
 * Bookmarks made before keep their camera; `layers` stays NULL for them, which means
 * "leave the layers as they are" when one is shown, and their order is their age.
 */
import type { Database } from 'better-sqlite3';

export const version = 10;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE cim_bookmarks ADD COLUMN layers TEXT;
    ALTER TABLE cim_bookmarks ADD COLUMN epoch TEXT;
    ALTER TABLE cim_bookmarks ADD COLUMN results TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE cim_bookmarks ADD COLUMN thumbnail BLOB;
    ALTER TABLE cim_bookmarks ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE cim_bookmarks ADD COLUMN fly_duration_s REAL NOT NULL DEFAULT 3;
    ALTER TABLE cim_bookmarks ADD COLUMN pause_s REAL NOT NULL DEFAULT 5;
    ALTER TABLE cim_bookmarks ADD COLUMN caption TEXT NOT NULL DEFAULT '';
    ALTER TABLE cim_bookmarks ADD COLUMN updated_at TEXT;
    UPDATE cim_bookmarks SET position = id, updated_at = created_at;
  `);
}
