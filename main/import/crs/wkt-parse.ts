/**
 * A small parser for WKT 1 (OGC and ESRI dialects) and WKT 2 (ISO 19162) text: a tree of
 * `KEYWORD[value, …]` nodes. Pure; environment: common.
 */

export interface WktNode {
  keyword: string;
  values: WktValue[];
}

type WktValue = string | number | WktNode;

/** Why the text is not WKT (the caller names the file); null when it parsed. */
export class WktSyntaxError extends Error {}

export function parseWkt(text: string): WktNode {
  const src = text.trim();
  let i = 0;
  const skipSpace = (): void => {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
  };
  const fail = (what: string): never => {
    throw new WktSyntaxError(`${what} at ${String(i)}`);
  };

  function node(): WktNode {
    skipSpace();
    const start = i;
    while (i < src.length && /[A-Za-z0-9_]/.test(src[i] ?? '')) i++;
    const keyword = src.slice(start, i);
    if (!keyword) fail('keyword expected');
    skipSpace();
    const open = src[i];
    if (open !== '[' && open !== '(') return { keyword: keyword.toUpperCase(), values: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const values: WktValue[] = [];
    for (;;) {
      skipSpace();
      if (src[i] === close) {
        i++;
        break;
      }
      values.push(value());
      skipSpace();
      if (src[i] === ',') i++;
      else if (src[i] !== close) fail(`'${close}' or ',' expected`);
    }
    return { keyword: keyword.toUpperCase(), values };
  }

  function value(): WktValue {
    const c = src[i];
    if (c === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= src.length) fail('unterminated string');
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          return out;
        }
        out += src.charAt(i);
        i++;
      }
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i, i + 40));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    return node();
  }

  const root = node();
  skipSpace();
  if (i < src.length) fail('text after the end');
  if (root.values.length === 0) fail('not a WKT definition');
  return root;
}

export function child(n: WktNode, ...keywords: string[]): WktNode | undefined {
  for (const v of n.values) if (typeof v === 'object' && keywords.includes(v.keyword)) return v;
  return undefined;
}

export function children(n: WktNode, keyword: string): WktNode[] {
  return n.values.filter((v): v is WktNode => typeof v === 'object' && v.keyword === keyword);
}

/** The first string value (the name of a CRS, datum, ellipsoid…). */
export function nameOf(n: WktNode | undefined): string {
  const v = n?.values[0];
  return typeof v === 'string' ? v : '';
}

export function numberAt(n: WktNode | undefined, index: number): number | undefined {
  const v = n?.values[index];
  return typeof v === 'number' ? v : undefined;
}

/** Depth-first search for the first node with one of `keywords`. */
export function find(n: WktNode, ...keywords: string[]): WktNode | undefined {
  for (const v of n.values) {
    if (typeof v !== 'object') continue;
    if (keywords.includes(v.keyword)) return v;
    const deeper = find(v, ...keywords);
    if (deeper) return deeper;
  }
  return undefined;
}
