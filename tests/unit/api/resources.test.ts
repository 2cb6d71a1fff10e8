/**
 * One resource router, two transports: every route is fetched over the browser host's
 * HTTP and over Electron's cim:// handler, and both must answer the same status, headers
 * and bytes. Also: an over-limit API body is answered 413 and the next request on the same
 * keep-alive connection still works.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import type { Backend } from '../../../main/api/backend.js';
import { safeRelativePath } from '../../../main/api/safe-path.js';
import { createCimHandler } from '../../../main/app/protocol.js';
import { startHost, type RunningHost } from '../../../main/host/server.js';
import { tempDir } from '../helpers.js';

let dir: string;
let host: RunningHost;
let cim: (request: Request) => Promise<Response>;

function fakeBackend(): Backend {
  return {
    dispatch: () => Promise.resolve({ ok: true, result: [] }),
    onJobEvent: () => () => undefined,
    resolveTile: (urlPath) => {
      const relative = safeRelativePath(urlPath);
      return relative === null ? null : path.join(dir, 'tiles', relative);
    },
    featureStream: (layer) =>
      Promise.resolve(
        layer === '道路'
          ? { ok: true, result: Readable.from(['{"type":"FeatureCollection","features":[', ']}']) }
          : { ok: false, error: new CimError('store.layer_not_found', { layer }).toJSON() },
      ),
    exportToTemp: (layer, format, options) => {
      if (layer !== '道路')
        return Promise.resolve({ ok: false, error: new CimError('store.layer_not_found', { layer }).toJSON() });
      const ext = format === 'shapefile' ? 'zip' : format;
      const file = path.join(fs.mkdtempSync(path.join(dir, 'export-')), `${layer}.${ext}`);
      fs.writeFileSync(file, `${format} ${options?.crs ?? ''} ${options?.lang ?? ''}`);
      return Promise.resolve({ ok: true, result: { path: file, fileName: `${layer}.${ext}` } });
    },
    saveUpload: () => Promise.reject(new Error('not used')),
    close: () => undefined,
  };
}

beforeAll(async () => {
  dir = tempDir();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CIM</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'geos.wasm'), new Uint8Array([0, 97, 115, 109]));
  fs.mkdirSync(path.join(dir, 'tiles', 'imagery', '0', '0'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tiles', 'imagery', 'layer.json'), '{"format":"cim-imagery-1"}');
  fs.writeFileSync(path.join(dir, 'tiles', 'imagery', '0', '0', '0.png'), new Uint8Array([137, 80, 78, 71]));
  const backend = fakeBackend();
  host = await startHost({ backend, rendererDir, port: 0, token: 't'.repeat(48) });
  cim = createCimHandler({ backend, rendererDir });
});

afterAll(() => host.close());

interface Seen {
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

const HEADERS = [
  'content-type',
  'cache-control',
  'etag',
  'content-disposition',
  'content-security-policy',
  'x-content-type-options',
];

async function seen(response: Response): Promise<Seen> {
  const headers = Object.fromEntries(HEADERS.map((h) => [h, response.headers.get(h)]));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()).toString('latin1') };
}

async function both(route: string, init: { ifNoneMatch?: string } = {}): Promise<[Seen, Seen]> {
  const sep = route.includes('?') ? '&' : '?';
  const headers: Record<string, string> = init.ifNoneMatch ? { 'if-none-match': init.ifNoneMatch } : {};
  const overHttp = await fetch(`http://127.0.0.1:${String(host.port)}/${route}${sep}token=${host.token}`, { headers });
  const overCim = await cim(new Request(`cim://app/${route}`, { headers }));
  return [await seen(overHttp), await seen(overCim)];
}

const ROUTES: [string, number, string | null][] = [
  ['', 200, 'text/html; charset=utf-8'],
  ['index.html', 200, 'text/html; charset=utf-8'],
  ['assets/app.js', 200, 'text/javascript; charset=utf-8'],
  ['assets/geos.wasm', 200, 'application/wasm'],
  ['assets/missing.js', 404, 'application/json; charset=utf-8'],
  ['tiles/imagery/layer.json', 200, 'application/json; charset=utf-8'],
  ['tiles/imagery/0/0/0.png', 200, 'image/png'],
  ['tiles/imagery/9/9/9.png', 404, 'application/json; charset=utf-8'],
  ['tiles/..%2fsecret.txt', 404, 'application/json; charset=utf-8'],
  [`features/${encodeURIComponent('道路')}.geojson`, 200, 'application/geo+json; charset=utf-8'],
  ['features/missing.geojson', 404, 'application/json; charset=utf-8'],
  ['features/roads.json', 404, 'application/json; charset=utf-8'],
  [`export/${encodeURIComponent('道路')}.geojson`, 200, 'application/geo+json; charset=utf-8'],
  [`export/${encodeURIComponent('道路')}.gpkg?crs=EPSG:4526`, 200, 'application/geopackage+sqlite3'],
  [`export/${encodeURIComponent('道路')}.zip`, 200, 'application/zip'],
  [`export/${encodeURIComponent('道路')}.kml`, 200, 'application/vnd.google-earth.kml+xml; charset=utf-8'],
  [`export/${encodeURIComponent('道路')}.csv`, 200, 'text/csv; charset=utf-8'],
  [`export/${encodeURIComponent('道路')}.pdf?lang=en`, 200, 'application/pdf'],
  ['export/roads.shp', 404, 'application/json; charset=utf-8'],
  ['export/missing.csv', 404, 'application/json; charset=utf-8'],
];

describe('cim:// and HTTP serve the same resources', () => {
  it.each(ROUTES)('/%s: %i %s on both', async (route, status, type) => {
    const [overHttp, overCim] = await both(route);
    expect(overHttp).toEqual(overCim);
    expect(overHttp.status).toBe(status);
    expect(overHttp.headers['content-type']).toBe(type);
    expect(overHttp.headers['content-security-policy']).toMatch(/^default-src 'self'/);
    expect(overHttp.headers['x-content-type-options']).toBe('nosniff');
  });

  it('downloads carry their file name and options, and go once read', async () => {
    const [overHttp] = await both(`export/${encodeURIComponent('道路')}.pdf?lang=en`);
    expect(overHttp.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('道路')}.pdf`,
    );
    expect(overHttp.body).toBe('pdf  en');
    expect(overHttp.headers['cache-control']).toBe('no-store');
  });

  it('answers 304 to a tile the browser holds, on both', async () => {
    const [first] = await both('tiles/imagery/0/0/0.png');
    const etag = first.headers.etag ?? '';
    expect(etag).not.toBe('');
    const [overHttp, overCim] = await both('tiles/imagery/0/0/0.png', { ifNoneMatch: etag });
    expect(overHttp).toEqual(overCim);
    expect(overHttp.status).toBe(304);
  });
});

describe('an API body over the limit', () => {
  it('is answered 413, and the next request on the same keep-alive connection works', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: Buffer | string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/layers.list',
            method: 'POST',
            agent,
            headers: {
              'x-cim-token': host.token,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', (err) =>
          String(err).includes('EPIPE') || String(err).includes('ECONNRESET') ? resolve(-1) : reject(err),
        );
        req.end(body);
      });
    try {
      expect(await post(Buffer.alloc(5 * 1024 * 1024, 0x20))).toBe(413);
      for (let i = 0; i < 3; i++) expect(await post('{}')).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
