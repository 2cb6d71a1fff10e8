/**
 * The one audited module for files the store and the writers touch on disk: workspace files
 * (a `.gpkg` and its `-wal`, `-shm`, `-journal`) and output files (exports, the seed, reports).
 *
 * Workspace files: POSIX advisory locks belong to the process, so closing ANY descriptor of
 * the database file drops every lock SQLite holds on it, in every thread
 * (sqlite.org, "How To Corrupt An SQLite Database File" §2.2). An outside reader then thinks
 * it is the last connection, checkpoints and deletes the WAL, and our next commit goes into a
 * log nobody else sees. So nothing here, or anywhere else, opens, reads, copies or streams a
 * workspace file with `fs`: SQLite opens it (header checks through a read-only connection,
 * copies through `VACUUM INTO`). `tests/unit/store/file-access.test.ts` enforces it. The only
 * `fs` calls on workspace paths are stat (no descriptor) and, for staging files no connection
 * holds, rename and remove.
 *
 * Output files: a missing folder is created (for every format alike), a bad place is refused
 * with the file's name and the reason as a `file.*` error, and a writer that fails leaves
 * nothing half-written behind (it writes a hidden partial file beside the target and renames
 * it into place). Environment: node.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';

/** The files SQLite keeps beside a database in WAL or rollback-journal mode. */
const WORKSPACE_SIDECARS = ['-wal', '-shm', '-journal'] as const;

/** A `.gpkg` or one of its SQLite sidecars: never to be opened with `fs`, nor served as a file. */
export function isWorkspaceFile(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return /\.gpkg$/.test(name) || WORKSPACE_SIDECARS.some((s) => name.endsWith(`.gpkg${s}`));
}

/**
 * Removes a workspace file and its sidecars. Only for files no connection in this process
 * holds (a staging file being replaced, a failed build): removing a live WAL loses data.
 */
export function removeWorkspaceFiles(file: string): void {
  for (const f of [file, ...WORKSPACE_SIDECARS.map((s) => `${file}${s}`)]) fs.rmSync(f, { force: true });
}

/**
 * Kernel pseudo file systems (linux/magic.h): their folders exist, but files cannot be made in
 * them. `mkdir -p` below such a folder is where Node's own recursive mkdir spins forever
 * (mkdir → ENOENT, parent → EEXIST, child again → ENOENT …), so we refuse them up front.
 */
const PSEUDO_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x6e736673, 'nsfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x50495045, 'pipefs'],
]);

/** statfs f_type as an unsigned 32-bit number (some platforms report it signed). */
export function fsTypeOf(folder: string, statfs: (p: string) => { type: number } = fs.statfsSync): number | null {
  try {
    const type = statfs(folder).type;
    return type < 0 ? type + 2 ** 32 : type;
  } catch {
    return null;
  }
}

/** A system error's code (`ENOENT`…); null for anything else (SQLite's codes included). */
function errnoOf(err: unknown): string | null {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
  return code !== null && /^E[A-Z]+$/.test(code) ? code : null;
}

/**
 * An `fs` failure while writing `file`, as a one-line user error naming the file and the
 * reason; anything that is not an fs error passes through unchanged.
 */
function writeError(err: unknown, file: string): unknown {
  if (err instanceof CimError) return err;
  const code = errnoOf(err);
  switch (code) {
    case null:
      return err;
    case 'EISDIR':
      return new CimError('file.is_folder', { file });
    case 'ENOTDIR':
    case 'EEXIST':
      return new CimError('file.parent_is_file', { file, parent: firstFileAbove(file) ?? path.dirname(file) });
    case 'EACCES':
    case 'EPERM':
      return new CimError('file.no_permission', { file });
    case 'EROFS':
      return new CimError('file.read_only', { file });
    case 'ENOSPC':
    case 'EDQUOT':
      return new CimError('file.disk_full', { file });
    default:
      return new CimError('file.cannot_write', { file, reason: code });
  }
}

/** The nearest ancestor of `file` that exists but is not a folder, if any. */
function firstFileAbove(file: string): string | null {
  for (let at = path.dirname(path.resolve(file)); ; at = path.dirname(at)) {
    const st = statOrNull(at);
    if (st && !st.isDirectory()) return at;
    if (st || path.dirname(at) === at) return null;
  }
}

/** stat without a descriptor; null when the path (or a parent, ENOTDIR) is not there. */
function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch (err) {
    const code = errnoOf(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw err;
  }
}

/**
 * `mkdir -p dir` for writing `file` into it, one level at a time (never Node's recursive
 * mkdir, which hangs below /proc). Refuses with a `file.*` error when a parent is a file, the
 * folder is a kernel pseudo file system, or the system says no.
 */
export function ensureFolder(dir: string, file: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const st = statOrNull(at);
    if (st) {
      if (!st.isDirectory()) throw new CimError('file.parent_is_file', { file, parent: at });
      break;
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) throw new CimError('file.cannot_write', { file, reason: 'ENOENT' });
    at = up;
  }
  const pseudo = PSEUDO_FS.get(fsTypeOf(at) ?? -1);
  if (pseudo) throw new CimError('file.system_folder', { file, folder: at, fsType: pseudo });
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST' && statOrNull(folder)?.isDirectory()) continue;
      throw writeError(err, file);
    }
  }
}

/**
 * Checks a file about to be written: not a folder, its folder there (created when missing)
 * and a real file system. Returns the absolute path.
 */
export function prepareOutputFile(target: string): string {
  const file = path.resolve(target);
  if (statOrNull(file)?.isDirectory()) throw new CimError('file.is_folder', { file });
  ensureFolder(path.dirname(file), file);
  return file;
}

/** A hidden name beside `file` for writing it before it is complete. */
function partialPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.partial`);
}

/**
 * Writes `target` through `write(partialPath)` and renames the result into place, so the
 * target is either the complete new file or what it was before. On any failure the partial
 * file (and, for a GeoPackage, its sidecars) is removed and the error names the target.
 */
export async function writeOutputFile<T>(target: string, write: (partial: string) => T | Promise<T>): Promise<T> {
  const file = prepareOutputFile(target);
  const partial = partialPathFor(file);
  try {
    const result = await write(partial);
    fs.renameSync(partial, file);
    return result;
  } catch (err) {
    removeWorkspaceFiles(partial);
    throw writeError(err, file);
  }
}

/**
 * Like `writeOutputFile` for a set of files written together (a shapefile's parts): they are
 * written into a hidden folder beside them, then renamed into place one by one.
 */
export async function writeOutputFiles<T>(
  targets: readonly string[],
  write: (partials: readonly string[]) => T | Promise<T>,
): Promise<T> {
  const files = targets.map(prepareOutputFile);
  const first = files[0];
  if (first === undefined) return write([]);
  const staging = partialPathFor(first);
  try {
    fs.mkdirSync(staging);
    const partials = files.map((f) => path.join(staging, path.basename(f)));
    const result = await write(partials);
    partials.forEach((p, i) => fs.renameSync(p, files[i] ?? p));
    return result;
  } catch (err) {
    throw writeError(err, first);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
