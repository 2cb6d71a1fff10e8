/**
 * `cim pg publish` on the demo city against a real PostGIS: GDAL's PostgreSQL driver (what
 * QGIS uses) reads the table back with the same count and every vertex within 1 cm, with
 * its SRID and a GiST index; a connection killed mid-publish leaves the server as it was.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { connectPg, parsePgUrl, type PgSession } from '../../../main/pg/connection.js';
import { publishLayer } from '../../../main/pg/publish.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../../main/store/feature-table.js';
import { forEachPosition, type Geometry } from '../../../main/store/gpkg-geometry.js';
import { DEFAULT_SEED, seedWorkspace } from '../../../seeds/seed-workspace.js';
import { ROOT, tempDir } from '../helpers.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
let db: Db;
let workspace: string;
const env = (): NodeJS.ProcessEnv => ({ PGPASSFILE: '/nonexistent', PGPASSWORD: cluster.password });
const session = async (): Promise<PgSession> => connectPg(parsePgUrl(cluster.url('city')), env());

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.createDatabase('city');
  workspace = path.join(tempDir('cim-pgdemo-'), 'demo.gpkg');
  await seedWorkspace(workspace, { seed: DEFAULT_SEED, scale: 'small' });
  db = openWorkspaceDb(workspace, { readonly: true });
}, 120_000);

afterAll(() => {
  db.close();
  cluster.stop();
  fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
});

/** Metres between two lon/lat points (equirectangular: exact enough at the 1 cm scale). */
function metres(a: [number, number], b: [number, number]): number {
  const k = 111_320;
  const dx = (a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, (a[1] - b[1]) * k);
}

function vertices(g: Geometry | null): [number, number][] {
  const out: [number, number][] = [];
  if (g) forEachPosition(g, (p) => out.push([p[0], p[1]]));
  return out;
}

interface OgrFeature {
  id: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

function ogrFeatures(table: string): OgrFeature[] {
  const text = execFileSync(
    'ogr2ogr',
    ['-f', 'GeoJSON', '-preserve_fid', '/vsistdout/', cluster.gdal('city'), table, '-lco', 'COORDINATE_PRECISION=12'],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  return (JSON.parse(text) as { features: OgrFeature[] }).features;
}

describe('publish the demo city to PostGIS', () => {
  for (const layer of ['parcels', 'buildings_2024', 'cases', 'pipe_segments']) {
    it(`${layer}: counts, attributes and every vertex within 1 cm through ogr2ogr PG:`, async () => {
      const s = await session();
      const out = await publishLayer(db, s, layer).finally(() => s.close());
      const info = describeFeatureTable(db, layer);
      const local = [...iterateFeatures(db, info)];
      expect(local.length).toBeGreaterThan(50);
      expect(out).toMatchObject({ layer, schema: 'public', table: layer, srid: info.srsId, count: local.length });

      // GDAL's PostgreSQL driver: the table, its SRID and its geometry type as QGIS sees them
      const summary = execFileSync('ogrinfo', ['-ro', '-so', cluster.gdal('city'), layer], { encoding: 'utf8' });
      expect(summary).toContain(`Feature Count: ${String(local.length)}`);
      expect(summary).toMatch(new RegExp(`ID\\["EPSG",${String(info.srsId)}\\]`));

      const remote = new Map(ogrFeatures(layer).map((f) => [f.id, f]));
      expect(remote.size).toBe(local.length);
      let worst = 0;
      for (const f of local) {
        const r = remote.get(f.fid);
        expect(r, `feature ${String(f.fid)}`).toBeDefined();
        const a = vertices(f.geometry);
        const b = vertices(r?.geometry ?? null);
        expect(b.length).toBe(a.length);
        a.forEach((p, i) => (worst = Math.max(worst, metres(p, b[i] ?? [NaN, NaN]))));
        for (const field of info.fields) {
          const v = f.properties[field.name];
          const w = r?.properties[field.name];
          if (typeof v === 'number' && field.type === 'REAL') expect(w).toBeCloseTo(v, 6);
          else expect(w ?? null).toEqual(v ?? null);
        }
      }
      expect(worst).toBeLessThan(0.01);

      const idx = await cluster.query<{ indexdef: string }>(
        'city',
        'SELECT indexdef FROM pg_indexes WHERE tablename = $1',
        [layer],
      );
      expect(idx.map((r) => r.indexdef).join('\n')).toMatch(/USING gist/);
    }, 120_000);
  }

  it('refuses to overwrite a table unless --replace, and leaves it as it was', async () => {
    const s = await session();
    try {
      await expect(publishLayer(db, s, 'parcels')).rejects.toMatchObject({ code: 'pg.table_exists' });
      const out = await publishLayer(db, s, 'parcels', { table: 'parcels_copy', schema: 'archive' });
      expect(out).toMatchObject({ schema: 'archive', table: 'parcels_copy', replaced: false });
      const again = await publishLayer(db, s, 'parcels', { table: 'parcels_copy', schema: 'archive', replace: true });
      expect(again.replaced).toBe(true);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('a connection killed mid-publish leaves the server as it was (new table and replaced table)', async () => {
    const before = await cluster.query<{ n: string }>('city', 'SELECT count(*) AS n FROM public.parcels');
    for (const attempt of [{ table: 'parcels_lost' }, { table: 'parcels', replace: true }]) {
      const s = await session();
      const pid = (await s.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      let batches = 0;
      const err = await publishLayer(db, s, 'parcels', {
        ...attempt,
        progress: async () => {
          batches++;
          // the server ends this session, as a restart or a dropped network would
          if (batches === 1) await cluster.query('city', 'SELECT pg_terminate_backend($1)', [pid]);
        },
      }).then(
        () => null,
        (e: unknown) => e,
      );
      await s.close();
      expect(err).toBeInstanceOf(CimError);
      expect((err as CimError).code).toBe('pg.connection_lost');
      expect(batches).toBe(1);
    }
    const lost = await cluster.query<{ t: string | null }>(
      'city',
      "SELECT to_regclass('public.parcels_lost')::text AS t",
    );
    expect(lost[0]?.t).toBeNull();
    const after = await cluster.query<{ n: string }>('city', 'SELECT count(*) AS n FROM public.parcels');
    expect(after).toEqual(before);
  }, 60_000);

  it('cim pg publish --json: the summary, and a wrong password as a pg.login_failed error object', () => {
    const cim = path.join(ROOT, 'bin/cim.mjs');
    const ok = spawnSync(
      'node',
      [
        cim,
        'pg',
        'publish',
        'parcels',
        '--workspace',
        workspace,
        '--pg',
        cluster.url('city'),
        '--table',
        'parcels_cli',
        '--json',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: cluster.password, PGPASSFILE: '/nonexistent' },
      },
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      table: 'parcels_cli',
      profile: { user: 'postgres', database: 'city' },
    });
    const bad = spawnSync(
      'node',
      [
        cim,
        'pg',
        'publish',
        'parcels',
        '--workspace',
        workspace,
        '--pg',
        cluster.url('city'),
        '--table',
        'parcels_bad',
        '--json',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: 'wrong', PGPASSFILE: '/nonexistent', CIM_LANG: 'en' },
      },
    );
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'pg.login_failed', kind: 'auth' } });
    expect(bad.stderr).toContain('refused the login of postgres');
  }, 120_000);
});
