/**
 * The handler table: one function per contract method, taking input already validated by
 * zod. Both transports reach these through `dispatch`. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Input, Method, Output } from '../../common/contract/index.js';
import { createAnalysisHandlers } from './analysis-handlers.js';
import { createBookmarkHandlers } from './bookmark-handlers.js';
import { createMultiplanHandlers } from './multiplan-handlers.js';
import { createCasesHandlers } from './cases-handlers.js';
import { createChangeHandlers } from './change-handlers.js';
import type { AnalysisRegistry } from '../analysis/registry.js';
import { safeJoin } from './safe-path.js';
import { exportLayer } from '../export/export-layer.js';
import { previewImport } from '../import/preview.js';
import type { JobRunner } from '../jobs/runner.js';
import * as catalog from '../store/catalog.js';
import { dropFeatureTable } from '../store/feature-table.js';
import { ensureFolder } from '../store/files.js';
import { summariseField } from '../store/field-summary.js';
import type { WorkspaceService } from '../store/workspace.js';
import type { SourceFile } from '../import/types.js';

export interface HandlerDeps {
  version: string;
  host: 'electron' | 'browser';
  workspace: WorkspaceService;
  jobs: JobRunner;
  now(): Date;
  /** Turns an import source into a file on disk (uploads live in the host's temp folder). */
  resolveSource(source: Input<'import.preview'>['source']): SourceFile;
  /** Where the demo city lives (the user data folder). */
  demoPath: string;
  analyses: AnalysisRegistry;
}

export type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/** What `workspace.info` answers for the open workspace. */
function workspaceInfo(workspace: WorkspaceService): Output<'workspace.info'> {
  const ws = workspace.get();
  return {
    path: ws.path,
    title: workspace.title(),
    schemaVersion: workspace.schemaVersion(),
    layerCount: catalog.listLayers(ws.db).length,
    journalMode: ws.journalMode,
    networkFs: ws.networkFs,
  };
}

/** Starts the `demo` job that builds the small demo city at `demoPath`; returns its id. */
export function startDemoBuild(jobs: JobRunner, demoPath: string): string {
  ensureFolder(path.dirname(demoPath), demoPath);
  return jobs.start({ kind: 'demo', workspacePath: demoPath, scale: 'small' }, path.basename(demoPath)).id;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { workspace, jobs } = deps;
  const db = () => workspace.get().db;
  const info = (): Output<'workspace.info'> => workspaceInfo(workspace);
  // IMMEDIATE: take SQLite's write lock first (waiting on another program's write), so a read
  // inside `fn` never meets a newer snapshot it cannot write on (SQLITE_BUSY_SNAPSHOT)
  const write = <T>(fn: () => T): Promise<T> => jobs.withWriteLock(() => db().transaction(fn).immediate());

  return {
    'app.info': () =>
      Promise.resolve({ version: deps.version, host: deps.host, workspace: workspace.isOpen() ? info() : null }),
    'workspace.create': (i) =>
      jobs.withWriteLock(() => {
        workspace.open(i.path, true);
        return info();
      }),
    'workspace.open': (i) =>
      jobs.withWriteLock(() => {
        workspace.open(i.path, false);
        return info();
      }),
    'workspace.info': () => Promise.resolve(info()),
    'layers.list': () => {
      // another program holding the write lock delays adopting its new tables, not the list
      workspace.refresh({ waitMs: 250 });
      return Promise.resolve(catalog.listLayers(db()));
    },
    'layers.update': (i) => write(() => catalog.updateLayer(db(), i.name, i.patch)),
    'layers.reorder': (i) => write(() => catalog.reorderLayers(db(), i.topToBottom)),
    'layers.remove': async (i) => {
      const removed = await write(() => {
        const entry = catalog.getLayer(db(), i.name);
        db().prepare('DELETE FROM cim_layers WHERE name = ?').run(i.name);
        if (entry.kind === 'vector') dropFeatureTable(db(), i.name);
        return entry;
      });
      // A tile set's files go once its catalog row is gone (a failed delete leaves only files).
      if (removed.tiles) {
        const dir = safeJoin(workspace.tilesDir(), path.posix.dirname(removed.tiles.root));
        if (dir && dir !== workspace.tilesDir()) fs.rmSync(dir, { recursive: true, force: true });
      }
      return { removed: i.name };
    },
    'layers.fieldSummary': (i) => Promise.resolve(summariseField(db(), i.name, i.field)),
    'import.preview': ({ source, ...options }) => previewImport(deps.resolveSource(source), options),
    'import.start': (i) => {
      const file = deps.resolveSource(i.source);
      const job = jobs.start(
        {
          kind: 'import',
          workspacePath: workspace.get().path,
          params: {
            file,
            sourceLayer: i.sourceLayer,
            name: i.name,
            options: {
              crs: i.crs,
              encoding: i.encoding,
              xColumn: i.xColumn,
              yColumn: i.yColumn,
              target: i.target,
              lod: i.lod,
              placement: i.placement,
            },
          },
        },
        file.fileName,
      );
      return Promise.resolve({ jobId: job.id });
    },
    'tiles.build': (i) => {
      const title = i.type === 'buildings' ? (i.name ?? 'buildings_3d') : path.basename(i.source);
      const job = jobs.start({ kind: 'tiles', workspacePath: workspace.get().path, params: i }, title);
      return Promise.resolve({ jobId: job.id });
    },
    'demo.open': () => {
      // a build under way holds the write lock: answer with it rather than wait it out
      const building = jobs.list().find((j) => j.kind === 'demo' && j.state === 'running');
      if (building) return Promise.resolve({ jobId: building.id, workspace: null, path: deps.demoPath });
      return jobs.withWriteLock(() => {
        if (fs.existsSync(deps.demoPath)) {
          workspace.open(deps.demoPath, false);
          return { jobId: null, workspace: info(), path: deps.demoPath };
        }
        return { jobId: startDemoBuild(jobs, deps.demoPath), workspace: null, path: deps.demoPath };
      });
    },
    'jobs.list': () => Promise.resolve(jobs.list()),
    'jobs.get': (i) => Promise.resolve(jobs.get(i.jobId)),
    'jobs.cancel': (i) => Promise.resolve(jobs.cancel(i.jobId)),
    'camera.get': () => Promise.resolve(catalog.getCamera(db())),
    'camera.set': (i) =>
      write(() =>
        i.workspacePath === undefined || i.workspacePath === workspace.get().path
          ? catalog.setCamera(db(), i.camera)
          : i.camera,
      ),
    ...createBookmarkHandlers({ db, write, now: () => deps.now() }),
    'export.layer': (i) =>
      exportLayer(db(), i.name, i.format, path.resolve(i.path), deps.now(), { crs: i.crs, encoding: i.encoding }),
    ...createAnalysisHandlers({
      db,
      workspacePath: () => workspace.get().path,
      jobs,
      now: () => deps.now(),
      analyses: deps.analyses,
    }),
    ...createMultiplanHandlers({ db, write }),
    ...createCasesHandlers({ db, write, now: () => deps.now(), workspacePath: () => workspace.get().path }),
    ...createChangeHandlers({ db, write, now: () => deps.now() }),
  };
}
