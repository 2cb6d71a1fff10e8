/**
 * `cim pg open`: a PostGIS table becomes a layer of a second workspace, and its features
 * stream by view (ST_Intersects on the index) as the same GeoJSON the globe reads: the
 * features in a box are exactly those turf finds intersecting it in the source workspace,
 * with every vertex within 1 cm. The workspace never holds the password.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { bboxPolygon, booleanIntersects } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BBoxLonLat } from '../../../common/contract/shared.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { startHost } from '../../../main/host/server.js';
import { connectPg, parsePgUrl, type PgSession } from '../../../main/pg/connection.js';
import { pgFeatureStream } from '../../../main/pg/feature-stream.js';
import { openPgLayer, pgLayerSource } from '../../../main/pg/open.js';
import { publishLayer } from '../../../main/pg/publish.js';
import { listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures, type StoredFeature } from '../../../main/store/feature-table.js';
import { forEachPosition, type Geometry } from '../../../main/store/gpkg-geometry.js';
import { DEFAULT_SEED, seedWorkspace } from '../../../seeds/seed-workspace.js';
import { ROOT, tempDir } from '../helpers.js';
import { startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;
let dir: string;
let source: Db;
let second: Db;
let local: StoredFeature[];
const env = (): NodeJS.ProcessEnv => ({ PGPASSFILE: '/nonexistent', PGPASSWORD: cluster.password });
const session = async (): Promise<PgSession> => connectPg(parsePgUrl(cluster.url('city')), env());

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.createDatabase('city');
  dir = tempDir('cim-pgopen-');
  await seedWorkspace(path.join(dir, 'a.gpkg'), { seed: DEFAULT_SEED, scale: 'small' });
  source = openWorkspaceDb(path.join(dir, 'a.gpkg'), { readonly: true });
  local = [...iterateFeatures(source, describeFeatureTable(source, 'parcels'))];
  const s = await session();
  await publishLayer(source, s, 'parcels').finally(() => s.close());
  // the same parcels in a projected CRS (CGCS2000 3-degree GK zone 38), as a bureau may keep them
  await cluster.query(
    'city',
    'CREATE TABLE parcels_gk AS SELECT fid, dkbm, ST_Transform(geom, 4526)::geometry(Polygon, 4526) AS geom FROM parcels',
  );
  await cluster.query('city', 'ALTER TABLE parcels_gk ADD PRIMARY KEY (fid)');
  await cluster.query('city', 'CREATE TABLE owners (id integer PRIMARY KEY, name text)');
  second = openWorkspaceDb(path.join(dir, 'b.gpkg'), { create: true });
}, 180_000);

afterAll(() => {
  source.close();
  second.close();
  cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function collect(
  stream: Readable | null,
): Promise<{ id: number; geometry: Geometry; properties: Record<string, unknown> }[]> {
  expect(stream).not.toBeNull();
  let text = '';
  for await (const chunk of stream as Readable) text += String(chunk);
  return (JSON.parse(text) as { features: { id: number; geometry: Geometry; properties: Record<string, unknown> }[] })
    .features;
}

function maxDistanceM(a: Geometry | null, b: Geometry | null): number {
  const pa: number[][] = [];
  const pb: number[][] = [];
  if (a) forEachPosition(a, (p) => pa.push(p));
  if (b) forEachPosition(b, (p) => pb.push(p));
  expect(pb.length).toBe(pa.length);
  let worst = 0;
  pa.forEach((p, i) => {
    const q = pb[i] ?? [NaN, NaN];
    const dx = ((p[0] ?? 0) - (q[0] ?? 0)) * 111_320 * Math.cos(((p[1] ?? 0) * Math.PI) / 180);
    worst = Math.max(worst, Math.hypot(dx, ((p[1] ?? 0) - (q[1] ?? 0)) * 111_320));
  });
  return worst;
}

describe('open a PostGIS table in a second workspace', () => {
  let bbox: BBoxLonLat;

  it('adds a vector layer with the server count and extent, and no password', async () => {
    const s = await session();
    const out = await openPgLayer(second, s, 'parcels').finally(() => s.close());
    expect(out.count).toBe(local.length);
    expect(out.source).toMatchObject({ schema: 'public', table: 'parcels', geometryColumn: 'geom', primaryKey: 'fid' });
    const entry = listLayers(second).find((l) => l.name === 'parcels');
    expect(entry).toMatchObject({ kind: 'vector', geometryType: 'POLYGON' });
    expect(entry?.fields.map((f) => f.name)).toEqual(describeFeatureTable(source, 'parcels').fields.map((f) => f.name));
    expect(pgLayerSource(second, 'parcels')?.profile.port).toBe(cluster.port);
    expect(entry?.sourceFile).toBe(
      `postgresql://postgres@127.0.0.1:${String(cluster.port)}/city?schema=public&sslmode=disable#public.parcels`,
    );
    if (!out.bbox) throw new Error('no extent');
    const [x0, y0, x1, y1] = out.bbox;
    bbox = [x0, y0, (x0 + x1) / 2, (y0 + y1) / 2];
    second.pragma('wal_checkpoint(TRUNCATE)');
    // another process reads the file: closing an fd here would drop this process's SQLite locks
    const grep = spawnSync('grep', ['-c', '-a', '-F', cluster.password, path.join(dir, 'b.gpkg')], {
      encoding: 'utf8',
    });
    expect(grep.stdout.trim()).toBe('0');
  });

  it('streams by view: exactly the features intersecting the box, vertices within 1 cm', async () => {
    const got = await collect(await pgFeatureStream(second, 'parcels', bbox, env()));
    const box = bboxPolygon(bbox);
    const want = local.filter((f) => f.geometry && booleanIntersects(box, f.geometry));
    expect(want.length).toBeGreaterThan(5);
    expect(want.length).toBeLessThan(local.length);
    expect(got.map((f) => f.id).sort((a, b) => a - b)).toEqual(want.map((f) => f.fid).sort((a, b) => a - b));
    const byId = new Map(local.map((f) => [f.fid, f]));
    for (const f of got) {
      const l = byId.get(f.id);
      expect(maxDistanceM(l?.geometry ?? null, f.geometry)).toBeLessThan(0.01);
      expect(f.properties).toEqual(l?.properties);
    }
    // no box: the whole table
    expect((await collect(await pgFeatureStream(second, 'parcels', null, env()))).length).toBe(local.length);
    // a GeoPackage layer is not the server's
    expect(await pgFeatureStream(source, 'parcels', bbox, env())).toBeNull();
  });

  it('the browser host serves the box through the features route the globe reads', async () => {
    const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CIM</title>');
    const backend = await createBackend({
      workspacePath: path.join(dir, 'b.gpkg'),
      host: 'browser',
      tempDir: dir,
      logError: () => undefined,
    });
    const host = await startHost({ backend, rendererDir, port: 0 });
    try {
      Object.assign(process.env, env());
      const url = `http://127.0.0.1:${String(host.port)}/features/parcels.geojson?token=${host.token}&bbox=${bbox.join(',')}`;
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { features: { id: number }[] };
      const box = bboxPolygon(bbox);
      const want = local.filter((f) => f.geometry && booleanIntersects(box, f.geometry)).map((f) => f.fid);
      expect(body.features.map((f) => f.id).sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
      // the host's own environment has no password for the server: the reply says so
      delete process.env.PGPASSWORD;
      const denied = await fetch(url);
      expect(denied.ok).toBe(false);
      expect(JSON.stringify(await denied.json())).toContain('pg.no_password');
    } finally {
      await host.close();
      backend.close();
      delete process.env.PGPASSWORD;
      delete process.env.PGPASSFILE;
      if (saved.PGPASSWORD !== undefined) process.env.PGPASSWORD = saved.PGPASSWORD;
      if (saved.PGPASSFILE !== undefined) process.env.PGPASSFILE = saved.PGPASSFILE;
    }
  });

  it('a table in a projected CRS streams as lon/lat, the box transformed to its SRID', async () => {
    const s = await session();
    await openPgLayer(second, s, 'parcels_gk').finally(() => s.close());
    const got = await collect(await pgFeatureStream(second, 'parcels_gk', bbox, env()));
    const box = bboxPolygon(bbox);
    const want = local.filter((f) => f.geometry && booleanIntersects(box, f.geometry)).map((f) => f.fid);
    // a box's edges are straight in lon/lat but curved once projected: allow the parcels on its border
    const ids = new Set(got.map((f) => f.id));
    expect(want.filter((id) => !ids.has(id))).toEqual([]);
    expect(got.length - want.length).toBeLessThanOrEqual(2);
    const byId = new Map(local.map((f) => [f.fid, f]));
    for (const f of got) expect(maxDistanceM(byId.get(f.id)?.geometry ?? null, f.geometry)).toBeLessThan(0.01);
  });

  it('refuses a table without geometry, a missing table and a taken name, changing nothing', async () => {
    const before = listLayers(second).length;
    const s = await session();
    try {
      await expect(openPgLayer(second, s, 'owners')).rejects.toMatchObject({ code: 'pg.no_geometry' });
      await expect(openPgLayer(second, s, 'nothing_here')).rejects.toMatchObject({ code: 'pg.table_not_found' });
      await expect(openPgLayer(second, s, 'parcels')).rejects.toMatchObject({ code: 'pg.layer_exists' });
    } finally {
      await s.close();
    }
    expect(listLayers(second).length).toBe(before);
  });

  it('cim pg open --json, and cim layers lists the layer; a server that is away is named', () => {
    const cim = path.join(ROOT, 'bin/cim.mjs');
    const ws = path.join(dir, 'c.gpkg');
    openWorkspaceDb(ws, { create: true }).close();
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
      spawnSync('node', [cim, ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...env(), CIM_LANG: 'en', ...extra },
      });
    const ok = run([
      'pg',
      'open',
      'parcels',
      '--workspace',
      ws,
      '--pg',
      cluster.url('city'),
      '--name',
      'city_parcels',
      '--json',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ layer: 'city_parcels', count: local.length });
    const layers = run(['layers', '--workspace', ws, '--json']);
    expect(JSON.parse(layers.stdout)).toMatchObject({ layers: [{ name: 'city_parcels', kind: 'vector' }] });
    const away = run([
      'pg',
      'open',
      'parcels',
      '--workspace',
      ws,
      '--pg',
      'postgresql://postgres@127.0.0.1:1/city',
      '--json',
    ]);
    expect(away.status).toBe(1);
    expect(JSON.parse(away.stdout)).toMatchObject({ error: { code: 'pg.unreachable' } });
    const bare = run(['pg', 'open', 'owners', '--workspace', ws, '--pg', cluster.url('city')]);
    expect(bare.stderr).toContain('has no geometry column');
  }, 120_000);
});
