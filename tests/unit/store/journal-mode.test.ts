/**
 * WAL on network drives (issue #10): a workspace on NFS, SMB/CIFS, sshfs (FUSE), 9p… opens
 * with a rollback journal, and the workspace info says so. The statfs f_type numbers are
 * linux/magic.h's; no network share can be mounted here, so the file system is given.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/api/create-backend.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { journalModeFor, networkFsOf, type JournalEnv } from '../../../main/store/journal-mode.js';
import { snapshot, SHARED, tempDir } from '../helpers.js';

const linux = (type: number, override?: string): JournalEnv => ({
  platform: 'linux',
  override,
  statfs: () => ({ type }),
});

describe('the journal a workspace opens with', () => {
  it.each([
    [0xef53, null, 'ext4'],
    [0x01021994, null, 'tmpfs'],
    [0x6969, 'nfs', 'NFS'],
    [0xff534d42, 'cifs', 'CIFS'],
    // the same magic as a signed 32-bit number, as some platforms report it
    [0xff534d42 - 2 ** 32, 'cifs', 'CIFS, signed'],
    [0xfe534d42, 'smb2', 'SMB2'],
    [0x65735546, 'fuse', 'sshfs and other FUSE mounts'],
    [0x01021997, '9p', '9p (WSL2 drives)'],
  ] as [number, string | null, string][])('statfs type %i is %s (%s)', (type, expected) => {
    expect(networkFsOf('/data/w.gpkg', linux(type))).toBe(expected);
    expect(journalModeFor('/data/w.gpkg', linux(type)).mode).toBe(expected ? 'delete' : 'wal');
  });

  it('a UNC path on Windows is a share; a drive letter is not known to be one', () => {
    const win = (override?: string): JournalEnv => ({
      platform: 'win32',
      override,
      statfs: () => ({ type: 0 }),
    });
    expect(journalModeFor('\\\\nas\\规划\\w.gpkg', win())).toEqual({ mode: 'delete', networkFs: 'smb' });
    expect(journalModeFor('D:\\规划\\w.gpkg', win())).toEqual({ mode: 'wal', networkFs: null });
    expect(journalModeFor('D:\\规划\\w.gpkg', win('delete'))).toEqual({ mode: 'delete', networkFs: null });
  });

  it('CIM_JOURNAL_MODE overrides the detection both ways', () => {
    expect(journalModeFor('/data/w.gpkg', linux(0xef53, 'delete')).mode).toBe('delete');
    expect(journalModeFor('/data/w.gpkg', linux(0x6969, 'WAL')).mode).toBe('wal');
  });

  it('the temporary folder here is a local disk (the real statfs)', () => {
    expect(networkFsOf(path.join(tempDir(), 'w.gpkg'))).toBeNull();
  });

  it('a workspace on NFS is written with a rollback journal: no -wal, integrity ok, GDAL reads it', () => {
    const file = path.join(tempDir(), 'w.gpkg');
    const db = openWorkspaceDb(file, { create: true, journalEnv: linux(0x6969) });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    db.exec('CREATE TABLE notes (t TEXT)');
    db.prepare('INSERT INTO notes VALUES (?)').run('规划');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    db.close();
    expect(snapshot(file)).toMatchObject({ integrity: 'ok', tables: { notes: 1 } });
    expect(execFileSync('ogrinfo', ['-ro', '-so', file], { encoding: 'utf8' })).toContain('using driver `GPKG');

    // a workspace made in WAL on a local disk and moved to a share is switched on opening
    const local = path.join(tempDir(), 'moved.gpkg');
    openWorkspaceDb(local, { create: true }).close();
    const moved = openWorkspaceDb(local, { journalEnv: linux(0xff534d42) });
    expect(moved.pragma('journal_mode', { simple: true })).toBe('delete');
    moved.close();
  });
});

describe('the workspace info', () => {
  const saved = process.env.CIM_JOURNAL_MODE;
  afterEach(() => {
    if (saved === undefined) delete process.env.CIM_JOURNAL_MODE;
    else process.env.CIM_JOURNAL_MODE = saved;
  });

  it('says which journal the open workspace has, and jobs run in that mode', async () => {
    process.env.CIM_JOURNAL_MODE = 'delete';
    const dir = tempDir();
    const workspacePath = path.join(dir, 'w.gpkg');
    const backend = await createBackend({ workspacePath, host: 'browser', tempDir: dir, watchIntervalMs: 0 });
    try {
      const info = await backend.dispatch('workspace.info', {});
      expect(info).toEqual({
        ok: true,
        result: expect.objectContaining({ journalMode: 'delete', networkFs: null }) as unknown,
      });
      const started = await backend.dispatch('import.start', {
        source: { kind: 'path', path: path.join(SHARED, 'crs-china/parcels_wgs84.geojson') },
      });
      if (!started.ok) throw new Error(JSON.stringify(started.error));
      const done = await new Promise<unknown>((resolve) =>
        backend.onJobEvent((e) => {
          if (e.state !== 'running') resolve(e.state);
        }),
      );
      expect(done).toBe('done');
      expect(fs.existsSync(`${workspacePath}-wal`)).toBe(false);
    } finally {
      backend.close();
    }
    expect(snapshot(workspacePath)).toMatchObject({ integrity: 'ok', tables: { parcels_wgs84: 120 } });
  });
});
