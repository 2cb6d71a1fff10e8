/**
 * Cases from another city system: a CSV (lon/lat columns, UTF-8 or GBK) or a GeoPackage point
 * layer, with a field mapping (our field -> their column; common Chinese and English column
 * names are found without one). Every row is checked before anything is written: a
 * coordinate out of range (or lon/lat swapped) refuses the whole file. A case whose UUID
 * (from its number) is already here is skipped, so importing a file twice adds nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { CimError } from '../../common/errors.js';
import { CASE_CATEGORIES, type CaseKind } from '../../layers/cases.js';
import { CASE_STATES } from '../../layers/case-workflow.js';
import type { Db } from '../store/connection.js';
import { registerGpkgFunctions } from '../store/connection.js';
import { encodeGpkg } from '../store/gpkg-geometry.js';
import { decodeText, detectEncoding } from '../import/text-encoding.js';
import { CASES_TABLE, ensureCaseModel, uuidForCaseId } from './schema.js';
import { appendHistory } from './store.js';
import { boundText, isoBeijing } from './time.js';

const IMPORT_FIELDS = [
  'case_id',
  'lon',
  'lat',
  'type',
  'xl_code',
  'description',
  'address',
  'reported_at',
  'status',
  'street',
  'community',
  'dept',
  'height_m',
] as const;
type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column names other systems use for each field (compared without case and spaces). */
const ALIASES: Record<ImportField, readonly string[]> = {
  case_id: ['case_id', 'caseid', '案件编号', '案卷编号', 'ajbh', 'id', 'taskid'],
  lon: ['lon', 'lng', 'longitude', '经度', 'x', 'coordx'],
  lat: ['lat', 'latitude', '纬度', 'y', 'coordy'],
  type: ['type', 'kind', '案件类型', '类型', 'ajlx'],
  xl_code: ['xl_code', '小类编码', '小类代码', 'category', 'code', 'xlbm'],
  description: ['description', 'desc', '问题描述', '案件描述', 'wtms'],
  address: ['address', '地址', '位置描述', '发生地址', 'dz'],
  reported_at: ['reported_at', 'report_time', '上报时间', '发现时间', 'sbsj', 'time'],
  status: ['status', '状态', '案件状态', 'ajzt'],
  street: ['street', '街道', 'jd'],
  community: ['community', '社区', 'sq'],
  dept: ['dept', '处置部门', '责任部门', 'department'],
  height_m: ['height_m', 'height', '高度', '离地高度'],
};

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, '');

export type FieldMapping = Partial<Record<ImportField, string>>;

/** `case_id=编号,lon=X` -> mapping. */
export function parseMapping(text: string | undefined): FieldMapping {
  const out: FieldMapping = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k || !v || !(IMPORT_FIELDS as readonly string[]).includes(k)) {
      throw new CimError(
        'cli.usage',
        { message: `--map: ${part} is not FIELD=COLUMN (${IMPORT_FIELDS.join(', ')})` },
        'args',
      );
    }
    out[k as ImportField] = v;
  }
  return out;
}

interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
}

function readCsv(file: string): Table {
  const bytes = fs.readFileSync(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = decodeText(bytes, bom ? 'utf8' : detectEncoding(bytes.subarray(0, 256 * 1024)).name).replace(
    /^\uFEFF/,
    '',
  );
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  return { columns: parsed.meta.fields ?? [], rows: parsed.data };
}

function readGpkg(file: string): Table {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    registerGpkgFunctions(db);
    const layer = db
      .prepare(
        "SELECT table_name, column_name FROM gpkg_geometry_columns WHERE geometry_type_name IN ('POINT', 'MULTIPOINT') ORDER BY table_name = 'cases' DESC, table_name LIMIT 1",
      )
      .get() as { table_name: string; column_name: string } | undefined;
    if (!layer) throw new CimError('cases.bad_package', { file, reason: 'no point layer' });
    const rows = db
      .prepare(
        `SELECT *, ST_MinX("${layer.column_name}") AS lon, ST_MinY("${layer.column_name}") AS lat FROM "${layer.table_name}"`,
      )
      .all() as Record<string, unknown>[];
    const columns = (db.prepare(`PRAGMA table_info("${layer.table_name}")`).all() as { name: string }[])
      .map((c) => c.name)
      .concat(['lon', 'lat']);
    return { columns, rows };
  } finally {
    db.close();
  }
}

export interface ImportSummary extends Record<string, number> {
  imported: number;
  skipped: number;
  count: number;
}

