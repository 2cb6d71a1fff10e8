/**
 * The one `ipcMain.handle` of the app: every contract call goes through `backend.dispatch`, and
 * only from a frame showing `cim://app`. Environment: node (no Electron import at run time, so
 * tests call the handler directly).
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { Backend } from '../api/backend.js';
import type { Reply } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import { isAppUrl } from './url-policy.js';

/** The part of an `IpcMainInvokeEvent` the check reads. */
export type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> | { senderFrame: { url: string } | null };

export function createInvokeHandler(
  backend: Pick<Backend, 'dispatch'>,
): (event: InvokeEvent, method: unknown, input: unknown) => Promise<Reply<unknown>> {
  return async (event, method, input) => {
    const senderUrl = event.senderFrame?.url ?? null;
    if (!isAppUrl(senderUrl)) {
      return { ok: false, error: new CimError('ipc.forbidden_sender', { url: senderUrl }, 'auth').toJSON() };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: new CimError('ipc.bad_method', { method: typeof method }, 'args').toJSON() };
    }
    return backend.dispatch(method, input);
  };
}
