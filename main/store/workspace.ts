/**
 * The open workspace: one GeoPackage file and this process's connection to it. Switching
 * workspaces closes the old connection. Environment: node.
 */
import path from 'node:path';
import { storeError } from '../../common/errors.js';
import { adoptUncataloguedTables } from './catalog.js';
import { openWorkspaceDb, type Db } from './connection.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';

export interface OpenWorkspace {
  path: string;
  db: Db;
}

export class WorkspaceService {
  private current: OpenWorkspace | null = null;

  constructor(private readonly now: () => Date) {}

  open(file: string, create = false): OpenWorkspace {
    const resolved = path.resolve(file);
    const db = openWorkspaceDb(resolved, { create });
    db.transaction(() => adoptUncataloguedTables(db, this.now().toISOString()))();
    this.close();
    this.current = { path: resolved, db };
    return this.current;
  }

  get(): OpenWorkspace {
    if (!this.current) throw storeError('no_workspace', {});
    return this.current;
  }

  isOpen(): boolean {
    return this.current !== null;
  }

  /** Picks up layers another connection (a job's worker) committed. */
  refresh(): void {
    const ws = this.get();
    ws.db.transaction(() => adoptUncataloguedTables(ws.db, this.now().toISOString()))();
  }

  title(): string {
    return path.basename(this.get().path).replace(/\.gpkg$/i, '');
  }

  schemaVersion(): number {
    return LATEST_SCHEMA_VERSION;
  }

  /** Folder beside the workspace where its tile pyramids and 3D Tiles live. */
  tilesDir(): string {
    return this.get().path.replace(/\.gpkg$/i, '') + '.tiles';
  }

  close(): void {
    this.current?.db.close();
    this.current = null;
  }
}
