/**
 * Errors from the back end arrive as values (`SerializedError`: code, i18n key, facts).
 * The renderer keeps them as values up to the place that shows them.
 */
import type { SerializedError } from '../../common/errors.js';

export class ApiCallError extends Error {
  readonly error: SerializedError;

  constructor(error: SerializedError) {
    super(`${error.code} ${JSON.stringify(error.facts)}`);
    this.name = 'ApiCallError';
    this.error = error;
  }
}

/** The part of a SerializedError a rejection must have to be shown as one. */
interface SerializedShape {
  code: string;
  messageKey: string;
  facts?: SerializedError['facts'];
  kind?: SerializedError['kind'];
}

function looksSerialized(value: unknown): value is SerializedShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof SerializedError, unknown>>;
  return typeof candidate.code === 'string' && typeof candidate.messageKey === 'string';
}

/** Anything a call can reject with (HTTP client error, Electron's plain object, a TypeError). */
export function asSerializedError(err: unknown): SerializedError {
  if (err instanceof ApiCallError) return err.error;
  if (looksSerialized(err)) {
    return { code: err.code, messageKey: err.messageKey, facts: err.facts ?? {}, kind: err.kind ?? 'internal' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', messageKey: 'errors:internal', facts: { message }, kind: 'internal' };
}
