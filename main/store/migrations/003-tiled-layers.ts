/**
 * Migration 3: the catalog holds tile-set layers (3D Tiles, terrain, imagery) beside feature
 * tables. A tile set has no gpkg_contents row, so the catalog no longer references
 * gpkg_contents; rows of vector layers another tool dropped are pruned by the catalog sync
 * instead of by cascade. `tiles` is the TilesetRef (JSON), `meta` what a tile set knows of
 * its features (count, fields, extent, geometry type), both null for vector layers.
 */
import type { Database } from 'better-sqlite3';

export const version = 3;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE cim_layers_v3 (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'vector' CHECK (kind IN ('vector', 'tiles3d', 'terrain', 'imagery')),
      draw_order INTEGER NOT NULL,
      visible INTEGER NOT NULL DEFAULT 1,
      opacity REAL NOT NULL DEFAULT 1,
      style TEXT NOT NULL,
      source_crs TEXT,
      source_file TEXT,
      created_at TEXT NOT NULL,
      tiles TEXT,
      meta TEXT);
    INSERT INTO cim_layers_v3 (id, name, title, kind, draw_order, visible, opacity, style, source_crs, source_file, created_at)
      SELECT id, name, title, 'vector', draw_order, visible, opacity, style, source_crs, source_file, created_at FROM cim_layers;
    DROP TABLE cim_layers;
    ALTER TABLE cim_layers_v3 RENAME TO cim_layers;
  `);
}
