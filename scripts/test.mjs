// `npm test`: system packages, typecheck, lint, dependency rules, unused exports, the cim bundle, unit tests,
// renderer build, e2e. Every step runs; the run fails if any step fails. The last line counts tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureSystemPackages } from './system-packages.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const REPORTS = path.join(ROOT, 'test-results');
fs.mkdirSync(REPORTS, { recursive: true });

ensureSystemPackages([
  'chromium',
  'fonts-noto-cjk',
  'gdal-bin',
  'poppler-utils',
  'proj-bin',
  'sqlite3',
  'postgresql-15',
  'postgresql-15-postgis-3',
]);

const npx = (args) => ['npx', ['--no-install', ...args]];
const STEPS = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', ...npx(['eslint', '.', '--max-warnings=0'])],
  ['prettier', ...npx(['prettier', '--check', '.'])],
  ['dependency rules', 'npm', ['run', '--silent', 'deps']],
  // Exports nothing imports (knip.json names the entry points; an export used only in its own file is fine).
  ['unused exports', ...npx(['knip', '--include', 'exports,types,duplicates', '--no-progress'])],
  // The cim bundle the CLI runs from (bin/cim.mjs falls back to tsx while it is stale).
  ['cli bundle', 'node', ['scripts/build-cli.mjs']],
  [
    'unit tests',
    ...npx([
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${path.join(REPORTS, 'vitest.json')}`,
    ]),
  ],
  ['renderer build', 'npm', ['run', '--silent', 'build']],
  ['e2e tests', ...npx(['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'])],
];

const only = process.argv.slice(2);
const failed = [];
for (const [name, cmd, args] of STEPS) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${String(r.status)})`} in ${secs}s`);
  if (r.status !== 0) failed.push(name);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPORTS, file), 'utf8'));
  } catch {
    return null;
  }
}

const vitest = readJson('vitest.json');
const pw = readJson('playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats?.expected ?? 0);
const failedTests = (vitest?.numFailedTests ?? 0) + (pw?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (pw?.stats?.skipped ?? 0);
console.log(`\nsteps failed: ${failed.length ? failed.join(', ') : 'none'}`);
console.log(`tests: ${String(passed)} passed, ${String(failedTests)} failed, ${String(skipped)} skipped`);
process.exit(failed.length || failedTests ? 1 : 0);
