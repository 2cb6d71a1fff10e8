/**
 * Other programs reading and writing the workspace while the workstation runs (issue #10).
 * The host runs in a process of its own; sqlite3, ogr2ogr and a Node child are the others.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKSPACE_CHANGED, type JobInfo, type LayerEntry } from '../../../common/contract/index.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';
import { sqlite3, startHostProcess, type HostProcess } from './support/outside.js';

const PARCELS = path.join(SHARED, 'crs-china/parcels_wgs84.geojson');

let host: HostProcess | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

async function importAs(h: HostProcess, name: string): Promise<JobInfo> {
  const { jobId } = await h.call<{ jobId: string }>('import.start', { source: { kind: 'path', path: PARCELS }, name });
  return h.waitJob(jobId);
}

async function layerNames(h: HostProcess): Promise<string[]> {
  return (await h.call<LayerEntry[]>('layers.list', {})).map((l) => l.name).sort();
}

describe('another process opening the workspace while the host runs', () => {
  // Regression: the host checked the file header with fs.openSync/closeSync in the process
  // whose threads held SQLite connections, which dropped their POSIX locks. sqlite3 then
  // took itself for the last connection, checkpointed and deleted the WAL; the next job's
  // layer went into a WAL the host's own connection never saw and was gone after the stop.
  it('keeps the WAL, and the host and the file keep every job', async () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    host = await startHostProcess(ws);
    expect((await importAs(host, 'a')).state).toBe('done');

    // another process opens the file, reads, and closes it
    expect(sqlite3(ws, 'SELECT count(*) FROM cim_layers')).toBe('1');
    expect(fs.existsSync(`${ws}-wal`)).toBe(true);

    expect((await importAs(host, 'b')).state).toBe('done');
    expect(await layerNames(host)).toEqual(['a', 'b']);
    expect(sqlite3(ws, 'SELECT name FROM cim_layers ORDER BY name')).toBe('a\nb');

    expect(await host.stop()).toBe(0);
    expect(host.log()).not.toMatch(/host error|SqliteError/);
    const after = snapshot(ws);
    expect(after.integrity).toBe('ok');
    expect(after.tables).toMatchObject({ a: 120, b: 120 });
    expect(sqlite3(ws, 'SELECT name FROM cim_layers ORDER BY name')).toBe('a\nb');
  });

  it('shows a layer GDAL added (and a row another program wrote) without a restart', async () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    host = await startHostProcess(ws);
    expect((await importAs(host, 'a')).state).toBe('done');
    const before = (await host.call<LayerEntry[]>('layers.list', {})).find((l) => l.name === 'a');

    // GDAL writes a new layer through SQLite, as QGIS's "save as" into the workspace does
    execFileSync('ogr2ogr', ['-update', '-f', 'GPKG', ws, PARCELS, '-nln', 'from_gdal']);
    const change = await host.nextEvent((e) => e.kind === WORKSPACE_CHANGED);
    expect(change).toMatchObject({ state: 'done', result: { reason: 'outside', path: ws, journalMode: 'wal' } });
    // the renderer reloads the list on that event: the new layer is catalogued
    expect(await layerNames(host)).toEqual(['a', 'from_gdal']);

    // GDAL appends a row to a layer (QGIS saving an edit does the same): its count moves,
    // which is what makes the globe reload it
    execFileSync('ogr2ogr', ['-append', '-update', ws, PARCELS, '-nln', 'a', '-nlt', 'MULTIPOLYGON', '-fid', '1']);
    await host.nextEvent((e) => e.kind === WORKSPACE_CHANGED && e.id !== change.id);
    const after = (await host.call<LayerEntry[]>('layers.list', {})).find((l) => l.name === 'a');
    expect(after?.featureCount).toBe((before?.featureCount ?? 0) + 1);
    expect(await host.stop()).toBe(0);
    expect(snapshot(ws).integrity).toBe('ok');
  });

  it('waits for another program that holds the write lock, then finishes the job', async () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    host = await startHostProcess(ws);
    // a writer in another process that keeps its transaction open for 3 s
    const holder = spawn(process.execPath, [
      '-e',
      `const db = new (require('better-sqlite3'))(${JSON.stringify(ws)});
       db.exec('BEGIN IMMEDIATE'); db.exec('CREATE TABLE held_by_other (x)');
       console.log('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, 3000);`,
    ]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const started = Date.now();
    const job = await importAs(host, 'a');
    expect(job.state).toBe('done');
    expect(Date.now() - started).toBeGreaterThan(2000);
    expect(await host.stop()).toBe(0);
    expect(snapshot(ws).tables).toMatchObject({ a: 120, held_by_other: 0 });
  });
});

describe('the back end watching the file', () => {
  it('forgets a layer GDAL deleted and says the workspace changed', async () => {
    const { createBackend } = await import('../../../main/api/create-backend.js');
    const dir = tempDir();
    const ws = path.join(dir, 'w.gpkg');
    const backend = await createBackend({ workspacePath: ws, host: 'browser', tempDir: dir, watchIntervalMs: 100 });
    try {
      const events: JobInfo[] = [];
      backend.onJobEvent((e) => events.push(e));
      const started = await backend.dispatch('import.start', { source: { kind: 'path', path: PARCELS }, name: 'a' });
      expect(started.ok).toBe(true);
      await expect
        .poll(() => events.some((e) => e.kind === 'import' && e.state === 'done'), { timeout: 60_000 })
        .toBe(true);
      // GDAL's DROP TABLE also removes the layer's GeoPackage registrations
      execFileSync('ogrinfo', [ws, '-sql', 'DROP TABLE a']);
      await expect.poll(() => events.some((e) => e.kind === WORKSPACE_CHANGED), { timeout: 10_000 }).toBe(true);
      expect(await backend.dispatch('layers.list', {})).toEqual({ ok: true, result: [] });
    } finally {
      backend.close();
    }
    expect(snapshot(ws).integrity).toBe('ok');
  });
});

describe('SQLite failures a job meets', () => {
  it('a statement that meets a column another program dropped is store.schema_changed', async () => {
    const { openWorkspaceDb } = await import('../../../main/store/connection.js');
    const { fromSqliteError } = await import('../../../main/store/sqlite-errors.js');
    const ws = path.join(tempDir(), 'w.gpkg');
    const db = openWorkspaceDb(ws, { create: true });
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, height_m REAL)');
    const read = db.prepare('SELECT height_m FROM t');
    const other = new Database(ws);
    other.exec('ALTER TABLE t DROP COLUMN height_m');
    other.close();
    let caught: unknown;
    try {
      read.all();
    } catch (err) {
      caught = fromSqliteError(err, ws);
    }
    expect(caught).toMatchObject({ code: 'store.schema_changed', facts: { file: ws } });
    db.close();
  });

  it('a job that cannot get the write lock in time fails with store.busy and writes nothing', async () => {
    const { openWorkspaceDb } = await import('../../../main/store/connection.js');
    const { runImport } = await import('../../../main/import/run-import.js');
    const { fromSqliteError } = await import('../../../main/store/sqlite-errors.js');
    const ws = path.join(tempDir(), 'w.gpkg');
    openWorkspaceDb(ws, { create: true }).close();
    const before = snapshot(ws);
    const holder = new Database(ws);
    holder.exec('BEGIN IMMEDIATE');
    const db = openWorkspaceDb(ws, { busyTimeoutMs: 200 });
    let caught: unknown;
    try {
      await runImport(
        db,
        { file: { path: PARCELS, fileName: 'parcels_wgs84.geojson' } },
        { progress: () => undefined, isCancelled: () => false, now: () => new Date() },
      );
    } catch (err) {
      caught = fromSqliteError(err, ws, 200);
    }
    holder.exec('ROLLBACK');
    holder.close();
    db.close();
    expect(caught).toMatchObject({ code: 'store.busy', facts: { file: ws, seconds: 0 } });
    expect(snapshot(ws)).toEqual(before);
  });
});
