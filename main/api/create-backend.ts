/**
 * Builds the one back end both transports share: workspace, job runner, handler table,
 * uploads and tile resolution. Environment: node.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Backend } from './backend.js';
import {
  WORKSPACE_CHANGED,
  type ImportSource,
  type JobEvent,
  type Reply,
  type WorkspaceChange,
} from '../../common/contract/index.js';
import { CimError, toSerializedError } from '../../common/errors.js';
import { createDispatch } from './dispatch.js';
import { ReportViews } from '../analysis/report-views.js';
import { createHandlers, startDemoBuild } from './handlers.js';
import { externalTilesDir } from '../store/catalog.js';
import { resolveTilePath } from './external-tiles.js';
import { safeJoinDecoded } from './safe-path.js';
import { EXPORT_EXTENSION, exportLayer } from '../export/export-layer.js';
import { pgFeatureStream } from '../pg/feature-stream.js';
import { geojsonStream } from '../export/feature-stream.js';
import { JobRunner } from '../jobs/runner.js';
import { defaultRegistry, type AnalysisRegistry } from '../analysis/registry.js';
import { fromSqliteError, MAIN_BUSY_TIMEOUT_MS } from '../store/sqlite-errors.js';
import { WorkspaceService, type OpenWorkspace } from '../store/workspace.js';
import type { SourceFile } from '../import/types.js';
import { defaultJobWorkerUrl } from '../jobs/worker-url.js';

export interface BackendOptions {
  workspacePath: string;
  /**
   * The demo city's file (in the user data folder). When `workspacePath` is this file and it
   * does not exist yet (a first run), the back end opens an empty scratch workspace, builds
   * the demo as a job and switches to it when the job is done.
   */
  demoPath?: string;
  host: 'electron' | 'browser';
  tempDir?: string;
  rendererDir?: string;
  version?: string;
  /** Worker entry; defaults to the source entry that loads worker.ts through tsx. */
  workerUrl?: URL;
  logError?: (err: unknown) => void;
  /**
   * How often to look for commits by other programs (`PRAGMA data_version` on the main
   * connection) while no job runs; 0 turns it off. Default 1000 ms.
   */
  watchIntervalMs?: number;
  /** The analyses offered; the registry's table by default (tests add their own). */
  analyses?: AnalysisRegistry;
}

const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
/** The id `saveUpload` hands out: 16 random bytes in hex (the contract's ImportSource rule). */
const UPLOAD_ID = /^[a-f0-9]{32}$/;

async function fail<T>(fn: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, result: await fn() };
  } catch (err) {
    return { ok: false, error: toSerializedError(err) };
  }
}

/** The event that tells the renderer the workspace changed under it (see WORKSPACE_CHANGED). */
function workspaceEvent(ws: OpenWorkspace, title: string, reason: WorkspaceChange['reason'], at: string): JobEvent {
  const result: WorkspaceChange = { reason, path: ws.path, journalMode: ws.journalMode, networkFs: ws.networkFs };
  return {
    id: randomUUID(),
    kind: WORKSPACE_CHANGED,
    title,
    state: 'done',
    progress: 1,
    stage: `workspaceFile.stage.${reason}`,
    result,
    error: null,
    startedAt: at,
    finishedAt: at,
  };
}

