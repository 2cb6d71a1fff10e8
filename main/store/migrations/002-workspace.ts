/**
 * Migration 2: the workspace's own tables. The layer catalog keeps order, visibility and
 * style apart from the data (user edits are rows here, defaults live in code). It is
 * registered as an 'attributes' table so QGIS users see it; with one attributes row present,
 * GDAL lists only registered tables, which keeps camera and bookmarks out of its layer list.
 */
import type { Database } from 'better-sqlite3';

export const version = 2;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE cim_layers (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE REFERENCES gpkg_contents(table_name) ON DELETE CASCADE,
      title TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'vector',
      draw_order INTEGER NOT NULL,
      visible INTEGER NOT NULL DEFAULT 1,
      opacity REAL NOT NULL DEFAULT 1,
      style TEXT NOT NULL,
      source_crs TEXT,
      source_file TEXT,
      created_at TEXT NOT NULL);
    CREATE TABLE cim_camera (
      id INTEGER PRIMARY KEY CHECK (id = 1), camera TEXT NOT NULL);
    CREATE TABLE cim_bookmarks (
      id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, camera TEXT NOT NULL,
      created_at TEXT NOT NULL);
    INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
      VALUES ('cim_layers', 'attributes', 'cim_layers', 'CIM Workstation layer catalog');
  `);
}
