/**
 * The PostGIS calls over the API against a real throwaway server: `pg.test` tells apart a
 * server that cannot be reached, a wrong password and a database without PostGIS;
 * `cases.sync` pushes the desk's cases and `cases.syncState` shows the last sync and what
 * waits; the password typed for the call is nowhere in the workspace file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import { createBackend } from '../../../main/api/create-backend.js';
import type { CaseSyncState, CaseSyncSummary, PgProfile } from '../../../common/contract/index.js';
import { tempDir } from '../helpers.js';
import { FIVE, writeV4Workspace } from '../cases/fixture.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
let backend: Backend;
let file: string;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.createDatabase('bureau');
  await cluster.createDatabase('plain', { postgis: false });
  file = path.join(tempDir('cim-pg-api-'), 'w.gpkg');
  writeV4Workspace(file, FIVE);
  backend = await createBackend({
    workspacePath: file,
    host: 'browser',
    tempDir: tempDir(),
    logError: () => undefined,
  });
}, 120_000);

afterAll(() => {
  backend.close();
  cluster.stop();
});

const profile = (over: Partial<PgProfile> = {}): PgProfile => ({
  name: 'bureau',
  host: '127.0.0.1',
  port: cluster.port,
  database: 'bureau',
  user: 'postgres',
  schema: 'desk',
  tls: 'disable',
  ...over,
});

async function reply(method: string, input: unknown) {
  return backend.dispatch(method, input);
}

describe('PostGIS over the API', () => {
  it('pg.test: the versions, or which fault it is', async () => {
    const ok = await reply('pg.test', { profile: profile(), password: cluster.password });
    expect(ok).toMatchObject({
      ok: true,
      result: { postgis: expect.stringMatching(/^3\.3/), server: expect.stringMatching(/^15\./) },
    });
    const codes = await Promise.all(
      [
        { profile: profile(), password: 'wrong' },
        { profile: profile({ database: 'plain' }), password: cluster.password },
        { profile: profile({ port: 1 }), password: cluster.password },
        { profile: profile({ database: 'nowhere' }), password: cluster.password },
      ].map(async (i) => {
        const r = await reply('pg.test', i);
        return r.ok ? 'ok' : r.error.code;
      }),
    );
    expect(codes).toEqual(['pg.login_failed', 'pg.no_postgis', 'pg.unreachable', 'pg.database_not_found']);
    expect(await reply('pg.test', { profile: { ...profile(), port: 0 } })).toMatchObject({ ok: false });
  }, 60_000);

  it('cases.sync and cases.syncState; the password never reaches the workspace', async () => {
    const before = await reply('cases.syncState', {});
    expect(before).toMatchObject({
      ok: true,
      result: { target: null, lastSyncAt: null, unsynced: 5, pendingConflicts: 0 },
    });
    const bad = await reply('cases.sync', { profile: profile(), password: 'wrong' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'pg.login_failed' } });
    const r = await reply('cases.sync', { profile: profile(), password: cluster.password });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const s = r.result as CaseSyncSummary;
    expect(s).toMatchObject({ pushed: 5, pulled: 0, pending: 0 });
    const after = await reply('cases.syncState', {});
    expect(after.ok && (after.result as CaseSyncState)).toEqual({
      target: `postgresql://postgres@127.0.0.1:${String(cluster.port)}/bureau?schema=desk&sslmode=disable`,
      lastSyncAt: s.syncedAt,
      unsynced: 0,
      pendingConflicts: 0,
    });
    const rows = await cluster.query('bureau', 'SELECT count(*)::int AS n FROM desk.cim_cases');
    expect(rows).toEqual([{ n: 5 }]);
    backend.close();
    expect(fs.readFileSync(file).includes(Buffer.from(cluster.password))).toBe(false);
    for (const f of fs.readdirSync(path.dirname(file))) {
      expect(fs.readFileSync(path.join(path.dirname(file), f)).includes(Buffer.from(cluster.password))).toBe(false);
    }
  }, 60_000);
});
