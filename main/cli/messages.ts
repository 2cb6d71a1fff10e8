/**
 * Error messages for the command line, from the same locale files the renderer uses
 * (locales/<lng>/errors.json and locales/<lng>/errors/*.json, i18next `{{name}}`
 * interpolation). Environment: node.
 */
import type { SerializedError } from '../../common/errors.js';
import { lookupText } from '../../common/locales.js';
import { loadCatalog, type Lang } from '../i18n/catalog.js';

export type { Lang };

export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const v = env.CIM_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}

export function formatError(error: SerializedError, lang: Lang): string {
  const template =
    lookupText(loadCatalog(lang, 'errors'), error.code) ?? `${error.code} ${JSON.stringify(error.facts)}`;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const v = error.facts[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
