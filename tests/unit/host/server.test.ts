import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import type { JobInfo, LayerEntry } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { startHost, type RunningHost } from '../../../main/host/server.js';
import { SHARED, tempDir } from '../helpers.js';

let backend: Backend;
let host: RunningHost;
let base: string;
let tilesDir: string;

beforeAll(async () => {
  const dir = tempDir();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CIM</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  const workspacePath = path.join(dir, 'w.gpkg');
  tilesDir = path.join(dir, 'w.tiles');
  fs.mkdirSync(path.join(tilesDir, 'imagery'), { recursive: true });
  fs.writeFileSync(path.join(tilesDir, 'imagery', '0.png'), 'png');
  backend = await createBackend({ workspacePath, host: 'browser', tempDir: dir, logError: () => undefined });
  host = await startHost({ backend, rendererDir, port: 0 });
  base = `http://127.0.0.1:${String(host.port)}`;
});

afterAll(async () => {
  await host.close();
  backend.close();
});

function call(method: string, input: unknown, token: string | null = host.token): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-cim-token'] = token;
  return fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

async function result<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { ok: boolean; result: T; error?: unknown };
  if (!body.ok) throw new Error(JSON.stringify(body.error));
  return body.result;
}

/** Raw request so `..` reaches the server unnormalised (fetch would clean the path). */
async function rawGet(p: string): Promise<number> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: p }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('browser host', () => {
  it('prints a 127.0.0.1 URL carrying the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('refuses an API call without the token, or with a wrong one (401)', async () => {
    expect((await call('layers.list', {}, null)).status).toBe(401);
    expect((await call('layers.list', {}, 'x'.repeat(48))).status).toBe(401);
    expect((await fetch(`${base}/features/a.geojson`)).status).toBe(401);
    expect((await fetch(`${base}/tiles/imagery/0.png`)).status).toBe(401);
    expect((await call('layers.list', {})).status).toBe(200);
  });

  it('refuses a call from another origin', async () => {
    const res = await fetch(`${base}/api/layers.list`, {
      method: 'POST',
      headers: { 'x-cim-token': host.token, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('validates input with zod and names the method', async () => {
    const res = await call('layers.update', { name: 'x', patch: { opacity: 7 } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; facts: { method: string } } };
    expect(body.error.code).toBe('api.bad_input');
    expect(body.error.facts.method).toBe('layers.update');
    expect((await call('no.such', {})).status).toBe(400);
  });

  it('serves tiles but refuses paths with .. or encoded separators', async () => {
    const q = `?token=${host.token}`;
    expect(await rawGet(`/tiles/imagery/0.png${q}`)).toBe(200);
    expect(await rawGet(`/tiles/../secret.txt${q}`)).toBe(404);
    expect(await rawGet(`/tiles/imagery/../../secret.txt${q}`)).toBe(404);
    expect(await rawGet(`/tiles/%2e%2e/secret.txt${q}`)).toBe(404);
    expect(await rawGet(`/tiles/..%2fsecret.txt${q}`)).toBe(404);
    expect(await rawGet(`/tiles/imagery%5c..%5c..%5csecret.txt${q}`)).toBe(404);
    expect(await rawGet('/../secret.txt')).toBe(404);
    expect(await rawGet('/%2e%2e/secret.txt')).toBe(404);
  });

  it('serves tiles with a strong ETag and long caching, 304 on If-None-Match, no-cache for layer.json', async () => {
    fs.mkdirSync(path.join(tilesDir, 'terrain', 't', '0', '1'), { recursive: true });
    fs.writeFileSync(path.join(tilesDir, 'terrain', 't', '0', '1', '0.f32'), Buffer.alloc(65 * 65 * 4));
    fs.writeFileSync(path.join(tilesDir, 'terrain', 't', 'layer.json'), '{}');
    const url = `${base}/tiles/terrain/t/0/1/0.f32?token=${host.token}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/octet-stream');
    expect(first.headers.get('content-length')).toBe(String(65 * 65 * 4));
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"4204-[0-9a-f]+"$/);
    await first.arrayBuffer();
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await fetch(url, { headers: { 'if-none-match': '"1-1"' } })).status).toBe(200);
    const root = await fetch(`${base}/tiles/terrain/t/layer.json?token=${host.token}`);
    expect(root.headers.get('cache-control')).toBe('no-cache');
    expect(root.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await fetch(`${base}/tiles/terrain/t/0/1/9.f32?token=${host.token}`)).status).toBe(404);
  });

  it('sends a strict CSP with the page', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('uploads, previews and imports a file through a worker job, reporting progress by SSE', async () => {
    const bytes = fs.readFileSync(path.join(SHARED, 'crs-china/parcels_wgs84.geojson'));
    const up = await fetch(`${base}/upload?token=${host.token}&name=${encodeURIComponent('南阳地块.geojson')}`, {
      method: 'POST',
      body: bytes,
    });
    const source = await result<{ kind: 'upload'; id: string; fileName: string }>(up);
    expect(source.fileName).toBe('南阳地块.geojson');

    const preview = await result<{ layers: { featureCount: number; fields: { name: string }[] }[] }>(
      await call('import.preview', { source }),
    );
    expect(preview.layers[0]?.featureCount).toBe(120);
    expect(preview.layers[0]?.fields.map((f) => f.name)).toContain('用地名称');

    const events: JobInfo[] = [];
    const controller = new AbortController();
    const sse = await fetch(`${base}/api/events?token=${host.token}`, { signal: controller.signal });
    const reader = sse.body?.getReader();
    const reading = (async () => {
      let text = '';
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        text += new TextDecoder().decode(chunk.value as Uint8Array);
        for (const m of text.matchAll(/data: (.*)\n/g)) if (m[1]) events.push(JSON.parse(m[1]) as JobInfo);
        text = text.slice(text.lastIndexOf('\n\n') + 2);
        if (events.some((e) => e.state !== 'running')) return;
      }
    })();

    const { jobId } = await result<{ jobId: string }>(await call('import.start', { source }));
    await reading;
    controller.abort();
    const last = events.at(-1);
    expect(last?.id).toBe(jobId);
    expect(last?.state).toBe('done');
    expect(last?.result).toMatchObject({ resultLayer: '南阳地块', count: 120 });

    const layers = await result<LayerEntry[]>(await call('layers.list', {}));
    expect(layers.map((l) => l.name)).toContain('南阳地块');

    const fc = (await (
      await fetch(`${base}/features/${encodeURIComponent('南阳地块')}.geojson?token=${host.token}`)
    ).json()) as {
      features: { id: number; properties: Record<string, unknown> }[];
    };
    expect(fc.features).toHaveLength(120);
    expect(fc.features[0]?.id).toBe(1);
    expect(typeof fc.features[0]?.properties['用地名称']).toBe('string');
  });

  it('keeps the workspace unchanged when an import job fails, and says why', async () => {
    const before = await result<LayerEntry[]>(await call('layers.list', {}));
    const { jobId } = await result<{ jobId: string }>(
      await call('import.start', {
        source: { kind: 'path', path: path.resolve('tests/fixtures/bad/broken-geometry.geojson') },
      }),
    );
    let job: JobInfo;
    do {
      await new Promise((r) => setTimeout(r, 50));
      job = await result<JobInfo>(await call('jobs.get', { jobId }));
    } while (job.state === 'running');
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'import.geometry_position_not_numbers', facts: { record: 2 } });
    expect(await result<LayerEntry[]>(await call('layers.list', {}))).toEqual(before);
  });

  it('updates, reorders and removes layers', async () => {
    const layers = await result<LayerEntry[]>(await call('layers.list', {}));
    const name = layers[0]?.name ?? '';
    const updated = await result<LayerEntry>(
      await call('layers.update', { name, patch: { visible: false, opacity: 0.5, style: { fillColor: '#ff0000' } } }),
    );
    expect(updated).toMatchObject({ visible: false, opacity: 0.5, style: { fillColor: '#ff0000' } });
    expect((await call('layers.remove', { name })).status).toBe(200);
    expect((await call('layers.remove', { name })).status).toBe(404);
  });
});
