/**
 * A shapefile dropped in a plain browser: its parts are uploaded one by one into the same
 * upload folder (`POST /upload?into=<id>`), then previewed and downloaded back as a zip in
 * the Gauss-Krüger zone it came in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { startHost, type RunningHost } from '../../../main/host/server.js';
import { SHARED, tempDir } from '../helpers.js';

let backend: Backend;
let host: RunningHost;
let base: string;

beforeAll(async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'renderer'));
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html>');
  backend = await createBackend({
    workspacePath: path.join(dir, 'w.gpkg'),
    host: 'browser',
    tempDir: dir,
    logError: () => undefined,
  });
  host = await startHost({ backend, rendererDir: path.join(dir, 'renderer'), port: 0 });
  base = `http://127.0.0.1:${String(host.port)}`;
});

afterAll(async () => {
  await host.close();
  backend.close();
});

interface Body<T> {
  ok: boolean;
  result: T;
  error?: { code: string };
}

const reply = async (res: Response): Promise<Body<unknown>> => (await res.json()) as Body<unknown>;

function upload(name: string, bytes: Buffer, into?: string): Promise<Response> {
  const q = new URLSearchParams({ token: host.token, name, ...(into ? { into } : {}) });
  return fetch(`${base}/upload?${q.toString()}`, { method: 'POST', body: bytes });
}

describe('multi-file uploads', () => {
  const stem = 'parcels_cgcs2000_gk38_gbk';
  it('puts a shapefile’s parts in one upload and previews it with its CRS and encoding', async () => {
    const first = <Body<{ kind: 'upload'; id: string; fileName: string }>>(
      await reply(await upload(`${stem}.shp`, fs.readFileSync(path.join(SHARED, `crs-china/${stem}.shp`))))
    );
    expect(first.ok).toBe(true);
    for (const ext of ['.shx', '.dbf', '.prj', '.cpg']) {
      const r = <Body<{ id: string }>>(
        await reply(
          await upload(`${stem}${ext}`, fs.readFileSync(path.join(SHARED, `crs-china/${stem}${ext}`)), first.result.id),
        )
      );
      expect(r.result.id).toBe(first.result.id);
    }
    const res = await fetch(`${base}/api/import.preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cim-token': host.token },
      body: JSON.stringify({ source: first.result }),
    });
    const preview = <Body<{ format: string; layers: { crs: string; encoding: string; featureCount: number }[] }>>(
      await reply(res)
    );
    expect(preview.result).toMatchObject({ format: 'shapefile' });
    expect(preview.result.layers[0]).toMatchObject({ crs: 'EPSG:4526', encoding: 'GBK', featureCount: 120 });
  });

  it('refuses an upload into a folder that does not exist', async () => {
    const r = await reply(await upload('x.dbf', Buffer.from('x'), 'f'.repeat(32)));
    expect(r.error?.code).toBe('import.upload_not_found');
  });

  it('downloads a shapefile export as a zip in the CRS asked for', async () => {
    const up = <Body<{ kind: 'upload'; id: string; fileName: string }>>(
      await reply(
        await upload('parcels.geojson', fs.readFileSync(path.join(SHARED, 'crs-china/parcels_wgs84.geojson'))),
      )
    );
    const start = await fetch(`${base}/api/import.start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cim-token': host.token },
      body: JSON.stringify({ source: up.result }),
    });
    expect((await reply(start)).ok).toBe(true);
    // The job runs in a worker: wait until the layer is there.
    for (let i = 0; i < 100; i++) {
      const list = await fetch(`${base}/api/layers.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cim-token': host.token },
        body: '{}',
      });
      if ((<Body<{ name: string }[]>>await reply(list)).result.some((l) => l.name === 'parcels')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetch(`${base}/export/parcels.zip?token=${host.token}&crs=EPSG:4526&encoding=GBK`);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'parcels.cpg',
      'parcels.dbf',
      'parcels.prj',
      'parcels.shp',
      'parcels.shx',
    ]);
    expect(Buffer.from(files['parcels.cpg'] ?? []).toString()).toBe('GBK');
    expect(Buffer.from(files['parcels.prj'] ?? []).toString()).toContain('CGCS2000_3_Degree_GK_Zone_38');
  });
});
