/**
 * `WorkstationApi` over the browser host's HTTP protocol (`cim serve`): calls are
 * `POST /api/<method>` with the token header, job events come as server-sent events,
 * features/tiles/exports are plain URLs carrying the token as a query parameter.
 */
import type {
  ImportSource,
  Input,
  JobEvent,
  Method,
  Output,
  Reply,
  WorkstationApi,
} from '../../common/contract/index.js';
import { downloadPath, type DownloadFormat, type DownloadOptions } from '../../common/download.js';
import { ApiCallError } from './api-error.js';
import { takeToken } from './token.js';

const TOKEN_HEADER = 'X-CIM-Token';

async function readReply<T>(response: Response): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiCallError({
      code: 'http',
      messageKey: 'errors:http',
      facts: { status: response.status, url: response.url },
      kind: 'internal',
    });
  }
  const reply = body as Reply<T>;
  if (reply.ok) return reply.result;
  throw new ApiCallError(reply.error);
}

/** One EventSource shared by every job listener, opened on the first and closed after the last. */
function jobEventHub(url: () => string): (listener: (event: JobEvent) => void) => () => void {
  const listeners = new Set<(event: JobEvent) => void>();
  let source: EventSource | null = null;
  const onJob = (message: MessageEvent<string>): void => {
    const job = JSON.parse(message.data) as JobEvent;
    for (const listener of listeners) listener(job);
  };
  return (listener) => {
    listeners.add(listener);
    if (source === null) {
      source = new EventSource(url());
      source.addEventListener('job', onJob);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source !== null) {
        source.close();
        source = null;
      }
    };
  };
}

function createHttpClient(token: string): WorkstationApi {
  const withQuery = (path: string, extra: Record<string, string> = {}): string =>
    `${path}?${new URLSearchParams({ ...extra, token }).toString()}`;

  async function upload(file: File, extra: Record<string, string>): Promise<ImportSource> {
    const response = await fetch(withQuery('/upload', { name: file.name, ...extra }), {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    return readReply<ImportSource>(response);
  }

  return {
    host: 'browser',

    async invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input),
      });
      return readReply<Output<M>>(response);
    },

    onJobEvent: jobEventHub(() => withQuery('/api/events')),

    featuresUrl(layer: string, revision?: number): string {
      const extra: Record<string, string> = revision === undefined ? {} : { rev: String(revision) };
      return withQuery(`/features/${encodeURIComponent(layer)}.geojson`, extra);
    },

    tilesBaseUrl: () => '/tiles/',

    resourceQuery: () => ({ token }),

    sourceForFile(file: File): Promise<ImportSource> {
      return upload(file, {});
    },

    async sourceForFiles(primary: File, sidecars: readonly File[]): Promise<ImportSource> {
      const source = await upload(primary, {});
      if (source.kind !== 'upload') return source;
      for (const file of sidecars) await upload(file, { into: source.id });
      return source;
    },

    download(layer: string, format: DownloadFormat, options?: DownloadOptions): void {
      const path = downloadPath(layer, format, options);
      const link = document.createElement('a');
      link.href = `/${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ token }).toString()}`;
      link.download = '';
      document.body.append(link);
      link.click();
      link.remove();
    },

    // The browser host has no application menu of its own; the page's menu bar is it.
    onMenuCommand: () => () => undefined,
  };
}

/** Installs the HTTP client as `window.cim` unless a preload already put an API there. */
export function ensureWorkstationApi(): WorkstationApi | null {
  if (window.cim) return window.cim;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (token === null) return null;
  const api = createHttpClient(token);
  window.cim = api;
  return api;
}
