/**
 * What `cim://app/...` serves, as a `(Request) => Response` for `protocol.handle('cim', ...)`:
 *
 *   cim://app/<asset>                   the built renderer (dist/renderer)
 *   cim://app/tiles/<path>              the workspace's tiles, via `backend.resolveTile`
 *   cim://app/features/<layer>.geojson  a layer as GeoJSON, streamed, via `backend.featureStream`
 *   cim://app/export/<layer>.<fmt>      a download, via `backend.exportToTemp`
 *
 * Large data comes this way, never over `invoke`. Environment: node (no Electron import, so
 * tests drive the handler with plain `Request`s).
 */
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Backend } from '../api/backend.js';
import { CimError, type SerializedError } from '../../common/errors.js';
import { contentTypeFor } from './content-types.js';
import { safeJoin, safeRelativePath } from '../api/safe-path.js';
import { notModified, tileCacheControl, tileContentType, tileEtag } from '../../tiles/server/cache.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: cim:",
  "worker-src 'self' blob:",
  "connect-src 'self' cim:",
  "font-src 'self' data:",
].join('; ');

const CACHE_APP = 'no-cache';
const CACHE_NONE = 'no-store';

export interface CimHandlerOptions {
  backend: Pick<Backend, 'resolveTile' | 'featureStream' | 'exportToTemp'>;
  /** The built renderer, holding `index.html`. */
  rendererDir: string;
  /** Told about failures the user never sees (a temp file left behind). */
  warn?: (message: string) => void;
}

export function createCimHandler(options: CimHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await route(request, options).catch((err: unknown) =>
      errorResponse(new CimError('protocol.failed', { url: request.url, message: String(err) }, 'internal').toJSON()),
    );
    // The one place every cim:// response passes: the CSP cannot be forgotten by a route.
    response.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.headers.set('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'HEAD') return response;
    await response.body?.cancel();
    return new Response(null, { status: response.status, headers: response.headers });
  };
}

async function route(request: Request, options: CimHandlerOptions): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== 'cim:' || url.host !== 'app') return notFound(url.href);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return errorResponse(new CimError('protocol.method_not_allowed', { method: request.method }, 'args').toJSON(), 405);
  }
  // `pathname` keeps percent-escapes; the routes decode once.
  const pathname = url.pathname.replace(/^\//, '');
  const [head, ...rest] = pathname.split('/');
  const tail = rest.join('/');
  switch (head) {
    case 'tiles':
      return serveTile(tail, options, request.headers.get('If-None-Match'));
    case 'features':
      return serveFeatures(tail, options);
    case 'export':
      return serveExport(tail, options);
    default:
      return serveAsset(pathname === '' ? 'index.html' : pathname, options.rendererDir);
  }
}

async function serveAsset(urlPath: string, rendererDir: string): Promise<Response> {
  const file = safeJoin(rendererDir, urlPath);
  return (file === null ? null : await serveFile(file, CACHE_APP)) ?? notFound(urlPath);
}

async function serveTile(urlPath: string, options: CimHandlerOptions, ifNoneMatch: string | null): Promise<Response> {
  // Checked here too, but resolveTile is given the path as it came: it decodes once itself.
  const file = safeRelativePath(urlPath) === null ? null : options.backend.resolveTile(urlPath);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) return notFound(`tiles/${urlPath}`);
  const etag = tileEtag(info);
  const cacheControl = tileCacheControl(file);
  if (notModified(ifNoneMatch, etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl } });
  }
  const response = await serveFile(file, cacheControl);
  if (response === null) return notFound(`tiles/${urlPath}`);
  response.headers.set('ETag', etag);
  response.headers.set('Content-Type', tileContentType(file));
  return response;
}

async function serveFeatures(urlPath: string, options: CimHandlerOptions): Promise<Response> {
  const layer = decodeName(urlPath, ['geojson']);
  if (layer === null) return notFound(`features/${urlPath}`);
  const reply = await options.backend.featureStream(layer.name);
  if (!reply.ok) return errorResponse(reply.error);
  return new Response(toWebStream(reply.result), {
    headers: { 'Content-Type': contentTypeFor('x.geojson'), 'Cache-Control': CACHE_APP },
  });
}

async function serveExport(urlPath: string, options: CimHandlerOptions): Promise<Response> {
  const layer = decodeName(urlPath, ['geojson', 'gpkg']);
  if (layer === null) return notFound(`export/${urlPath}`);
  const reply = await options.backend.exportToTemp(layer.name, layer.extension as 'geojson' | 'gpkg');
  if (!reply.ok) return errorResponse(reply.error);
  const { path: tempPath, fileName } = reply.result;
  const response = await serveFile(tempPath, CACHE_NONE, () => {
    // The temp file exists for this one download.
    unlink(tempPath).catch((err: unknown) => options.warn?.(`could not remove ${tempPath}: ${String(err)}`));
  });
  if (response === null) return notFound(`export/${urlPath}`);
  response.headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  return response;
}

/** `<name>.<extension>` as one URL segment, decoded once; null when it is not that. */
function decodeName(urlPath: string, extensions: readonly string[]): { name: string; extension: string } | null {
  if (urlPath.includes('/')) return null;
  const dot = urlPath.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = urlPath.slice(dot + 1);
  if (!extensions.includes(extension)) return null;
  try {
    return { name: decodeURIComponent(urlPath.slice(0, dot)), extension };
  } catch {
    return null;
  }
}

/** The file as a streamed response, or null when it is not a file (the caller says which URL). */
async function serveFile(file: string, cacheControl: string, onClose?: () => void): Promise<Response | null> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) return null;
  const stream = createReadStream(file);
  if (onClose) stream.once('close', onClose);
  return new Response(toWebStream(stream), {
    headers: {
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(info.size),
      'Cache-Control': cacheControl,
    },
  });
}

/** A web stream of bytes; a back end may well push strings, which a Response body refuses. */
function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const bytes = Readable.from(asBytes(stream), { objectMode: false });
  // Node's and the DOM's ReadableStream types differ only on paper; Response takes either.
  return Readable.toWeb(bytes) as unknown as ReadableStream<Uint8Array>;
}

async function* asBytes(stream: Readable): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream as AsyncIterable<unknown>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  }
}

function notFound(what: string): Response {
  return errorResponse(new CimError('protocol.not_found', { path: what }).toJSON(), 404);
}

function statusFor(error: SerializedError): number {
  if (error.code.endsWith('not_found')) return 404;
  switch (error.kind) {
    case 'auth':
      return 403;
    case 'internal':
      return 500;
    default:
      return 400;
  }
}

function errorResponse(error: SerializedError, status = statusFor(error)): Response {
  return new Response(JSON.stringify({ ok: false, error }), {
    status,
    headers: { 'Content-Type': contentTypeFor('x.json'), 'Cache-Control': CACHE_NONE },
  });
}
