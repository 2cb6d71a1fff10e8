/**
 * The sandboxed preload: puts `window.cim` (the `WorkstationApi`) into the page. A sandboxed
 * preload may require only `electron`, so everything from the contract is a type import and
 * the bundle holds no zod (scripts/build-electron.mjs checks); `common/download.ts` is plain
 * code with no imports at run time. Environment: electron preload.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type {
  ImportSource,
  Input,
  JobEvent,
  MenuCommand,
  Method,
  Output,
  Reply,
  WorkstationApi,
} from '../../common/contract/index.js';
import type { SerializedError } from '../../common/errors.js';
import { downloadPath, type DownloadFormat, type DownloadOptions } from '../../common/download.js';
import { APP_ORIGIN, INVOKE_CHANNEL, JOB_CHANNEL, MENU_CHANNEL } from './channels.js';

/** The page's document as the download link needs it (the preload is typechecked without the DOM too). */
interface PageLink {
  href: string;
  download: string;
  click(): void;
  remove(): void;
}
interface PageDocument {
  createElement(tag: 'a'): PageLink;
  body: { append(node: PageLink): void };
}

/** `listener` takes what the main process sends on `channel` (typed by the caller). */
function subscribe(channel: string, listener: (value: never) => void): () => void {
  const handler = (_event: IpcRendererEvent, value: unknown): void => listener(value as never);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const api: WorkstationApi = {
  host: 'electron',

  async invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const reply = (await ipcRenderer.invoke(INVOKE_CHANNEL, method, input)) as Reply<Output<M>>;
    if (reply.ok) return reply.result;
    // A plain object crosses the context bridge whole; an Error would lose code and facts.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw reply.error;
  },

  onJobEvent: (listener: (event: JobEvent) => void) => subscribe(JOB_CHANNEL, listener),

  featuresUrl(layer: string, revision?: number): string {
    const base = `${APP_ORIGIN}/features/${encodeURIComponent(layer)}.geojson`;
    return revision === undefined ? base : `${base}?rev=${String(revision)}`;
  },

  tilesBaseUrl: () => `${APP_ORIGIN}/tiles/`,

  resourceQuery: () => ({}),

  sourceForFile(file: File): Promise<ImportSource> {
    const path = webUtils.getPathForFile(file);
    if (path === '') {
      // A File built in the page (not picked or dropped from disk) has no path.
      const error: SerializedError = {
        code: 'import.no_path',
        messageKey: 'errors:import.no_path',
        facts: { fileName: file.name },
        kind: 'user',
      };
      // The contract rejects with a SerializedError, as the browser host's client does.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      return Promise.reject(error);
    }
    return Promise.resolve({ kind: 'path', path });
  },

  // The sidecars of a file picked or dropped from disk are beside it there.
  sourceForFiles(primary: File): Promise<ImportSource> {
    return api.sourceForFile(primary);
  },

  // A download of cim://app/export/…: Electron asks where to save it (no save path is set).
  download(layer: string, format: DownloadFormat, options?: DownloadOptions): void {
    const doc = (globalThis as unknown as { document?: PageDocument }).document;
    if (!doc) return;
    const link = doc.createElement('a');
    link.href = `${APP_ORIGIN}/${downloadPath(layer, format, options)}`;
    link.download = '';
    doc.body.append(link);
    link.click();
    link.remove();
  },

  onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe(MENU_CHANNEL, listener),
};

contextBridge.exposeInMainWorld('cim', api);
