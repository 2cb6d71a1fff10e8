/**
 * The browser host: the same `Backend` over HTTP on 127.0.0.1 with a per-launch token
 * (like Jupyter). Its own routes are POST /api/<method>, GET /api/events (SSE) and POST
 * /upload; features, tiles, exports and the renderer's files come from the one resource
 * router both transports share (main/api/resources.ts).
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
import { createResourceRouter, errorResponse, type ResourceResponse } from '../api/resources.js';

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

/** Writes a routed resource (main/api/resources.ts) as an HTTP response. */
async function sendResource(req: http.IncomingMessage, res: http.ServerResponse, r: ResourceResponse): Promise<void> {
  res.writeHead(r.status, r.headers);
  const body = r.body;
  if (req.method === 'HEAD' || body.kind === 'none') {
    if (body.kind === 'file') body.onDone?.();
    if (body.kind === 'stream') body.stream.destroy();
    res.end();
    return;
  }
  if (body.kind === 'json') {
    res.end(body.text);
    return;
  }
  try {
    await pipeline(body.kind === 'file' ? fs.createReadStream(body.file) : body.stream, res);
  } finally {
    if (body.kind === 'file') body.onDone?.();
  }
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  const { backend, rendererDir } = options;
  const resources = createResourceRouter({ backend, rendererDir, warn: (m) => console.warn(m) });
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
      let input: unknown;
      try {
        input = await readJson(req);
      } catch (err) {
        if (!(err instanceof CimError) || err.code !== 'api.body_too_large') throw err;
        // The rest of the body stays unread: answer 413 and close the connection, so the
        // client's next request starts clean instead of being read out of this body.
        res.setHeader('connection', 'close');
        sendJson(res, 413, { ok: false, error: err.toJSON() });
        return;
      }
      const reply = await backend.dispatch(p.slice('/api/'.length), input);
      sendJson(res, statusOf(reply), reply);
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
    return sendResource(
      req,
      res,
      await resources({
        path: p,
        query: url.searchParams,
        method: req.method ?? 'GET',
        ifNoneMatch: req.headers['if-none-match'] ?? null,
      }),
    );
  }

  const server = http.createServer((req, res) => {
    // URL parsing would quietly resolve `..`; a request that tries it is refused as sent.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (DOT_SEGMENT.test(rawPath) || rawPath.includes('\\')) {
      // answered as the resource router answers a path it does not take (cim:// the same)
      void sendResource(
        req,
        res,
        errorResponse(new CimError('host.bad_path', { path: rawPath.replace(/^\/+/, '') }, 'args').toJSON(), 404),
      );
      return;
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
