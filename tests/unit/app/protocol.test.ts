import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import { CimError } from '../../../common/errors.js';
import { CONTENT_SECURITY_POLICY, createCimHandler } from '../../../main/app/protocol.js';
import { safeRelativePath } from '../../../main/api/safe-path.js';

let dir: string;
let rendererDir: string;
let tilesDir: string;
let calls: string[];

type FakeBackend = Pick<Backend, 'resolveTile' | 'featureStream' | 'exportToTemp'>;

function fakeBackend(): FakeBackend {
  return {
    resolveTile(urlPath) {
      calls.push(`tile ${urlPath}`);
      // Like the real one: decodes once, then checks.
      const relative = safeRelativePath(urlPath);
      return relative === null ? null : path.join(tilesDir, relative);
    },
    featureStream(layer) {
      calls.push(`features ${layer}`);
      if (layer !== '道路') {
        return Promise.resolve({ ok: false, error: new CimError('store.layer_not_found', { layer }).toJSON() });
      }
      const chunks = ['{"type":"FeatureCollection","features":[', ']}'];
      return Promise.resolve({ ok: true, result: Readable.from(chunks) });
    },
    async exportToTemp(layer, format) {
      calls.push(`export ${layer} ${format}`);
      const file = path.join(dir, `export-${layer}.${format}`);
      await writeFile(file, 'exported');
      return { ok: true, result: { path: file, fileName: `${layer}.${format}` } };
    },
  };
}

function get(url: string, method = 'GET'): Promise<Response> {
  return createCimHandler({ backend: fakeBackend(), rendererDir })(new Request(url, { method }));
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cim-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  tilesDir = path.join(dir, 'tiles');
  calls = [];
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await mkdir(path.join(tilesDir, 'buildings'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>CIM</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(rendererDir, 'assets', 'geos.wasm'), new Uint8Array([0, 97, 115, 109]));
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  await writeFile(path.join(tilesDir, 'buildings', 'tileset.json'), '{"asset":{"version":"1.1"}}');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cim://app assets', () => {
  it('serves index.html with the CSP and no-cache', async () => {
    const response = await get('cim://app/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>CIM</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves / as index.html', async () => {
    expect((await get('cim://app/')).status).toBe(200);
  });

  it('types scripts and wasm by extension', async () => {
    expect((await get('cim://app/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('cim://app/assets/geos.wasm')).headers.get('content-type')).toBe('application/wasm');
  });

  it.each([
    'cim://app/assets/..%2f..%2fsecret.txt',
    'cim://app/%2e%2e/secret.txt',
    'cim://app/..%5Csecret.txt',
    'cim://app/assets/missing.js',
    'cim://app/assets',
    'cim://other/index.html',
  ])('answers 404 with the CSP for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('TOP-SECRET');
  });

  it('refuses writes', async () => {
    expect((await get('cim://app/index.html', 'POST')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('cim://app/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('33');
    expect(await response.text()).toBe('');
  });
});

describe('cim://app/tiles', () => {
  it('serves what resolveTile names; a tileset root is revalidated every time (a rebuild shows)', async () => {
    const response = await get('cim://app/tiles/buildings/tileset.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ asset: { version: '1.1' } });
    expect(calls).toEqual(['tile buildings/tileset.json']);
  });

  it('hands resolveTile the path undecoded, so it is decoded exactly once', async () => {
    await mkdir(path.join(tilesDir, '建筑'), { recursive: true });
    await writeFile(path.join(tilesDir, '建筑', '%41.json'), '{}');
    const url = `cim://app/tiles/${encodeURIComponent('建筑')}/%2541.json`;
    expect((await get(url)).status).toBe(200);
    expect(calls).toEqual([`tile ${encodeURIComponent('建筑')}/%2541.json`]);
  });

  it('caches tiles for a day with a strong ETag, and answers 304 to If-None-Match', async () => {
    await mkdir(path.join(tilesDir, 'buildings', 'tiles'), { recursive: true });
    await writeFile(path.join(tilesDir, 'buildings', 'tiles', '0.glb'), 'glTF-bytes');
    const first = await get('cim://app/tiles/buildings/tiles/0.glb');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('model/gltf-binary');
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"a-[0-9a-f]+"$/);
    const handler = createCimHandler({ backend: fakeBackend(), rendererDir });
    const again = await handler(
      new Request('cim://app/tiles/buildings/tiles/0.glb', { headers: { 'If-None-Match': etag } }),
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await handler(
      new Request('cim://app/tiles/buildings/tiles/0.glb', { headers: { 'If-None-Match': '"0-0"' } }),
    );
    expect(other.status).toBe(200);
  });

  it('answers 404 when resolveTile returns null or the file is missing', async () => {
    expect((await get('cim://app/tiles/buildings/0/0/0.glb')).status).toBe(404);
  });

  it('never asks the back end about a traversal', async () => {
    expect((await get('cim://app/tiles/..%2F..%2Fsecret.txt')).status).toBe(404);
    expect((await get('cim://app/tiles/%00')).status).toBe(404);
    expect(calls).toEqual([]);
  });
});

describe('cim://app/features', () => {
  it('streams the layer, decoding the name once', async () => {
    const response = await get(`cim://app/features/${encodeURIComponent('道路')}.geojson?rev=3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(await response.json()).toEqual({ type: 'FeatureCollection', features: [] });
    expect(calls).toEqual(['features 道路']);
  });

  it('passes the back end error on with its status', async () => {
    const response = await get('cim://app/features/nope.geojson');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'store.layer_not_found' } });
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['cim://app/features/roads.json', 'cim://app/features/a/b.geojson', 'cim://app/features/.geojson'])(
    'answers 404 for %s',
    async (url) => {
      expect((await get(url)).status).toBe(404);
      expect(calls).toEqual([]);
    },
  );
});

describe('cim://app/export', () => {
  it('downloads the export and removes the temp file afterwards', async () => {
    const response = await get(`cim://app/export/${encodeURIComponent('道路')}.gpkg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('道路.gpkg')}`,
    );
    expect(response.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(await response.text()).toBe('exported');
    expect(calls).toEqual(['export 道路 gpkg']);
    await expect.poll(() => existsSync(path.join(dir, 'export-道路.gpkg'))).toBe(false);
  });

  it('refuses other formats', async () => {
    expect((await get('cim://app/export/roads.shp')).status).toBe(404);
    expect(calls).toEqual([]);
  });
});
