/**
 * The open workspace: one GeoPackage file and this process's connection to it. Switching
 * workspaces closes the old connection. Other programs (QGIS, GDAL, sqlite3) may read and
 * write the file meanwhile through SQLite: `changedOutside` notices their commits.
 * Environment: node.
 */
import path from 'node:path';
import { CimError, storeError } from '../../common/errors.js';
import { adoptUncataloguedTables, hasUncataloguedTables } from './catalog.js';
import { journalModeOf, openWorkspaceDb, type Db } from './connection.js';
import { networkFsOf, type JournalMode } from './journal-mode.js';
import { LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { fromSqliteError, MAIN_BUSY_TIMEOUT_MS } from './sqlite-errors.js';

export interface OpenWorkspace {
  path: string;
  db: Db;
  /** The journal the file is open with: `delete` (rollback journal) on a network drive. */
  journalMode: JournalMode;
  /** The network file system it lies on (`nfs`, `cifs`…), or null. */
  networkFs: string | null;
}

export class WorkspaceService {
  private current: OpenWorkspace | null = null;
  /** `PRAGMA data_version` when last looked at: it moves when another connection commits. */
  private dataVersion: number | null = null;
  private readonly openedListeners = new Set<(ws: OpenWorkspace) => void>();

  constructor(private readonly now: () => Date) {}

  open(file: string, create = false): OpenWorkspace {
    const resolved = path.resolve(file);
    const db = openWorkspaceDb(resolved, { create });
    try {
      if (hasUncataloguedTables(db)) {
        db.transaction(() => adoptUncataloguedTables(db, this.now().toISOString())).immediate();
      }
    } catch (err) {
      db.close();
      throw err;
    }
    this.close();
    this.current = { path: resolved, db, journalMode: journalModeOf(db), networkFs: networkFsOf(resolved) };
    this.dataVersion = this.readDataVersion();
    for (const listener of this.openedListeners) listener(this.current);
    return this.current;
  }

  /** Called after each `open` (another workspace, or the demo city arriving). */
  onOpened(listener: (ws: OpenWorkspace) => void): () => void {
    this.openedListeners.add(listener);
    return () => this.openedListeners.delete(listener);
  }

  get(): OpenWorkspace {
    if (!this.current) throw storeError('no_workspace', {});
    return this.current;
  }

  isOpen(): boolean {
    return this.current !== null;
  }

  /**
   * Picks up layers another connection (a job's worker, QGIS, GDAL) committed, and forgets
   * catalog rows of tables another program dropped. Takes the write lock only when there is
   * something to change, waiting at most `waitMs` for it; false when another program kept it
   * that long (the caller tries again later).
   */
  refresh(options: { waitMs?: number } = {}): boolean {
    const { db, path: file } = this.get();
    if (!hasUncataloguedTables(db)) return true;
    const wait = options.waitMs ?? MAIN_BUSY_TIMEOUT_MS;
    if (wait !== MAIN_BUSY_TIMEOUT_MS) db.pragma(`busy_timeout = ${String(wait)}`);
    try {
      db.transaction(() => adoptUncataloguedTables(db, this.now().toISOString())).immediate();
      return true;
    } catch (err) {
      const mapped = fromSqliteError(err, file, wait);
      if (mapped instanceof CimError && mapped.code === 'store.busy') return false;
      throw mapped;
    } finally {
      if (wait !== MAIN_BUSY_TIMEOUT_MS) db.pragma(`busy_timeout = ${String(MAIN_BUSY_TIMEOUT_MS)}`);
    }
  }

  /**
   * Whether another connection committed to the file since the last call (or since it was
   * opened). Our own jobs' workers are other connections too: the caller decides whose.
   */
  changedOutside(): boolean {
    if (!this.current) return false;
    const version = this.readDataVersion();
    const changed = this.dataVersion !== null && version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

  private readDataVersion(): number {
    return this.get().db.pragma('data_version', { simple: true }) as number;
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
    this.dataVersion = null;
  }
}
