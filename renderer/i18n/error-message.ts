import type { TFunction } from 'i18next';
import type { SerializedError } from '../../common/errors.js';
import { asSerializedError } from '../host/api-error.js';

/** The user-facing sentence for an error: its own message, or a generic one naming the code. */
export function errorMessage(t: TFunction, i18nExists: (key: string) => boolean, err: unknown): string {
  const error: SerializedError = asSerializedError(err);
  if (i18nExists(error.messageKey)) return t(error.messageKey, { ...error.facts });
  return t('ui:error.unknown', { code: error.code, facts: JSON.stringify(error.facts) });
}
