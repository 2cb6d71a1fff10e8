/**
 * The one resource router: what both transports serve besides the API calls, routed once.
 * The browser host (main/host/server.ts, over HTTP with its token) and Electron's
 * `cim://app` protocol (main/app/protocol.ts) each adapt a `ResourceResponse` to their own
 * response type; formats, headers, caching and refusals are decided here, so the two cannot
 * drift.
 *
 *   <asset>                        the built renderer (index.html no-cache, the rest cached)
 *   tiles/<path>                   the workspace's tiles, with ETag and 304 (tiles/server/cache.ts)
 *   features/<layer>.geojson       a layer as GeoJSON, streamed (?bbox=minLon,minLat,maxLon,maxLat: PostGIS layers by view)
 *   export/<layer>.<ext>           a download: geojson, gpkg, zip (shapefile), kml, csv, or pdf
 *                                  (an analysis run's report); ?crs=&encoding=&lang=
 *
 * Environment: node.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { ExportFormat } from '../../common/contract/index.js';
import { CimError, type SerializedError } from '../../common/errors.js';
import { notModified, tileCacheControl, tileContentType, tileEtag } from '../../tiles/server/cache.js';
import { parseBbox } from '../pg/bbox.js';
import type { Backend } from './backend.js';
import { CONTENT_SECURITY_POLICY, contentTypeFor } from './content-types.js';
import { decodePath, safeJoinDecoded, safeRelativePath } from './safe-path.js';

export { CONTENT_SECURITY_POLICY };

export interface ResourceRequest {
  /** The path after the origin's `/`, percent-escapes intact, no query. */
  path: string;
  query: URLSearchParams;
  method: string;
  ifNoneMatch: string | null;
}

type ResourceBody =
  | { kind: 'file'; file: string; size: number; onDone?: () => void }
  | { kind: 'stream'; stream: Readable }
  | { kind: 'json'; text: string }
  | { kind: 'none' };

export interface ResourceResponse {
  status: number;
  headers: Record<string, string>;
  body: ResourceBody;
}

export interface ResourceRouterOptions {
  backend: Pick<Backend, 'resolveTile' | 'featureStream' | 'exportToTemp'>;
  /** The built renderer, holding `index.html`. */
  rendererDir: string;
  /** Told about failures the user never sees (a temp file left behind). */
  warn?: (message: string) => void;
}

const CACHE_APP = 'no-cache';
const CACHE_ASSET = 'public, max-age=3600';
const CACHE_NONE = 'no-store';

/** Download extension -> what is exported. */
const DOWNLOAD_FORMATS = {
  geojson: 'geojson',
  gpkg: 'gpkg',
  zip: 'shapefile',
  kml: 'kml',
  csv: 'csv',
  pdf: 'pdf',
} as const satisfies Record<string, ExportFormat | 'pdf'>;

/** The headers every response carries, whatever the route: the CSP cannot be forgotten. */
function baseHeaders(): Record<string, string> {
  return { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
}

function statusFor(error: SerializedError): number {
  if (error.code.endsWith('not_found')) return 404;
  switch (error.kind) {
    case 'auth':
      return 401;
    case 'internal':
      return 500;
    default:
      return 400;
  }
}

export function errorResponse(error: SerializedError, status = statusFor(error)): ResourceResponse {
  return {
    status,
    headers: { ...baseHeaders(), 'Content-Type': contentTypeFor('x.json'), 'Cache-Control': CACHE_NONE },
    body: { kind: 'json', text: JSON.stringify({ ok: false, error }) },
  };
}

function notFound(what: string): ResourceResponse {
  return errorResponse(new CimError('host.not_found', { path: what }).toJSON(), 404);
}

/** A path no route takes (a traversal, a format we do not export): 404, saying nothing more. */
function badPath(what: string): ResourceResponse {
  return errorResponse(new CimError('host.bad_path', { path: what }, 'args').toJSON(), 404);
}

function fileResponse(file: string, cacheControl: string, onDone?: () => void): ResourceResponse | null {
  const info = fs.statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) return null;
  return {
    status: 200,
    headers: {
      ...baseHeaders(),
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(info.size),
      'Cache-Control': cacheControl,
    },
    body: { kind: 'file', file, size: info.size, ...(onDone ? { onDone } : {}) },
  };
}

