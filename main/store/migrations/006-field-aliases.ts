/**
 * Migration 6: field aliases (issue #17). Creates `gpkg_data_columns` with its `gpkg_schema`
 * extension row (main/store/field-aliases.ts says why that table) and gives the columns of
 * every existing feature table their standard aliases (dkbm 地块编码, yddm 用地代码…).
 */
import type { Database } from 'better-sqlite3';
import { DATA_COLUMNS_DDL, SCHEMA_EXTENSION_ROW, seedStandardAliases } from '../field-aliases.js';
import { quoteIdent } from '../sql-ident.js';

export const version = 6;

export function up(db: Database): void {
  db.exec(DATA_COLUMNS_DDL);
  db.exec(SCHEMA_EXTENSION_ROW);
  const tables = db.prepare("SELECT table_name AS name FROM gpkg_contents WHERE data_type = 'features'").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const columns = (db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    seedStandardAliases(db, name, columns);
  }
}
