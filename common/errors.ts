/**
 * Errors are values: a stable code, the i18n message key derived from it, and the facts
 * (file, record, field, …) the message interpolates. Environment: common.
 */

export type ErrorFacts = Readonly<Record<string, string | number | boolean | null>>;

/** Which side is at fault decides the HTTP status and the CLI exit code. */
export type ErrorKind = 'user' | 'auth' | 'args' | 'internal';

export class CimError extends Error {
  readonly code: string;
  readonly facts: ErrorFacts;
  readonly kind: ErrorKind;

  constructor(code: string, facts: ErrorFacts = {}, kind: ErrorKind = 'user') {
    super(`${code} ${JSON.stringify(facts)}`);
    this.name = 'CimError';
    this.code = code;
    this.facts = facts;
    this.kind = kind;
  }

  /** i18next key in the `errors` namespace. */
  get messageKey(): string {
    return `errors:${this.code}`;
  }

  toJSON(): SerializedError {
    return { code: this.code, messageKey: this.messageKey, facts: this.facts, kind: this.kind };
  }
}

export interface SerializedError {
  code: string;
  messageKey: string;
  facts: ErrorFacts;
  kind: ErrorKind;
}

export function importError(code: string, facts: ErrorFacts): CimError {
  return new CimError(`import.${code}`, facts, 'user');
}

export function storeError(code: string, facts: ErrorFacts): CimError {
  return new CimError(`store.${code}`, facts, 'user');
}

/** Turn anything thrown into a serialisable error, keeping the original text for internal faults. */
export function toSerializedError(err: unknown): SerializedError {
  if (err instanceof CimError) return err.toJSON();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', messageKey: 'errors:internal', facts: { message }, kind: 'internal' };
}
