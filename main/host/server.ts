/**
 * The browser host: the same `Backend` over HTTP on 127.0.0.1 with a per-launch token
 * (like Jupyter). Routes: POST /api/<method>, GET /api/events (SSE), GET /features/<layer>.geojson,
 * POST /upload, GET /tiles/<path>, GET /export/<layer>.<geojson|gpkg|csv|pdf>, and the renderer's static files.
 * Environment: node.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Backend } from '../api/backend.js';
import type { Reply } from '../../common/contract/index.js';
import { CimError, toSerializedError } from '../../common/errors.js';
import { decodePath, safeJoinDecoded } from '../api/safe-path.js';
import { CONTENT_SECURITY_POLICY, contentType } from './content-types.js';
import { notModified, tileCacheControl, tileContentType, tileEtag } from '../../tiles/server/cache.js';

export interface HostOptions {
  backend: Backend;
  rendererDir: string;
  port: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** `..` or `.` as a path segment, literally or percent-encoded (also %2f / %5c separators). */
const DOT_SEGMENT = /(^|\/|%2f|%5c)(\.|%2e){1,2}(\/|%2f|%5c|$)/i;

function statusOf(reply: Reply<unknown>): number {
  if (reply.ok) return 200;
  const kind = reply.error.kind;
  if (kind === 'auth') return 401;
  if (kind === 'internal') return 500;
  if (reply.error.code.endsWith('not_found')) return 404;
  return 400;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: http.ServerResponse, err: CimError): void {
  const reply: Reply<never> = { ok: false, error: err.toJSON() };
  sendJson(res, statusOf(reply), reply);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_JSON_BYTES) throw new CimError('api.body_too_large', { limit: MAX_JSON_BYTES }, 'args');
    chunks.push(buf);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new CimError('api.bad_json', {}, 'args');
  }
}

function tokenMatches(expected: Buffer, given: string | null | undefined): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

async function serveFile(res: http.ServerResponse, file: string | null, cache: string): Promise<void> {
  if (!file) {
    sendError(res, new CimError('host.bad_path', {}, 'args'));
    return;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    sendError(res, new CimError('host.not_found', {}));
    return;
  }
  if (!stat.isFile()) {
    sendError(res, new CimError('host.not_found', {}));
    return;
  }
  const headers: http.OutgoingHttpHeaders = {
    'content-type': contentType(file),
    'content-length': stat.size,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
  };
  if (file.endsWith('.html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  await pipeline(fs.createReadStream(file), res);
}

/** A tile file with its ETag; 304 when the browser already holds this version. */
async function serveTileFile(req: http.IncomingMessage, res: http.ServerResponse, file: string | null): Promise<void> {
  const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!file || !stat?.isFile()) {
    sendError(res, file ? new CimError('host.not_found', {}) : new CimError('host.bad_path', {}, 'args'));
    return;
  }
  const etag = tileEtag(stat);
  const headers: http.OutgoingHttpHeaders = {
    etag,
    'cache-control': tileCacheControl(file),
    'x-content-type-options': 'nosniff',
  };
  if (notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': tileContentType(file), 'content-length': stat.size });
  await pipeline(fs.createReadStream(file), res);
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  const { backend, rendererDir } = options;
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = backend.onJobEvent((event) => {
    const frame = `event: job\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    const authed = tokenMatches(expected, req.headers['x-cim-token']?.toString() ?? url.searchParams.get('token'));
    const needsToken =
      p.startsWith('/api/') ||
      p.startsWith('/features/') ||
      p.startsWith('/tiles/') ||
      p.startsWith('/upload') ||
      p.startsWith('/export/');
    if (needsToken && !authed) {
      sendError(res, new CimError('host.unauthorized', {}, 'auth'));
      return;
    }

    if (p === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (p.startsWith('/api/')) {
      if (req.method !== 'POST') {
        sendError(res, new CimError('host.method_not_allowed', { method: req.method ?? '' }, 'args'));
        return;
      }
      const input = await readJson(req);
      const reply = await backend.dispatch(p.slice('/api/'.length), input);
      sendJson(res, statusOf(reply), reply);
      return;
    }
    if (p.startsWith('/features/') && p.endsWith('.geojson')) {
      const layer = decodePath(p.slice('/features/'.length, -'.geojson'.length));
      if (layer === null) {
        sendError(res, new CimError('host.bad_path', {}, 'args'));
        return;
      }
      const reply = await backend.featureStream(layer);
      if (!reply.ok) {
        sendJson(res, statusOf(reply), reply);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'no-cache' });
      await pipeline(reply.result, res);
      return;
    }
    if (p === '/upload' && req.method === 'POST') {
      const name = url.searchParams.get('name');
      if (!name) {
        sendError(res, new CimError('host.missing_name', {}, 'args'));
        return;
      }
      const into = url.searchParams.get('into') ?? undefined;
      const reply = await backend.saveUpload(name, req, into);
      sendJson(res, statusOf(reply), reply);
      return;
    }
    if (p.startsWith('/tiles/')) {
      return serveTileFile(req, res, backend.resolveTile(p.slice('/tiles/'.length)));
    }
    if (p.startsWith('/export/')) {
      const m = /^\/export\/(.+)\.(geojson|gpkg|zip|kml|csv|pdf)$/.exec(p);
      const layer = m?.[1] ? decodePath(m[1]) : null;
      if (!m || layer === null) {
        sendError(res, new CimError('host.bad_path', {}, 'args'));
        return;
      }
      const byExtension = {
        geojson: 'geojson',
        gpkg: 'gpkg',
        zip: 'shapefile',
        kml: 'kml',
        csv: 'csv',
        pdf: 'pdf',
      } as const;
      const format = byExtension[(m[2] ?? 'geojson') as keyof typeof byExtension];
      const reply = await backend.exportToTemp(layer, format, {
        crs: url.searchParams.get('crs') ?? undefined,
        encoding: url.searchParams.get('encoding') ?? undefined,
      });
      if (!reply.ok) {
        sendJson(res, statusOf(reply), reply);
        return;
      }
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(reply.result.fileName)}`);
      return serveFile(res, reply.result.path, 'no-store');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, new CimError('host.method_not_allowed', { method: req.method ?? '' }, 'args'));
      return;
    }
    const rel = p === '/' ? 'index.html' : decodePath(p.slice(1));
    return serveFile(
      res,
      rel === null ? null : safeJoinDecoded(rendererDir, rel),
      rel === 'index.html' ? 'no-cache' : 'public, max-age=3600',
    );
  }

  const server = http.createServer((req, res) => {
    // URL parsing would quietly resolve `..`; a request that tries it is refused as sent.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (DOT_SEGMENT.test(rawPath) || rawPath.includes('\\')) {
      return sendError(res, new CimError('host.bad_path', {}, 'args'));
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Another page in the same browser must not reach the API: no CORS headers are sent,
    // and a cross-origin Origin is refused outright.
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host ?? ''}`) {
      return sendError(res, new CimError('host.bad_origin', { origin }, 'auth'));
    }
    route(req, res, url).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, err instanceof CimError && err.kind !== 'internal' ? 400 : 500, {
          ok: false,
          error: toSerializedError(err),
        });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${String(port)}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const c of sseClients) c.end();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/renderer');
}
