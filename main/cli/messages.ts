/**
 * Error messages for the command line, from the same locale files the renderer uses
 * (locales/<lng>/errors.json, i18next `{{name}}` interpolation). Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SerializedError } from '../api/errors.js';

type Catalog = Record<string, unknown>;

const LOCALES_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../locales');

export type Lang = 'zh-CN' | 'en';

export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const v = env.CIM_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}

function loadCatalog(lang: Lang): Catalog {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lang, 'errors.json'), 'utf8')) as Catalog;
}

function lookup(catalog: Catalog, dotted: string): string | undefined {
  let node: unknown = catalog;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function formatError(error: SerializedError, lang: Lang): string {
  const template = lookup(loadCatalog(lang), error.code) ?? `${error.code} ${JSON.stringify(error.facts)}`;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const v = error.facts[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
