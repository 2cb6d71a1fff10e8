/**
 * The locale files read from disk in Node (the CLI's messages, Electron's native menu): one
 * namespace of one language with its domain parts merged in (common/locales.ts), the same
 * catalog the renderer bundles. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CimError } from '../../common/errors.js';
import { mergeLocaleFiles, type Catalog } from '../../common/locales.js';

/**
 * The nearest `locales/` folder at or above this module: the repository's from the sources,
 * the copy scripts/build-electron.mjs puts beside the bundle (dist/electron/locales).
 */
function findLocalesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'locales');
    if (fs.existsSync(path.join(candidate, 'zh-CN', 'ui.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new CimError('internal', { message: 'no locales folder beside the program' }, 'internal');
}

export type Lang = 'zh-CN' | 'en';

export function loadCatalog(lang: Lang, ns: string, localesDir = findLocalesDir()): Catalog {
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
