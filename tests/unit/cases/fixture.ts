/**
 * A small case workspace as the demo city writes one (a `cases` layer with the base fields
 * and its `case_events` flow records), at schema version 4 or upgraded to the latest.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { BASE_CASE_FIELDS } from '../../../main/cases/schema.js';
import { migrate, openWorkspaceDb, registerGpkgFunctions, type Db } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { addLayer } from '../../../main/store/catalog.js';
import { tempDir } from '../helpers.js';

export interface FixtureCase {
  id: string;
  lonLat: [number, number];
  kind: '部件' | '事件';
  code: string;
  name: string;
  reported: string;
  status: string;
  street: string;
  community?: string;
  dept: string;
  deadline: string | null;
  closed: string | null;
  overdue?: boolean;
  /** step, at, actor */
  events: [string, string, string][];
}

export function writeV4Workspace(file: string, cases: readonly FixtureCase[]): void {
  const raw = new Database(file);
  registerGpkgFunctions(raw);
  migrate(raw, 4);
  raw.transaction(() => {
    const spec = { name: 'cases', title: '城市管理案件', geometryType: 'POINT' as const, fields: BASE_CASE_FIELDS };
    createFeatureTable(raw, spec);
    const w = featureWriter(raw, spec);
    for (const c of cases) {
      w.write({ type: 'Point', coordinates: c.lonLat }, [
        c.id,
        c.kind,
        c.code.slice(0, 2),
        '大类',
        c.code,
        c.name,
        `${c.name}描述`,
        `${c.street}某路`,
        c.reported,
        c.status,
        '监督员',
        c.street,
        c.community ?? `${c.street}社区`,
        c.dept,
        c.deadline,
        c.closed,
        c.overdue ?? false,
      ]);
    }
    finishFeatureTable(raw, 'cases', w.extent());
    addLayer(raw, {
      name: 'cases',
      title: '城市管理案件',
      sourceCrs: null,
      sourceFile: null,
      createdAt: '2025-01-01T00:00:00Z',
    });
    raw.exec(
      'CREATE TABLE case_events (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, case_id TEXT, seq INTEGER, step TEXT, at TEXT, actor TEXT)',
    );
    raw
      .prepare(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('case_events', 'attributes', 'case_events')",
      )
      .run();
    const ins = raw.prepare('INSERT INTO case_events (case_id, seq, step, at, actor) VALUES (?, ?, ?, ?, ?)');
    for (const c of cases) c.events.forEach(([step, at, actor], i) => ins.run(c.id, i + 1, step, at, actor));
  })();
  raw.close();
}

const B = '2024-12-';
/** Five cases over the workflow (北京时间 text as the demo writes it). */
export const FIVE: readonly FixtureCase[] = [
  {
    id: 'NY202412010001',
    lonLat: [112.55, 33.0],
    kind: '部件',
    code: '0102',
    name: '污水井盖',
    reported: `${B}01T09:00:00+08:00`,
    status: '结案',
    street: '东关街道',
    dept: '市政工程管理处',
    deadline: `${B}02T09:30:00+08:00`,
    closed: `${B}01T18:00:00+08:00`,
    events: [
      ['上报', `${B}01T09:00:00+08:00`, '监督员001'],
      ['立案', `${B}01T09:10:00+08:00`, '受理员1'],
      ['派遣', `${B}01T09:30:00+08:00`, '派遣员1'],
      ['处置', `${B}01T15:00:00+08:00`, '市政工程管理处'],
      ['核查', `${B}01T16:00:00+08:00`, '监督员002'],
      ['结案', `${B}01T18:00:00+08:00`, '值班长1'],
    ],
  },
  {
    id: 'NY202412020001',
    lonLat: [112.56, 33.01],
    kind: '事件',
    code: '0505',
    name: '机动车乱停放',
    reported: `${B}02T10:00:00+08:00`,
    status: '派遣',
    street: '新华街道',
    dept: '城市管理执法大队',
    deadline: `${B}02T12:20:00+08:00`,
    closed: null,
    events: [
      ['上报', `${B}02T10:00:00+08:00`, '视频AI识别平台'],
      ['立案', `${B}02T10:05:00+08:00`, '受理员2'],
      ['派遣', `${B}02T10:20:00+08:00`, '派遣员2'],
    ],
  },
  {
    id: 'NY202412030001',
    lonLat: [112.57, 33.02],
    kind: '事件',
    code: '0102',
    name: '暴露垃圾',
    reported: `${B}03T08:00:00+08:00`,
    status: '立案',
    street: '新华街道',
    dept: '城市管理局环卫处',
    deadline: null,
    closed: null,
    events: [
      ['上报', `${B}03T08:00:00+08:00`, '监督员003'],
      ['立案', `${B}03T08:20:00+08:00`, '受理员1'],
    ],
  },
  {
    id: 'NY202412030002',
    lonLat: [112.575, 33.025],
    kind: '部件',
    code: '0118',
    name: '路灯',
    reported: `${B}03T09:00:00+08:00`,
    status: '上报',
    street: '东关街道',
    dept: '市政工程管理处',
    deadline: null,
    closed: null,
    events: [['上报', `${B}03T09:00:00+08:00`, '12345热线']],
  },
  {
    id: 'NY202411280001',
    lonLat: [112.552, 33.004],
    kind: '部件',
    code: '0118',
    name: '路灯',
    reported: '2024-11-28T09:00:00+08:00',
    status: '核查',
    street: '东关街道',
    dept: '市政工程管理处',
    deadline: '2024-11-30T10:00:00+08:00',
    closed: null,
    overdue: true,
    events: [
      ['上报', '2024-11-28T09:00:00+08:00', '监督员001'],
      ['立案', '2024-11-28T09:30:00+08:00', '受理员1'],
      ['派遣', '2024-11-28T10:00:00+08:00', '派遣员1'],
      ['处置', '2024-12-01T10:00:00+08:00', '市政工程管理处'],
      ['核查', '2024-12-01T12:00:00+08:00', '监督员002'],
    ],
  },
];

/** The five cases in a workspace at the latest schema (migration 005 ran on them). */
export function fiveCaseWorkspace(): { file: string; db: Db } {
  const file = path.join(tempDir('cim-cases-'), 'w.gpkg');
  writeV4Workspace(file, FIVE);
  return { file, db: openWorkspaceDb(file) };
}