export function createBackend(options: BackendOptions): Promise<Backend> {
  const now = (): Date => new Date();
  const logError = options.logError ?? ((err) => console.error(err));
  const listeners = new Set<(e: JobEvent) => void>();
  const emit = (e: JobEvent): void => {
    for (const l of listeners) l(e);
  };
  const workspace = new WorkspaceService(now);
  const analyses = options.analyses ?? defaultRegistry();
  const tempDir = fs.mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'cim-'));
  const demoPath = path.resolve(options.demoPath ?? path.join(tempDir, 'demo.gpkg'));
  const firstRun = path.resolve(options.workspacePath) === demoPath && !fs.existsSync(demoPath);
  workspace.open(firstRun ? path.join(tempDir, 'scratch.gpkg') : options.workspacePath, true);
  workspace.onOpened((ws) => emit(workspaceEvent(ws, workspace.title(), 'opened', now().toISOString())));
  const uploadsDir = path.join(tempDir, 'uploads');
  const jobs = new JobRunner({
    clock: { now },
    workerUrl: options.workerUrl ?? defaultJobWorkerUrl(),
    onEvent: (e) => {
      if (e.state !== 'running') {
        try {
          // a built demo city replaces whatever was open, before anybody hears the job is done
          if (e.state === 'done' && e.kind === 'demo') workspace.open(demoPath, false);
          if (e.state === 'done') workspace.refresh();
        } catch (err) {
          logError(err);
        }
        // our own worker's commits are no news from outside
        if (workspace.isOpen()) workspace.changedOutside();
      }
      emit(e);
    },
  });

  // Another program (QGIS, GDAL, sqlite3) committed: adopt its new tables and tell the
  // renderer, which reloads the layer list and the globe. While a job runs its own commits
  // move data_version too, so we look only between jobs (a job's end refreshes anyway).
  let outsideChangePending = false;
  let lastWatchError = '';
  const watchOutside = (): void => {
    if (!workspace.isOpen() || jobs.busy()) return;
    try {
      if (!workspace.changedOutside() && !outsideChangePending) return;
      outsideChangePending = !workspace.refresh({ waitMs: 100 });
      if (!outsideChangePending) {
        emit(workspaceEvent(workspace.get(), workspace.title(), 'outside', now().toISOString()));
      }
      lastWatchError = '';
    } catch (err) {
      // once per kind of failure (a file another program broke), not every second
      const message = err instanceof Error ? err.message : String(err);
      if (message !== lastWatchError) logError(err);
      lastWatchError = message;
    }
  };
  const watchMs = options.watchIntervalMs ?? 1000;
  const watch = watchMs > 0 ? setInterval(watchOutside, watchMs) : null;
  watch?.unref();

  const resolveSource = (source: ImportSource): SourceFile => {
    if (source.kind === 'path') return { path: path.resolve(source.path), fileName: path.basename(source.path) };
    const dir = safeJoinDecoded(uploadsDir, source.id);
    const fileName = path.basename(source.fileName);
    const file = dir ? safeJoinDecoded(dir, fileName) : null;
    if (!file || !fs.existsSync(file)) throw new CimError('import.upload_not_found', { file: fileName });
    return { path: file, fileName };
  };

  const reportViews = new ReportViews();
  const handlers = createHandlers({
    version: options.version ?? '0.1.0',
    host: options.host,
    workspace,
    jobs,
    now,
    resolveSource,
    demoPath,
    analyses,
    reportViews,
  });
  if (firstRun) startDemoBuild(jobs, demoPath);
  const dispatch = createDispatch(handlers, logError, (err) =>
    fromSqliteError(err, workspace.isOpen() ? workspace.get().path : '', MAIN_BUSY_TIMEOUT_MS),
  );

  const backend: Backend = {
    dispatch,
    onJobEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    featureStream: (layer, bbox) =>
      fail(
        async () =>
          (await pgFeatureStream(workspace.get().db, layer, bbox ?? null)) ?? geojsonStream(workspace.get().db, layer),
      ),
    resolveTile: (relativePath) =>
      resolveTilePath(workspace.tilesDir(), relativePath, (name) =>
        workspace.isOpen() ? externalTilesDir(workspace.get().db, name) : null,
      ),
    saveUpload: (fileName, body: Readable, into) =>
      fail(async () => {
        const safeName = path.basename(fileName).replace(/[\\/\0]/g, '_');
        if (!safeName || safeName === '.' || safeName === '..')
          throw new CimError('import.bad_file_name', { file: fileName });
        const existing = into !== undefined && UPLOAD_ID.test(into) ? safeJoinDecoded(uploadsDir, into) : null;
        if (into !== undefined && (!existing || !fs.existsSync(existing)))
          throw new CimError('import.upload_not_found', { file: safeName });
        const id = existing && into ? into : randomBytes(16).toString('hex');
        const dir = path.join(uploadsDir, id);
        fs.mkdirSync(dir, { recursive: true });
        let bytes = 0;
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_UPLOAD_BYTES) body.destroy(new CimError('import.upload_too_large', { file: safeName }));
        });
        await pipeline(body, fs.createWriteStream(path.join(dir, safeName)));
        return { kind: 'upload' as const, id, fileName: safeName };
      }),
    exportToTemp: (layer, format, exportOptions = {}) =>
      fail(async () => {
        const fileName = `${layer}.${format === 'pdf' ? 'pdf' : EXPORT_EXTENSION[format]}`;
        const dir = fs.mkdtempSync(path.join(tempDir, 'export-'));
        const file = path.join(dir, fileName);
        if (format === 'pdf') {
          // pdfkit loads when a report is asked for, not with the host (it takes ~0.6 s).
          const { writeRunReport } = await import('../analysis/report-run.js');
          const view = reportViews.get(layer, now().getTime());
          await writeRunReport(workspace.get().db, analyses, layer, file, {
            now: now(),
            lang: exportOptions.lang ?? 'zh-CN',
            ...(view ? { view } : {}),
          });
          return { path: file, fileName };
        }
        const out = await exportLayer(workspace.get().db, layer, format, file, now(), exportOptions);
        return { path: out.path, fileName };
      }),
    close() {
      if (watch) clearInterval(watch);
      workspace.close();
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return Promise.resolve(backend);
}
