/**
 * Migration 5: the case desk's tables (main/store/case-model.ts): the case history and the
 * merge conflicts waiting for a person. A workspace that already has a `cases` layer (the
 * demo city before this version) gets the desk's columns, a UUID and version per case, its
 * history from `case_events`, and the OGC Related Tables photo table.
 */
import type { Database } from 'better-sqlite3';
import { CASES_TABLE, createCaseSideTables, upgradeCaseLayer } from '../case-model.js';

export const version = 5;

export function up(db: Database): void {
  createCaseSideTables(db);
  const hasCases = db
    .prepare("SELECT 1 FROM gpkg_geometry_columns WHERE table_name = ? AND geometry_type_name = 'POINT'")
    .get(CASES_TABLE);
  if (hasCases) upgradeCaseLayer(db);
}
