/**
 * The tiles/ dependency rules of .dependency-cruiser.cjs (issue #11): tile builders import
 * nothing of main/ (main/store least of all), so the job wrapper in main/tiles-jobs reads the
 * workspace. Runs the real depcruise with the repository's config on a small tree of
 * deliberate violations and clean imports in a temp folder, so the rules are shown to fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, depcruise, tempDir } from '../helpers.js';

/**
 * `depcruise` as `npm run deps` runs it (the default err report: one `error <rule>: from → to`
 * line per violation, exit code = the number of errors), in a temp tree of `files`.
 */
function cruise(files: Record<string, string>): { violations: string[]; exitCode: number | null; stderr: string } {
  const dir = tempDir('cim-depcruise-');
  const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')) as object;
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ ...base, include: ['**/*.ts'] }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const r = depcruise(dir, ['--config', path.join(ROOT, '.dependency-cruiser.cjs'), 'tiles', 'main', 'common']);
  const violations = r.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(error|warn|info) /.test(l))
    .sort();
  return { violations, exitCode: r.status, stderr: r.stderr };
}

const STORE = 'export const openWorkspaceDb = (): number => 1;\nexport type Db = number;\n';
const COMMON = 'export class CimError extends Error {}\n';

describe('dependency rules for tiles/', () => {
  it('fails a tile builder that imports main/store (a value or only a type) or any other part of main/', () => {
    const r = cruise({
      'main/store/connection.ts': STORE,
      'main/jobs/runner.ts': 'export const run = 1;\n',
      'common/errors.ts': COMMON,
      'tiles/reads-store.ts':
        "import { openWorkspaceDb } from '../main/store/connection.js';\nexport const x = openWorkspaceDb();\n",
      'tiles/types-from-store.ts':
        "import type { Db } from '../main/store/connection.js';\nexport const y = (db: Db): Db => db;\n",
      'tiles/runs-jobs.ts': "import { run } from '../main/jobs/runner.js';\nexport const z = run;\n",
    });
    expect(r.violations, r.stderr).toEqual([
      'error tiles-free-of-main: tiles/runs-jobs.ts → main/jobs/runner.ts',
      'error tiles-not-store: tiles/reads-store.ts → main/store/connection.ts',
      'error tiles-not-store: tiles/types-from-store.ts → main/store/connection.ts',
    ]);
    expect(r.exitCode).toBe(3);
  }, 60_000);

  it('passes the allowed direction: builders use common/, the wrapper in main/ uses the store and the builders', () => {
    const r = cruise({
      'main/store/connection.ts': STORE,
      'common/errors.ts': COMMON,
      'tiles/builder.ts':
        "import { CimError } from '../common/errors.js';\nexport const build = (): Error => new CimError();\n",
      'main/tiles-jobs/wrapper.ts':
        "import { build } from '../../tiles/builder.js';\nimport { openWorkspaceDb } from '../store/connection.js';\nexport const job = (): unknown => [build(), openWorkspaceDb()];\n",
    });
    expect(r.violations, r.stderr).toEqual([]);
    expect(r.exitCode).toBe(0);
  }, 60_000);
});
