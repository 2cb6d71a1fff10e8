/**
 * Field aliases in the GeoPackage's own table for them, `gpkg_data_columns` (OGC 12-128r18
 * §2.3.2, the Schema extension): `name` holds the alias (`dkbm` -> 地块编码), `title` the same
 * for readers that show the title. GDAL 3.7 and later read `name` as a field's alternative
 * name (QGIS 3.30+ shows it as the alias); earlier readers ignore the table. Migration 006
 * creates it; every feature table gets the standard aliases of its fields on creation.
 * Environment: node.
 */
import { STANDARD_FIELD_ALIASES } from '../../layers/field-aliases.js';
import type { Database as Db } from 'better-sqlite3';

export const DATA_COLUMNS_DDL = `
  CREATE TABLE IF NOT EXISTS gpkg_data_columns (
    table_name TEXT NOT NULL,
    column_name TEXT NOT NULL,
    name TEXT,
    title TEXT,
    description TEXT,
    mime_type TEXT,
    constraint_name TEXT,
    CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
    CONSTRAINT gdc_tn UNIQUE (table_name, name));
  CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
    constraint_name TEXT NOT NULL,
    constraint_type TEXT NOT NULL,
    value TEXT,
    min NUMERIC,
    min_is_inclusive BOOLEAN,
    max NUMERIC,
    max_is_inclusive BOOLEAN,
    description TEXT,
    CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));`;

/** The schema extension registers both of its tables (GeoPackage 1.2 Req 141). */
export const SCHEMA_EXTENSION_ROW = ['gpkg_data_columns', 'gpkg_data_column_constraints']
  .map(
    (table) => `
  INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
  SELECT '${table}', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', 'read-write'
  WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = '${table}' AND extension_name = 'gpkg_schema');`,
  )
  .join('\n');

function hasDataColumns(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_data_columns'").get() !== undefined
  );
}

/** Column -> alias of one table. */
export function readAliases(db: Db, table: string): Map<string, string> {
  if (!hasDataColumns(db)) return new Map();
  const rows = db
    .prepare('SELECT column_name AS column, name FROM gpkg_data_columns WHERE table_name = ? AND name IS NOT NULL')
    .all(table) as { column: string; name: string }[];
  return new Map(rows.map((r) => [r.column, r.name]));
}

/**
 * Sets aliases of a table's columns (an empty alias removes it). The schema keeps aliases
 * unique per table: an alias another column already has is refused with the column named.
 */
export function writeAliases(db: Db, table: string, aliases: Readonly<Record<string, string>>): void {
  if (!hasDataColumns(db)) return;
  const remove = db.prepare('DELETE FROM gpkg_data_columns WHERE table_name = ? AND column_name = ?');
  const upsert = db.prepare(
    `INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (?, ?, ?, ?)
     ON CONFLICT (table_name, column_name) DO UPDATE SET name = excluded.name, title = excluded.title`,
  );
  for (const [column, alias] of Object.entries(aliases)) {
    if (alias.trim() === '') remove.run(table, column);
    else upsert.run(table, column, alias.trim(), alias.trim());
  }
}

/** The standard Chinese aliases (layers/field-aliases.ts) of those columns that have one, each alias once. */
function standardAliases(columns: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const column of columns) {
    const alias = STANDARD_FIELD_ALIASES[column]?.zh;
    if (alias === undefined || used.has(alias) || columns.includes(alias)) continue;
    used.add(alias);
    out[column] = alias;
  }
  return out;
}

/** Gives a table's columns their standard aliases where they have none yet. */
export function seedStandardAliases(db: Db, table: string, columns: readonly string[]): void {
  const existing = readAliases(db, table);
  const taken = new Set(existing.values());
  const fresh = Object.entries(standardAliases(columns)).filter(([c, a]) => !existing.has(c) && !taken.has(a));
  writeAliases(db, table, Object.fromEntries(fresh));
}

export function dropAliases(db: Db, table: string): void {
  if (hasDataColumns(db)) db.prepare('DELETE FROM gpkg_data_columns WHERE table_name = ?').run(table);
}
