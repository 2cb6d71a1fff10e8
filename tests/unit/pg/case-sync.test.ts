/**
 * `cim cases sync` against a real PostGIS (a throwaway cluster, no mock): two workspaces of
 * the same city sync their cases through one server. Edits on different fields meet; the
 * same field changed on both is a conflict kept pending (the server keeps its value, nothing
 * is pushed until a person decides); edits made offline go up later; a connection killed
 * mid-sync, or the sync process killed with SIGKILL, leaves the server and the workspace as
 * they were, and the next sync completes; 200 randomised interleaved edits and syncs (some
 * at the same moment) end identical everywhere with every edit present or listed.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { pendingConflicts, resolveConflict } from '../../../main/cases/package.js';
import { addNote, createCase, getCase, historyOf } from '../../../main/cases/store.js';
import { syncCases, syncState } from '../../../main/pg/case-sync.js';
import { connectPg, parsePgUrl } from '../../../main/pg/connection.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { fiveCaseWorkspace } from '../cases/fixture.js';
import { ROOT, snapshot } from '../helpers.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
const env = (): NodeJS.ProcessEnv => ({ PGPASSFILE: '/nonexistent', PGPASSWORD: cluster.password });
const url = (schema: string): string => `${cluster.url('bureau')}?schema=${schema}`;
const T0 = Date.UTC(2024, 11, 4, 2);

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.createDatabase('bureau');
}, 120_000);

afterAll(() => {
  cluster.stop();
});

async function sync(db: Db, schema: string, at = T0, progress?: Parameters<typeof syncCases>[3]) {
  const s = await connectPg(parsePgUrl(url(schema)), env());
  try {
    return await syncCases(db, s, at, progress);
  } finally {
    await s.close();
  }
}

/** A workstation's edit of one field through the desk (the version moves on). */
function edit(db: Db, caseId: string, field: string, value: string): void {
  const n = db
    .prepare(`UPDATE cases SET "${field}" = ?, version = version + 1 WHERE case_id = ?`)
    .run(value, caseId).changes;
  expect(n).toBe(1);
}

const FIELDS = ['description', 'address', 'assignee', 'dept'] as const;

/** The cases of a workspace: case_id -> fields and position. */
function local(db: Db): Record<string, Record<string, unknown>> {
  const rows = db
    .prepare(
      `SELECT uuid, case_id, status, ${FIELDS.join(', ')}, ST_MinX(geom) AS x, ST_MinY(geom) AS y FROM cases ORDER BY uuid`,
    )
    .all() as Record<string, unknown>[];
  return Object.fromEntries(rows.map((r) => [r.uuid as string, r]));
}

/** The same, read from the server's table with SQL of its own. */
async function server(schema: string): Promise<Record<string, Record<string, unknown>>> {
  const rows = await cluster.query(
    'bureau',
    `SELECT uuid, case_id, status, ${FIELDS.join(', ')}, ST_X(geom) AS x, ST_Y(geom) AS y
     FROM "${schema}".cim_cases WHERE NOT deleted ORDER BY uuid`,
  );
  return Object.fromEntries(rows.map((r) => [r.uuid as string, r]));
}

function pair(): { a: Db; b: Db; files: string[] } {
  const a = fiveCaseWorkspace();
  const b = fiveCaseWorkspace();
  return { a: a.db, b: b.db, files: [a.file, b.file] };
}

