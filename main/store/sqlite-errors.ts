/**
 * SQLite's errors as the user's: another program holding the workspace, changing its tables
 * under a job, or a file that is no database. Every job runs in one transaction, so when one
 * of these stops it the workspace is as it was; the message says so. Environment: node.
 */
import { CimError, storeError } from '../../common/errors.js';

/** How long a job's connection waits for another program's write to finish before it gives up. */
export const JOB_BUSY_TIMEOUT_MS = 30_000;
/** The main thread's connection answers the UI: it waits less. */
export const MAIN_BUSY_TIMEOUT_MS = 5_000;

interface SqliteFailure {
  code: string;
  message: string;
}

function asSqliteFailure(err: unknown): SqliteFailure | null {
  if (!(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return null;
  return err.code.startsWith('SQLITE_') ? { code: err.code, message: err.message } : null;
}

/** Statements that failed because a table or column they name was changed by someone else. */
const SCHEMA_CHANGE = /no such (table|column)|has no column named|already exists|database schema has changed/i;

/**
 * The user error an SQLite failure on `file` means, or `err` unchanged when it is not one
 * (CimErrors and programming errors pass through).
 */
export function fromSqliteError(err: unknown, file: string, busyTimeoutMs = JOB_BUSY_TIMEOUT_MS): unknown {
  if (err instanceof CimError) return err;
  const failure = asSqliteFailure(err);
  if (!failure) return err;
  const { code, message } = failure;
  if (code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_SCHEMA') {
    return storeError('schema_changed', { file, reason: message });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return storeError('busy', { file, seconds: Math.round(busyTimeoutMs / 1000) });
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return storeError('damaged', { file, reason: message });
  }
  if (code === 'SQLITE_FULL') return storeError('disk_full', { file });
  if (code.startsWith('SQLITE_READONLY')) return storeError('read_only', { file, reason: message });
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return storeError('io_error', { file, reason: message });
  }
  if (code === 'SQLITE_ERROR' && SCHEMA_CHANGE.test(message)) {
    return storeError('schema_changed', { file, reason: message });
  }
  return err;
}
