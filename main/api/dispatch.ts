/** Validates a call against the contract and runs its handler; never throws. Environment: node. */
import { z } from 'zod';
import { contract, type Method, type Reply } from '../../common/contract/index.js';
import { CimError, toSerializedError } from '../../common/errors.js';
import type { Handlers } from './handlers.js';

function isMethod(name: string): name is Method {
  return Object.hasOwn(contract, name);
}

/**
 * `translate` turns failures a handler could not name into user errors (SQLite's "database is
 * locked" when another program holds the workspace); what it leaves is an internal error.
 */
export function createDispatch(
  handlers: Handlers,
  onInternalError: (err: unknown) => void,
  translate: (err: unknown) => unknown = (err) => err,
) {
  return async function dispatch(method: string, input: unknown): Promise<Reply<unknown>> {
    try {
      if (!isMethod(method)) throw new CimError('api.unknown_method', { method }, 'args');
      const spec = contract[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        throw new CimError('api.bad_input', { method, issues: z.prettifyError(parsed.error) }, 'args');
      }
      const handler = handlers[method] as (i: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      return { ok: true, result };
    } catch (caught) {
      const err = translate(caught);
      if (!(err instanceof CimError)) onInternalError(err);
      return { ok: false, error: toSerializedError(err) };
    }
  };
}
