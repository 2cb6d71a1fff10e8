/**
 * The case model in a workspace: the tables are main/store/case-model.ts's (migration 005
 * upgrades a workspace that has cases); here a workspace without a `cases` layer gets an
 * empty one, so a case can be created or imported into any workspace.
 */
import { CASE_STATUS_COLOURS } from '../../layers/cases.js';
import { addLayer } from '../store/catalog.js';
import {
  CASE_FIELDS,
  CASES_TABLE,
  createCaseSideTables,
  finishCaseModel,
  upgradeCaseLayer,
} from '../store/case-model.js';
import type { Db } from '../store/connection.js';
import { createFeatureTable, finishFeatureTable, tableExists } from '../store/feature-table.js';

export {
  BASE_CASE_FIELDS,
  CASE_FIELDS,
  CASES_TABLE,
  CONFLICTS_TABLE,
  HISTORY_TABLE,
  PHOTO_MAP_TABLE,
  PHOTOS_TABLE,
  hasCaseModel,
  uuidForCaseId,
} from '../store/case-model.js';

/** The desk's model in this workspace, creating an empty `cases` layer when there is none. Idempotent. */
export function ensureCaseModel(db: Db, now: string): void {
  if (tableExists(db, CASES_TABLE)) {
    upgradeCaseLayer(db);
    return;
  }
  createCaseSideTables(db);
  const spec = { name: CASES_TABLE, title: '城市管理案件', geometryType: 'POINT' as const, fields: CASE_FIELDS };
  createFeatureTable(db, spec);
  finishFeatureTable(db, CASES_TABLE, null);
  addLayer(db, {
    name: CASES_TABLE,
    title: spec.title,
    sourceCrs: null,
    sourceFile: null,
    createdAt: now,
    style: { pointSizePx: 6, thematic: { field: 'status', method: 'categories', colours: { ...CASE_STATUS_COLOURS } } },
    visible: true,
  });
  finishCaseModel(db);
}
