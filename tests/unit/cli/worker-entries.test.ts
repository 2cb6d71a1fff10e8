/**
 * Every worker thread the code starts is in scripts/worker-entries.mjs, so that the bundled
 * CLI (dist/cli) and the Electron bundle carry it beside them. A worker missing there starts
 * from the source tree in development and fails in the bundle (the sunlight cast workers did:
 * `cim serve` from dist/cli could not run a sunlight analysis).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const { WORKER_ENTRIES } = (await import(path.join(ROOT, 'scripts/worker-entries.mjs'))) as {
  WORKER_ENTRIES: [string, string][];
};

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** [bundle file name, source entry or null] for every worker the code looks for beside its bundle. */
function workersInCode(): [string, string | null][] {
  const found: [string, string | null][] = [];
  for (const file of [...sources('main'), ...sources('tiles')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    // workerEntry({ name: 'x', source: new URL('./x.ts', import.meta.url), … })
    for (const m of text.matchAll(/workerEntry\(\{\s*name:\s*'([^']+)',\s*source:\s*new URL\('([^']+)'/g)) {
      found.push([`${m[1] ?? ''}.cjs`, path.posix.join(path.dirname(file), m[2] ?? '')]);
    }
    // new URL('./x.cjs', import.meta.url): a bundle-relative worker
    for (const m of text.matchAll(/new URL\('\.\/([\w-]+\.cjs)', import\.meta\.url\)/g)) found.push([m[1] ?? '', null]);
  }
  return found;
}

describe('worker entries', () => {
  it('lists every worker the code starts, with its source, and every listed source exists', () => {
    const listed = new Map(WORKER_ENTRIES.map(([entry, name]) => [name, entry]));
    const inCode = workersInCode();
    expect(inCode.map(([name]) => name)).toEqual(
      expect.arrayContaining(['worker.cjs', 'clip-worker.cjs', 'pyramid-worker.cjs', 'sunlight-cast-worker.cjs']),
    );
    for (const [name, source] of inCode) {
      expect(listed.has(name), `${name} is not in scripts/worker-entries.mjs`).toBe(true);
      if (source) expect(listed.get(name)).toBe(source);
    }
    for (const [entry] of WORKER_ENTRIES) expect(fs.existsSync(path.join(ROOT, entry)), entry).toBe(true);
  });
});
