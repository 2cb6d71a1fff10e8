/**
 * Error messages for the command line, from the same locale files the renderer uses
 * (locales/<lng>/errors.json and locales/<lng>/errors/*.json, i18next `{{name}}`
 * interpolation). Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SerializedError } from '../../common/errors.js';
import { lookupText, mergeLocaleFiles, type Catalog } from '../../common/locales.js';

const LOCALES_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../locales');

export type Lang = 'zh-CN' | 'en';

export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const v = env.CIM_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(v) ? 'zh-CN' : 'en';
}

/** One namespace of one language, with its domain parts merged in. */
export function loadCatalog(lang: Lang, ns: string, localesDir = LOCALES_DIR): Catalog {
  const dir = path.join(localesDir, lang);
  const files: [string, unknown][] = [];
  const main = path.join(dir, `${ns}.json`);
  if (fs.existsSync(main)) files.push([main, JSON.parse(fs.readFileSync(main, 'utf8'))]);
  const parts = path.join(dir, ns);
  if (fs.existsSync(parts)) {
    for (const f of fs.readdirSync(parts).filter((n) => n.endsWith('.json'))) {
      const p = path.join(parts, f);
      files.push([p, JSON.parse(fs.readFileSync(p, 'utf8'))]);
    }
  }
  return mergeLocaleFiles(files)[lang]?.[ns] ?? {};
}

export function formatError(error: SerializedError, lang: Lang): string {
  const template =
    lookupText(loadCatalog(lang, 'errors'), error.code) ?? `${error.code} ${JSON.stringify(error.facts)}`;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const v = error.facts[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