describe('cases sync with PostGIS', () => {
  it('the first syncs: A puts its cases on the server (a table QGIS reads), B with the same cases agrees', async () => {
    const { a, b } = pair();
    const s1 = await sync(a, 's1');
    expect(s1).toMatchObject({ pushed: 5, pulled: 0, added: 0, pending: 0, conflicts: [] });
    expect(s1.historyPushed).toBe((a.prepare('SELECT count(*) AS n FROM cim_case_history').get() as { n: number }).n);
    expect(s1.historyPushed).toBeGreaterThan(15);
    const srv = await server('s1');
    expect(srv).toEqual(local(a));
    const geo = await cluster.query(
      'bureau',
      `SELECT srid, type FROM geometry_columns WHERE f_table_schema = 's1' AND f_table_name = 'cim_cases'`,
    );
    expect(geo).toEqual([{ srid: 4326, type: 'POINT' }]);
    const gist = await cluster.query(
      'bureau',
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 's1' AND tablename = 'cim_cases' AND indexdef LIKE '%gist%'`,
    );
    expect(gist).toHaveLength(1);
    // B never synced, holds the same five unchanged: nothing to do but agree
    const s2 = await sync(b, 's1');
    expect(s2).toMatchObject({ pushed: 0, pulled: 0, added: 0, pending: 0, historyPushed: 0 });
    expect(local(b)).toEqual(local(a));
    expect(syncState(b)).toMatchObject({ unsynced: 0, pendingConflicts: 0, lastSyncAt: s2.syncedAt });
    // a sync with nothing new changes nothing
    const s3 = await sync(a, 's1');
    expect(s3).toMatchObject({ pushed: 0, pulled: 0, added: 0, historyPushed: 0, historyPulled: 0 });
  }, 60_000);

  it('edits of different fields on two workstations both arrive, with the notes of both', async () => {
    const { a, b } = pair();
    await sync(a, 's2');
    await sync(b, 's2');
    edit(a, 'NY202412010001', 'description', 'A: 井盖已更换');
    edit(b, 'NY202412010001', 'address', 'B: 人民路 12 号');
    edit(b, 'NY202412030001', 'assignee', 'B: 王五');
    addNote(a, 'NY202412030001', '监督员A', '现场复核', T0 + 1000);
    expect(syncState(a).unsynced).toBe(2);
    expect(syncState(b).unsynced).toBe(2);
    // A's note changes no field: it goes up as history
    const sa = await sync(a, 's2', T0 + 2000);
    expect(sa).toMatchObject({ pushed: 1, pulled: 0, historyPushed: 1 });
    const sb = await sync(b, 's2', T0 + 3000);
    expect(sb).toMatchObject({ pushed: 2, pulled: 1, historyPulled: 1, pending: 0 });
    const sa2 = await sync(a, 's2', T0 + 4000);
    expect(sa2).toMatchObject({ pushed: 0, pulled: 2, pending: 0 });
    const c1 = local(a)[getCase(a, 'NY202412010001').uuid];
    expect(c1).toMatchObject({ description: 'A: 井盖已更换', address: 'B: 人民路 12 号' });
    expect(local(a)).toEqual(local(b));
    expect(await server('s2')).toEqual(local(a));
    const note = (db: Db) =>
      historyOf(db, getCase(db, 'NY202412030001').uuid).filter((h) => h.action === '备注' && h.note === '现场复核');
    expect(note(a)).toHaveLength(1);
    expect(note(b)).toHaveLength(1);
    // the versions agree after the pushes and pulls
    expect(getCase(a, 'NY202412010001').version).toBe(getCase(b, 'NY202412010001').version);
  }, 60_000);

  it('the same field changed on both: a pending conflict, nothing overwritten, decided by a person, then synced', async () => {
    const { a, b } = pair();
    await sync(a, 's3');
    await sync(b, 's3');
    edit(a, 'NY202412020001', 'assignee', '张三');
    edit(b, 'NY202412020001', 'assignee', '李四');
    edit(b, 'NY202412020001', 'description', 'B 的描述');
    await sync(a, 's3', T0 + 1000);
    const sb = await sync(b, 's3', T0 + 2000);
    expect(sb.conflicts).toEqual([
      {
        case: 'NY202412020001',
        uuid: expect.any(String),
        field: 'assignee',
        base: '城市管理执法大队',
        ours: '李四',
        theirs: '张三',
      },
    ]);
    expect(sb.pending).toBe(1);
    // B keeps its own, the server keeps A's; B's other field went up
    const uuid = getCase(b, 'NY202412020001').uuid;
    expect(local(b)[uuid]).toMatchObject({ assignee: '李四', description: 'B 的描述' });
    expect((await server('s3'))[uuid]).toMatchObject({ assignee: '张三', description: 'B 的描述' });
    // syncing again while it is pending pushes nothing and asks nothing new
    const again = await sync(b, 's3', T0 + 3000);
    expect(again).toMatchObject({ pushed: 0, pending: 1, conflicts: [] });
    expect((await server('s3'))[uuid]).toMatchObject({ assignee: '张三' });
    expect(syncState(b).pendingConflicts).toBe(1);
    // the person keeps B's value: the next sync pushes it, and A pulls it
    b.transaction(() => resolveConflict(b, 'NY202412020001', 'assignee', 'ours', '值班长', T0 + 4000))();
    expect(pendingConflicts(b)).toEqual([]);
    expect(await sync(b, 's3', T0 + 5000)).toMatchObject({ pushed: 1, pending: 0 });
    expect(await sync(a, 's3', T0 + 6000)).toMatchObject({ pulled: 1, pending: 0 });
    expect(local(a)[uuid]).toMatchObject({ assignee: '李四', description: 'B 的描述' });
    expect(local(a)).toEqual(local(b));
    expect(await server('s3')).toEqual(local(a));
  }, 60_000);

  it('offline: the sync is refused while the server is away (nothing changed), and the edits go up later', async () => {
    const { a, b, files } = pair();
    await sync(a, 's4');
    await sync(b, 's4');
    edit(a, 'NY202412030002', 'description', '离线修改 1');
    edit(a, 'NY202412030002', 'description', '离线修改 2');
    const made = a.transaction(() =>
      createCase(
        a,
        { lon: 112.551, lat: 33.001, kind: '事件', categoryCode: '0101', description: '离线上报', by: '监督员A' },
        T0 + 1000,
        '6b0e6c8c-4f3e-4d6e-9b1a-7c3b2a1d0e9f',
      ),
    )();
    const before = snapshot(files[0] as string);
    const away = parsePgUrl(url('s4').replace(`:${String(cluster.port)}/`, ':1/'));
    const err = await connectPg(away, env()).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as CimError).code).toBe('pg.unreachable');
    expect(snapshot(files[0] as string)).toEqual(before);
    expect(syncState(a).unsynced).toBe(2);
    // back on the network
    expect(await sync(a, 's4', T0 + 2000)).toMatchObject({ pushed: 2 });
    expect(await sync(b, 's4', T0 + 3000)).toMatchObject({ added: 1, pulled: 1 });
    expect(getCase(b, made.case_id)).toMatchObject({ uuid: made.uuid, description: '离线上报' });
    expect(getCase(b, 'NY202412030002').description).toBe('离线修改 2');
    expect(local(b)).toEqual(local(a));
    expect(historyOf(b, made.uuid).map((h) => h.action)).toEqual(['上报']);
  }, 60_000);

  it('a connection killed mid-sync leaves the server and the workspace as they were; the next sync completes', async () => {
    const { a, b, files } = pair();
    await sync(a, 's5');
    await sync(b, 's5');
    edit(a, 'NY202412010001', 'description', '断线前的修改');
    addNote(a, 'NY202412010001', '监督员A', '断线前的备注', T0 + 1000);
    const serverBefore = await server('s5');
    const revBefore = await cluster.query('bureau', 'SELECT max(rev)::int AS r, count(*)::int AS n FROM s5.cim_cases');
    const historyBefore = await cluster.query('bureau', 'SELECT count(*)::int AS n FROM s5.cim_case_history');
    const wsBefore = snapshot(files[0] as string);
    const metaBefore = a.prepare("SELECT * FROM cim_meta WHERE key LIKE 'case_sync%' ORDER BY key").all();
    const s = await connectPg(parsePgUrl(url('s5')), env());
    const pid = (await s.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const stages: string[] = [];
    const err = await syncCases(a, s, T0 + 2000, {
      progress: async (stage) => {
        stages.push(stage);
        // the cases are written, the transaction is open: the server ends the session
        if (stage === 'cases') await cluster.query('bureau', 'SELECT pg_terminate_backend($1)', [pid]);
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await s.close();
    expect(stages).toEqual(['locked', 'cases']);
    expect((err as CimError).code).toBe('pg.connection_lost');
    expect(await server('s5')).toEqual(serverBefore);
    expect(await cluster.query('bureau', 'SELECT max(rev)::int AS r, count(*)::int AS n FROM s5.cim_cases')).toEqual(
      revBefore,
    );
    expect(await cluster.query('bureau', 'SELECT count(*)::int AS n FROM s5.cim_case_history')).toEqual(historyBefore);
    expect(snapshot(files[0] as string)).toEqual(wsBefore);
    expect(a.prepare("SELECT * FROM cim_meta WHERE key LIKE 'case_sync%' ORDER BY key").all()).toEqual(metaBefore);
    // the next sync completes and B gets both the edit and the note
    expect(await sync(a, 's5', T0 + 3000)).toMatchObject({ pushed: 1, historyPushed: 1 });
    expect(await sync(b, 's5', T0 + 4000)).toMatchObject({ pulled: 1, historyPulled: 1 });
    expect(getCase(b, 'NY202412010001').description).toBe('断线前的修改');
  }, 60_000);

  it('cim cases sync killed with SIGKILL mid-way: the server stays consistent, the next sync completes (--json)', async () => {
    const { a, b, files } = pair();
    await sync(a, 's6');
    await sync(b, 's6');
    edit(a, 'NY202411280001', 'dept', '环卫处');
    addNote(a, 'NY202411280001', '监督员A', '杀掉前的备注', T0 + 1000);
    a.close();
    const serverBefore = await server('s6');
    // another session holds the history table: the sync writes its cases, then waits on it
    const blocker = await connectPg(parsePgUrl(url('s6')), env());
    await blocker.client.query('BEGIN');
    await blocker.client.query('LOCK TABLE s6.cim_case_history IN EXCLUSIVE MODE');
    const cim = path.join(ROOT, 'bin/cim.mjs');
    const child = spawn(
      'node',
      [cim, 'cases', 'sync', '--workspace', files[0] as string, '--pg', url('s6'), '--json'],
      { env: { ...process.env, ...env() }, stdio: 'pipe' },
    );
    // wait until its transaction has written the case and waits for the lock
    let waiting = false;
    for (let i = 0; i < 300 && !waiting; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const w = await cluster.query(
        'bureau',
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cim-workstation' AND wait_event_type = 'Lock'",
      );
      waiting = w[0]?.n === 1;
    }
    expect(waiting).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await blocker.client.query('ROLLBACK');
    await blocker.close();
    // the server rolled the dead session back
    for (let i = 0; i < 50; i++) {
      const left = await cluster.query(
        'bureau',
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cim-workstation'",
      );
      if (left[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await server('s6')).toEqual(serverBefore);
    const again = openWorkspaceDb(files[0] as string);
    try {
      expect(await sync(again, 's6', T0 + 2000)).toMatchObject({ pushed: 1, historyPushed: 1 });
      expect(await sync(b, 's6', T0 + 3000)).toMatchObject({ pulled: 1, historyPulled: 1 });
      expect(getCase(b, 'NY202411280001').dept).toBe('环卫处');
      expect(local(b)).toEqual(local(again));
    } finally {
      again.close();
    }
  }, 90_000);

  it('a workspace in another CRS is refused with its message', async () => {
    const { a } = pair();
    a.prepare(
      "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) VALUES ('WGS 84 / Pseudo-Mercator', 3857, 'EPSG', 3857, 'undefined')",
    ).run();
    a.prepare("UPDATE gpkg_geometry_columns SET srs_id = 3857 WHERE table_name = 'cases'").run();
    const err = await sync(a, 's7').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'cases.sync_crs', facts: { srs: 3857, expected: 4326 } });
  }, 30_000);
});

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('200 randomised interleaved edits and syncs', () => {
  it('end identical on the server and both workspaces; every edit is present, superseded where it was made, or listed as a conflict', async () => {
    const { a, b } = pair();
    const ws = { A: a, B: b } as const;
    const rnd = random(20);
    const ids = ['NY202412010001', 'NY202412020001', 'NY202412030001', 'NY202412030002', 'NY202411280001'];
    const made: { ws: 'A' | 'B'; id: string; field: string; value: string }[] = [];
    /** Values an edit replaced where it was made: the workstation saw them and moved on. */
    const superseded = new Set<string>();
    const key = (id: string, field: string, value: string) => `${id}\u0000${field}\u0000${value}`;
    /** Values a person saw in a conflict when deciding it. */
    const listed = new Set<string>();
    const seen = (c: { case: string; field: string; ours: string | null; theirs: string | null }) => {
      if (c.ours !== null) listed.add(key(c.case, c.field, c.ours));
      if (c.theirs !== null) listed.add(key(c.case, c.field, c.theirs));
    };
    let t = T0;
    let syncs = 0;
    let together = 0;
    for (let i = 0; i < 200; i++) {
      const who = rnd() < 0.5 ? 'A' : 'B';
      const db = ws[who];
      const r = rnd();
      if (r < 0.7) {
        const id = ids[Math.floor(rnd() * ids.length)] as string;
        const field = FIELDS[Math.floor(rnd() * FIELDS.length)] as string;
        const value = `${who}${String(i)}`;
        const old = (db.prepare(`SELECT "${field}" AS v FROM cases WHERE case_id = ?`).get(id) as { v: string | null })
          .v;
        if (old !== null) superseded.add(key(id, field, old));
        edit(db, id, field, value);
        made.push({ ws: who, id, field, value });
      } else if (r < 0.8) {
        // a person decides what waits, either way (and has seen both values)
        for (const c of pendingConflicts(db)) {
          seen(c);
          db.transaction(() =>
            resolveConflict(db, c.case, c.field, rnd() < 0.5 ? 'ours' : 'theirs', '值班长', (t += 1000)),
          )();
        }
      } else if (r < 0.9) {
        await sync(db, 'rand', (t += 1000));
        syncs++;
      } else {
        // both at the same moment: the server serialises them
        await Promise.all([sync(a, 'rand', (t += 1000)), sync(b, 'rand', (t += 1000))]);
        syncs += 2;
        together++;
      }
    }
    expect(syncs).toBeGreaterThan(20);
    expect(together).toBeGreaterThan(5);
    // the end of the day: sync, the desk takes the server's value for what is left, until quiet
    for (let round = 0; round < 10; round++) {
      await sync(a, 'rand', (t += 1000));
      await sync(b, 'rand', (t += 1000));
      let left = 0;
      for (const db of [a, b]) {
        for (const c of pendingConflicts(db)) {
          seen(c);
          db.transaction(() => resolveConflict(db, c.case, c.field, 'theirs', '值班长', (t += 1000)))();
          left++;
        }
      }
      if (left === 0) break;
    }
    const last = await sync(a, 'rand', (t += 1000));
    expect(last).toMatchObject({ pushed: 0, pulled: 0, pending: 0 });
    expect(await sync(b, 'rand', (t += 1000))).toMatchObject({ pushed: 0, pulled: 0, pending: 0 });
    expect(listed.size).toBeGreaterThan(0);
    // identical everywhere
    expect(local(a)).toEqual(local(b));
    expect(await server('rand')).toEqual(local(a));
    // nothing lost: each edit is the value now, or was replaced where it was made (after that
    // workstation saw it), or a person saw it in a conflict
    const final = local(a);
    const byId = new Map(Object.values(final).map((r) => [r.case_id as string, r]));
    const lost = made.filter(
      (e) =>
        byId.get(e.id)?.[e.field] !== e.value &&
        !superseded.has(key(e.id, e.field, e.value)) &&
        !listed.has(key(e.id, e.field, e.value)),
    );
    expect(lost).toEqual([]);
    expect(made.length).toBeGreaterThan(120);
  }, 180_000);
});
