/**
 * What `cim://app/...` serves, as a `(Request) => Response` for `protocol.handle('cim', ...)`:
 * the one resource router both transports share (main/api/resources.ts: the renderer,
 * tiles, features and downloads), adapted to fetch's Response. Large data comes this way,
 * never over `invoke`. Environment: node (no Electron import, so tests drive the handler
 * with plain `Request`s).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { CimError } from '../../common/errors.js';
import {
  CONTENT_SECURITY_POLICY,
  createResourceRouter,
  errorResponse,
  type ResourceResponse,
  type ResourceRouterOptions,
} from '../api/resources.js';

export { CONTENT_SECURITY_POLICY };

export type CimHandlerOptions = ResourceRouterOptions;

export function createCimHandler(options: CimHandlerOptions): (request: Request) => Promise<Response> {
  const resources = createResourceRouter(options);
  return async (request) => {
    const url = new URL(request.url);
    const routed =
      url.protocol !== 'cim:' || url.host !== 'app'
        ? errorResponse(new CimError('host.not_found', { path: url.href }).toJSON(), 404)
        : await resources({
            // `pathname` keeps percent-escapes; the router decodes once.
            path: url.pathname,
            query: url.searchParams,
            method: request.method,
            ifNoneMatch: request.headers.get('If-None-Match'),
          }).catch((err: unknown) =>
            errorResponse(
              new CimError('protocol.failed', { url: request.url, message: String(err) }, 'internal').toJSON(),
            ),
          );
    return toResponse(routed, request.method === 'HEAD');
  };
}

function toResponse(r: ResourceResponse, head: boolean): Response {
  const body = r.body;
  if (head || body.kind === 'none' || r.status === 304) {
    if (body.kind === 'file') body.onDone?.();
    if (body.kind === 'stream') body.stream.destroy();
    return new Response(null, { status: r.status, headers: r.headers });
  }
  if (body.kind === 'json') return new Response(body.text, { status: r.status, headers: r.headers });
  const source = body.kind === 'file' ? fs.createReadStream(body.file) : body.stream;
  if (body.kind === 'file' && body.onDone) source.once('close', body.onDone);
  return new Response(toWebStream(source), { status: r.status, headers: r.headers });
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
