/**
 * Builds the one back end both transports share: workspace, job runner, handler table,
 * uploads and tile resolution. Environment: node.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Backend } from './backend.js';
import type { ImportSource, JobEvent, Reply } from '../../common/contract/index.js';
import { CimError, toSerializedError } from '../../common/errors.js';
import { createDispatch } from './dispatch.js';
import { createHandlers, startDemoBuild } from './handlers.js';
import { externalTilesDir } from '../store/catalog.js';
import { resolveTilePath } from './external-tiles.js';
import { safeJoinDecoded } from './safe-path.js';
import { EXPORT_EXTENSION, exportLayer } from '../export/export-layer.js';
import { geojsonStream } from '../export/feature-stream.js';
import { JobRunner } from '../jobs/runner.js';
import { defaultRegistry, type AnalysisRegistry } from '../analysis/registry.js';
import { WorkspaceService } from '../store/workspace.js';
import type { SourceFile } from '../import/types.js';

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

export function createBackend(options: BackendOptions): Promise<Backend> {
  const now = (): Date => new Date();
  const listeners = new Set<(e: JobEvent) => void>();
  const workspace = new WorkspaceService(now);
  const analyses = options.analyses ?? defaultRegistry();
  const tempDir = fs.mkdtempSync(path.join(options.tempDir ?? os.tmpdir(), 'cim-'));
  const demoPath = path.resolve(options.demoPath ?? path.join(tempDir, 'demo.gpkg'));
  const firstRun = path.resolve(options.workspacePath) === demoPath && !fs.existsSync(demoPath);
  workspace.open(firstRun ? path.join(tempDir, 'scratch.gpkg') : options.workspacePath, true);
  const uploadsDir = path.join(tempDir, 'uploads');
  const jobs = new JobRunner({
    clock: { now },
    workerUrl: options.workerUrl ?? new URL('../jobs/worker-entry.mjs', import.meta.url),
    onEvent: (e) => {
      // a built demo city replaces whatever was open, before anybody hears the job is done
      if (e.state === 'done' && e.kind === 'demo') workspace.open(demoPath, false);
      if (e.state === 'done') workspace.refresh();
      for (const l of listeners) l(e);
    },
  });

  const resolveSource = (source: ImportSource): SourceFile => {
    if (source.kind === 'path') return { path: path.resolve(source.path), fileName: path.basename(source.path) };
    const dir = safeJoinDecoded(uploadsDir, source.id);
    const fileName = path.basename(source.fileName);
    const file = dir ? safeJoinDecoded(dir, fileName) : null;
    if (!file || !fs.existsSync(file)) throw new CimError('import.upload_not_found', { file: fileName });
    return { path: file, fileName };
  };

  const handlers = createHandlers({
    version: options.version ?? '0.1.0',
    host: options.host,
    workspace,
    jobs,
    now,
    resolveSource,
    demoPath,
    analyses,
  });
  if (firstRun) startDemoBuild(jobs, demoPath);
  const dispatch = createDispatch(handlers, options.logError ?? ((err) => console.error(err)));

  const backend: Backend = {
    dispatch,
    onJobEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    featureStream: (layer) => fail(() => geojsonStream(workspace.get().db, layer)),
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
          await writeRunReport(workspace.get().db, analyses, layer, file, { now: now(), lang: 'zh-CN' });
          return { path: file, fileName };
        }
        const out = await exportLayer(workspace.get().db, layer, format, file, now(), exportOptions);
        return { path: out.path, fileName };
      }),
    close() {
      workspace.close();
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
  return Promise.resolve(backend);
}
