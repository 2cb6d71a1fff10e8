/**
 * The Electron shell's outside check: Doyensec's electronegativity, a static analysis that
 * needs no Electron binary, over main/app with the Electron version we ship (`-e`, so it
 * does not look it up online). Every HIGH or MEDIUM finding must be listed, with its
 * reason, in main/app/electronegativity-accepted.json; any other fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

interface Accepted {
  check: string;
  file: string;
  reason: string;
}

function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return (pkg.devDependencies.electron ?? '').replace(/^[^\d]*/, '');
}

describe('electronegativity on the Electron shell', () => {
  it('finds nothing of high or medium severity that is not accepted with a reason', () => {
    const out = path.join(tempDir(), 'findings.csv');
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'),
        '-i',
        path.join(ROOT, 'main/app'),
        '-e',
        electronVersion(),
        '-r',
        '-o',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 240_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
      transformHeader: (h) => h.trim(),
    }).data;
    expect(rows.length).toBeGreaterThan(0); // the tool ran and reported (the accepted ones at least)
    const accepted = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'main/app/electronegativity-accepted.json'), 'utf8')) as {
        accepted: Accepted[];
      }
    ).accepted;
    for (const a of accepted) expect(a.reason.length, a.check).toBeGreaterThan(40);
    const serious = rows.filter((f) => ['HIGH', 'MEDIUM'].includes((f.severity ?? '').trim()));
    const unexplained = serious
      .filter(
        (f) =>
          !accepted.some(
            (a) =>
              a.check === f.issue?.trim() && (a.file === '*' || path.basename(f.filename?.trim() ?? '') === a.file),
          ),
      )
      .map((f) => `${f.issue ?? ''} ${f.filename ?? ''}:${f.location ?? ''} ${f.sample ?? ''}`);
    expect(unexplained).toEqual([]);
    expect(serious.map((f) => f.issue?.trim())).not.toContain('AUXCLICK_JS_CHECK');
  }, 300_000);
});
