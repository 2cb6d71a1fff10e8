/**
 * How the locale files make one catalog per language and namespace. A namespace is
 * `locales/<lng>/<ns>.json`, plus any domain parts `locales/<lng>/<ns>/<part>.json` (an
 * analysis keeps its strings in its own file: `locales/zh-CN/ui/cases.json`), deep-merged in
 * file-name order. The renderer (Vite's glob) and the CLI (the file system) both read them
 * through `mergeLocaleFiles`. Environment: common.
 */

export type Catalog = Record<string, unknown>;
/** language -> namespace -> catalog */
export type LocaleResources = Record<string, Record<string, Catalog>>;

const LOCALE_FILE = /locales\/([^/]+)\/([^/.]+)(?:\/([^/]+))?\.json$/;

function isCatalog(v: unknown): v is Catalog {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies `from` into `into`; a key both define as text is an error (two files claim one string). */
function deepMerge(into: Catalog, from: Catalog, where: string): void {
  for (const [key, value] of Object.entries(from)) {
    const have = into[key];
    if (isCatalog(have) && isCatalog(value)) deepMerge(have, value, `${where}.${key}`);
    else if (have === undefined) into[key] = isCatalog(value) ? structuredClone(value) : value;
    else throw new Error(`locale key ${where}.${key} is defined twice`);
  }
}

/** `files`: [path, parsed JSON] of every locale file; the path ends `locales/<lng>/<ns>[/<part>].json`. */
export function mergeLocaleFiles(files: readonly (readonly [string, unknown])[]): LocaleResources {
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: LocaleResources = {};
  for (const [file, content] of sorted) {
    const m = LOCALE_FILE.exec(file.replace(/\\/g, '/'));
    if (!m?.[1] || !m[2] || !isCatalog(content)) continue;
    const lang = (out[m[1]] ??= {});
    deepMerge((lang[m[2]] ??= {}), content, `${m[1]}/${m[2]}`);
  }
  return out;
}

/** The text at a dotted key (`import.truncated_json`), if there is text there. */
export function lookupText(catalog: Catalog | undefined, dotted: string): string | undefined {
  let node: unknown = catalog;
  for (const part of dotted.split('.')) {
    if (!isCatalog(node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}
