import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../main/i18n/catalog.js';
import { ROOT } from '../helpers.js';

/** Every error code thrown anywhere in main/ or seeds/ must have a message in both languages. */
function thrownCodes(): string[] {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/new CimError\('([a-z_.]+)'/g)) codes.add(m[1] ?? '');
        for (const m of text.matchAll(/importError\('([a-z_]+)'/g)) codes.add(`import.${m[1] ?? ''}`);
        for (const m of text.matchAll(/storeError\('([a-z_]+)'/g)) codes.add(`store.${m[1] ?? ''}`);
        for (const m of text.matchAll(/code: '([a-z_]+\.[a-z_.]+)'/g)) codes.add(m[1] ?? '');
        // geometry problems: fail(ctx, 'ring_short') throws import.geometry_ring_short
        for (const m of text.matchAll(/fail\(ctx, '([a-z_]+)'/g)) codes.add(`import.geometry_${m[1] ?? ''}`);
        // reasons a record was skipped or repaired, shown in the import summary
        for (const m of text.matchAll(/(?:skipped: |repairs\.push\()'([a-z_]+)'/g)) codes.add(`skipped.${m[1] ?? ''}`);
      }
    }
  };
  walk(path.join(ROOT, 'main'));
  walk(path.join(ROOT, 'tiles'));
  walk(path.join(ROOT, 'seeds'));
  return [...codes].sort();
}

function lookup(catalog: unknown, code: string): unknown {
  return code
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('error messages', () => {
  const codes = thrownCodes();
  it('finds the codes main/ throws', () => {
    expect(codes).toContain('import.geometry_ring_short');
    expect(codes).toContain('import.truncated_json');
    expect(codes).toContain('skipped.closed_ring');
    expect(codes.length).toBeGreaterThan(30);
  });
  it.each(['zh-CN', 'en'])('has a %s message for every code, with the same {{facts}} in both', (lng) => {
    const catalog = loadCatalog(lng as 'zh-CN' | 'en', 'errors');
    const en = loadCatalog('en', 'errors');
    const missing = codes.filter((c) => typeof lookup(catalog, c) !== 'string');
    expect(missing).toEqual([]);
    for (const c of codes) {
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(lookup(catalog, c)), c).toEqual(vars(lookup(en, c)));
    }
  });
});
