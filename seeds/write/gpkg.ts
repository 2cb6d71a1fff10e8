/**
 * Writes a generated city into an open workspace: every feature table in CGCS2000 lon/lat
 * (srs 4490) with its R-tree, the attribute tables, the layer catalog with default styles,
 * and the workspace settings. Runs inside the caller's transaction; timestamps are the
 * seed's fixed epoch so the file is the same for the same seed.
 */
import { CimError } from '../../common/errors.js';
import { PHOTO_MAP_TABLE, PHOTOS_TABLE, ensureCaseModel } from '../../main/cases/schema.js';
import type { CasePhoto } from './case-photos.js';
import { addLayer, setWorkspaceMeta } from '../../main/store/catalog.js';
import type { Db } from '../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../main/store/feature-table.js';
import type { City } from '../city/city.js';
import { GK_EPSG, type Frame } from '../geo/frame.js';
import { createAttributeTable } from './attributes.js';
import { SEED_LAYERS, SEED_TABLES } from './layers.js';

/** Fixed time stamped on catalog rows and gpkg_contents.last_change (after the cases end). */
export const SEED_EPOCH = '2025-01-01T00:00:00.000Z';

/** The cases' "now": the survey's end, when the open cases are judged overdue or not. */
const CASES_AS_OF = '2025-01-01T00:00:00+08:00';

export interface WrittenCounts {
  layers: { name: string; title: string; count: number }[];
  tables: { name: string; title: string; count: number }[];
}

export interface WriteControl {
  progress(fraction: number, stage: string): void;
  isCancelled(): boolean;
}

export function writeCity(
  db: Db,
  city: City,
  frame: Frame,
  control: WriteControl,
  file: string,
  photos: readonly CasePhoto[] = [],
): WrittenCounts {
  const out: WrittenCounts = { layers: [], tables: [] };
  const total = SEED_LAYERS.length + SEED_TABLES.length;
  let step = 0;
  const check = (): void => {
    if (control.isCancelled()) throw new CimError('jobs.cancelled', { file });
  };
  for (const layer of SEED_LAYERS) {
    check();
    control.progress(step++ / total, `jobs.seed.writing ${layer.name}`);
    const spec = {
      name: layer.name,
      title: layer.title,
      geometryType: layer.geometryType,
      fields: layer.fields,
      srsId: 4490 as const,
    };
    createFeatureTable(db, spec);
    const writer = featureWriter(db, spec);
    for (const row of layer.rows(city, frame)) writer.write(row.geometry, row.values);
    finishFeatureTable(db, layer.name, writer.extent());
    addLayer(db, {
      name: layer.name,
      title: layer.title,
      sourceCrs: `EPSG:${String(GK_EPSG)}`,
      sourceFile: null,
      createdAt: SEED_EPOCH,
      style: layer.style,
      visible: layer.visible,
    });
    out.layers.push({ name: layer.name, title: layer.title, count: writer.count() });
  }
  for (const table of SEED_TABLES) {
    check();
    control.progress(step++ / total, `jobs.seed.writing ${table.name}`);
    const insert = createAttributeTable(db, table);
    let n = 0;
    for (const values of table.rows(city)) {
      insert(values);
      n++;
    }
    out.tables.push({ name: table.name, title: table.title, count: n });
  }
  // the case desk's columns, UUIDs and history (main/cases/schema.ts)
  ensureCaseModel(db, SEED_EPOCH);
  writeCasePhotos(db, photos);
  setWorkspaceMeta(db, 'cases_as_of', CASES_AS_OF);
  setWorkspaceMeta(db, 'gk_zone_epsg', String(GK_EPSG));
  setWorkspaceMeta(db, 'seed', String(city.seed));
  setWorkspaceMeta(db, 'seed_scale', city.spec.scale);
  setWorkspaceMeta(db, 'seed_dem', 'sources/dem.tif');
  setWorkspaceMeta(db, 'seed_ortho', 'sources/ortho.tif');
  db.prepare('UPDATE gpkg_contents SET last_change = ?').run(SEED_EPOCH);
  return out;
}

/** The demo's case photos into the Related Tables media table, mapped from their cases. */
function writeCasePhotos(db: Db, photos: readonly CasePhoto[]): void {
  const find = db.prepare('SELECT fid, uuid FROM cases WHERE case_id = ?');
  const photo = db.prepare(
    `INSERT INTO ${PHOTOS_TABLE} (data, content_type, case_uuid, taken_at, note) VALUES (?, 'image/png', ?, ?, ?)`,
  );
  const map = db.prepare(`INSERT INTO ${PHOTO_MAP_TABLE} (base_id, related_id) VALUES (?, ?)`);
  for (const p of photos) {
    const c = find.get(p.caseId) as { fid: number; uuid: string } | undefined;
    if (!c) continue;
    map.run(c.fid, photo.run(p.png, c.uuid, p.takenAt, p.note).lastInsertRowid);
  }
}