/** Imports the cases of `file` into the workspace; runs inside the caller's transaction. */
export function importCases(db: Db, file: string, mapping: FieldMapping, by: string, nowMs: number): ImportSummary {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.gpkg') throw new CimError('cases.import_format', { file: path.basename(file) });
  const name = path.basename(file);
  const table = ext === '.csv' ? readCsv(file) : readGpkg(file);
  const column = (f: ImportField): string | null => {
    const mapped = mapping[f];
    if (mapped) {
      if (!table.columns.includes(mapped)) {
        throw new CimError('cases.csv_columns', { file: name, field: f, columns: table.columns.join(', ') });
      }
      return mapped;
    }
    return table.columns.find((c) => ALIASES[f].includes(norm(c))) ?? null;
  };
  const cols = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column(f)])) as Record<ImportField, string | null>;
  for (const f of ['case_id', 'lon', 'lat', 'xl_code'] as const) {
    if (!cols[f]) throw new CimError('cases.csv_columns', { file: name, field: f, columns: table.columns.join(', ') });
  }
  const get = (row: Record<string, unknown>, f: ImportField): string => {
    const c = cols[f];
    const v = c ? row[c] : undefined;
    return v === null || v === undefined
      ? ''
      : typeof v === 'string'
        ? v.trim()
        : typeof v === 'number'
          ? String(v)
          : JSON.stringify(v);
  };
  // check every row first: nothing is written from a file with a bad row
  const parsed = table.rows.map((row, i) => {
    const lon = Number(get(row, 'lon'));
    const lat = Number(get(row, 'lat'));
    const inRange = Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
    // China lies at 73-135°E, 18-54°N: a "longitude" of 33 with a "latitude" of 112 is swapped
    const swapped = Math.abs(lat) > 90 && Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    if (!inRange || (lon === 0 && lat === 0)) {
      throw new CimError('cases.csv_coordinates', {
        file: name,
        row: i + 2,
        lon: get(row, 'lon'),
        lat: get(row, 'lat'),
        hint: swapped ? ' (longitude and latitude look swapped)' : '',
      });
    }
    const code = get(row, 'xl_code').replace(/^(部件|事件)/, '');
    const kindText = get(row, 'type') || (/^事件/.test(get(row, 'xl_code')) ? '事件' : '部件');
    const kind: CaseKind = kindText.includes('事件') ? '事件' : '部件';
    const category = CASE_CATEGORIES.find((c) => c.kind === kind && c.code === code.slice(0, 4));
    if (!category) throw new CimError('cases.bad_category', { kind, code });
    const status = get(row, 'status');
    const reported = get(row, 'reported_at');
    return {
      caseId: get(row, 'case_id'),
      lon,
      lat,
      category,
      status: (CASE_STATES as readonly string[]).includes(status) ? status : '上报',
      reportedAt: reported ? boundText(reported, 'reported_at') : isoBeijing(nowMs),
      description: get(row, 'description') || category.name,
      address: get(row, 'address'),
      street: get(row, 'street'),
      community: get(row, 'community'),
      dept: get(row, 'dept'),
      heightM: get(row, 'height_m') === '' ? null : Number(get(row, 'height_m')),
    };
  });
  ensureCaseModel(db, new Date(nowMs).toISOString());
  const srs = db.prepare('SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?').get(CASES_TABLE) as {
    srs_id: number;
  };
  const exists = db.prepare(`SELECT 1 FROM ${CASES_TABLE} WHERE uuid = ?`);
  const insert = db.prepare(
    `INSERT INTO ${CASES_TABLE} (geom, case_id, type, dl_code, dl_name, xl_code, xl_name, description, address,
       reported_at, status, source, street, community, dept, overdue, uuid, version, height_m, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1, ?, ?)`,
  );
  const at = isoBeijing(nowMs);
  let imported = 0;
  let skipped = 0;
  for (const p of parsed) {
    const uuid = uuidForCaseId(p.caseId);
    if (exists.get(uuid)) {
      skipped++;
      continue;
    }
    insert.run(
      encodeGpkg({ type: 'Point', coordinates: [p.lon, p.lat] }, srs.srs_id),
      p.caseId,
      p.category.kind,
      p.category.majorCode,
      p.category.majorName,
      p.category.code,
      p.category.name,
      p.description,
      p.address,
      p.reportedAt,
      p.status,
      name,
      p.street,
      p.community,
      p.dept,
      uuid,
      p.heightM,
      at,
    );
    appendHistory(
      db,
      { uuid, case_id: p.caseId },
      { at, actor: by, action: '导入', from: null, to: p.status, note: name },
    );
    imported++;
  }
  return { imported, skipped, count: parsed.length };
}