/** `<name>.<extension>` as one URL segment, decoded once; null when it is not that. */
function decodeName(urlPath: string, extensions: readonly string[]): { name: string; extension: string } | null {
  if (urlPath.includes('/')) return null;
  const dot = urlPath.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = urlPath.slice(dot + 1);
  if (!extensions.includes(extension)) return null;
  const name = decodePath(urlPath.slice(0, dot));
  return name === null || name.includes('/') ? null : { name, extension };
}

export function createResourceRouter(
  options: ResourceRouterOptions,
): (req: ResourceRequest) => Promise<ResourceResponse> {
  const { backend } = options;

  const tile = (tail: string, ifNoneMatch: string | null): ResourceResponse => {
    // Checked here too, but resolveTile is given the path as it came: it decodes once itself.
    const file = safeRelativePath(tail) === null ? null : backend.resolveTile(tail);
    if (file === null) return badPath(`tiles/${tail}`);
    const info = fs.statSync(file, { throwIfNoEntry: false });
    if (!info?.isFile()) return notFound(`tiles/${tail}`);
    const etag = tileEtag(info);
    const cacheControl = tileCacheControl(file);
    if (notModified(ifNoneMatch ?? undefined, etag)) {
      return {
        status: 304,
        headers: { ...baseHeaders(), ETag: etag, 'Cache-Control': cacheControl },
        body: { kind: 'none' },
      };
    }
    const response = fileResponse(file, cacheControl);
    if (response === null) return notFound(`tiles/${tail}`);
    response.headers.ETag = etag;
    response.headers['Content-Type'] = tileContentType(file);
    return response;
  };

  const features = async (tail: string, query: URLSearchParams): Promise<ResourceResponse> => {
    const layer = decodeName(tail, ['geojson']);
    if (layer === null) return badPath(`features/${tail}`);
    const reply = await backend.featureStream(layer.name, parseBbox(query.get('bbox')));
    if (!reply.ok) return errorResponse(reply.error);
    return {
      status: 200,
      headers: { ...baseHeaders(), 'Content-Type': contentTypeFor('x.geojson'), 'Cache-Control': CACHE_APP },
      body: { kind: 'stream', stream: reply.result },
    };
  };

  const download = async (tail: string, query: URLSearchParams): Promise<ResourceResponse> => {
    const layer = decodeName(tail, Object.keys(DOWNLOAD_FORMATS));
    if (layer === null) return badPath(`export/${tail}`);
    const format = DOWNLOAD_FORMATS[layer.extension as keyof typeof DOWNLOAD_FORMATS];
    const lang = query.get('lang');
    const reply = await backend.exportToTemp(layer.name, format, {
      crs: query.get('crs') ?? undefined,
      encoding: query.get('encoding') ?? undefined,
      lang: lang === 'en' || lang === 'zh-CN' ? lang : undefined,
    });
    if (!reply.ok) return errorResponse(reply.error);
    const { path: tempPath, fileName } = reply.result;
    const response = fileResponse(tempPath, CACHE_NONE, () => {
      // The temp file exists for this one download.
      fs.promises
        .rm(tempPath, { force: true })
        .catch((err: unknown) => options.warn?.(`could not remove ${tempPath}: ${String(err)}`));
    });
    if (response === null) return notFound(`export/${tail}`);
    response.headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
    return response;
  };

  const asset = (urlPath: string): ResourceResponse => {
    const rel = urlPath === '' ? 'index.html' : decodePath(urlPath);
    const file = rel === null ? null : safeJoinDecoded(options.rendererDir, rel);
    if (file === null) return badPath(urlPath);
    return fileResponse(file, rel === 'index.html' ? CACHE_APP : CACHE_ASSET) ?? notFound(urlPath);
  };

  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return errorResponse(new CimError('host.method_not_allowed', { method: req.method }, 'args').toJSON(), 405);
    }
    const path = req.path.replace(/^\/+/, '');
    const slash = path.indexOf('/');
    const head = slash < 0 ? path : path.slice(0, slash);
    const tail = slash < 0 ? '' : path.slice(slash + 1);
    switch (head) {
      case 'tiles':
        return tile(tail, req.ifNoneMatch);
      case 'features':
        return features(tail, req.query);
      case 'export':
        return download(tail, req.query);
      default:
        return asset(path);
    }
  };
}
