/**
 * Which journal a workspace is opened with. WAL needs every connection on one host sharing
 * memory through the `-shm` file; on a network file system that fails silently and corrupts
 * (sqlite.org/wal.html §"WAL does not work over a network filesystem"; "How To Corrupt An
 * SQLite Database File" §2.1). There the workspace is opened in rollback-journal mode
 * (`journal_mode = DELETE`): slower, readers and writers take turns, but safe.
 * `CIM_JOURNAL_MODE=delete|wal` overrides the detection (a share we cannot recognise, such as a
 * mapped drive letter on Windows or SMB on macOS). Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsTypeOf } from './files.js';

export type JournalMode = 'wal' | 'delete';

export interface JournalChoice {
  mode: JournalMode;
  /** The network file system found (`nfs`, `cifs`, `fuse`…), or null on a local disk. */
  networkFs: string | null;
}

/**
 * Network and shared file systems by statfs f_type (linux/magic.h and the file systems' own
 * sources). FUSE covers sshfs, rclone, s3fs and virtiofs: it cannot be told apart from a local
 * FUSE disk, and rollback-journal mode is safe on both. 9p is WSL2's view of Windows drives.
 */
const NETWORK_FS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'nfs'],
  [0x517b, 'smb'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x65735546, 'fuse'],
  [0x01021997, '9p'],
  [0x5346414f, 'afs'],
  [0x6b414653, 'afs'],
  [0x73757245, 'coda'],
  [0x564c, 'ncp'],
  [0x00c36400, 'ceph'],
  [0x01161970, 'gfs2'],
  [0x7461636f, 'ocfs2'],
  [0x0bd00bd0, 'lustre'],
  [0x47504653, 'gpfs'],
  [0x786f4256, 'vboxsf'],
]);

export interface JournalEnv {
  platform: NodeJS.Platform;
  override: string | undefined;
  statfs: (p: string) => { type: number };
}

const REAL_ENV = (): JournalEnv => ({
  platform: process.platform,
  override: process.env.CIM_JOURNAL_MODE,
  statfs: fs.statfsSync,
});

/** The file system a workspace lives on: network ones by name, else null. */
export function networkFsOf(file: string, env: JournalEnv = REAL_ENV()): string | null {
  // \\server\share\w.gpkg (a UNC path) is a network share; mapped drive letters are not told
  if (env.platform === 'win32') return /^\\\\[^\\?.]/.test(path.win32.resolve(file)) ? 'smb' : null;
  if (env.platform !== 'linux') return null;
  const resolved = path.resolve(file);
  // the folder: the file may not exist yet
  const type = fsTypeOf(path.dirname(resolved), env.statfs);
  return type === null ? null : (NETWORK_FS.get(type) ?? null);
}

export function journalModeFor(file: string, env: JournalEnv = REAL_ENV()): JournalChoice {
  const networkFs = networkFsOf(file, env);
  const override = env.override?.trim().toLowerCase();
  if (override === 'delete' || override === 'wal') return { mode: override, networkFs };
  return { mode: networkFs ? 'delete' : 'wal', networkFs };
}
