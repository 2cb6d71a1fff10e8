// Checks the Debian packages the tests need, installs the missing ones with apt-get when
// running as root, or stops with the one command to run. Tests never skip silently.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** package -> how we know it is there */
const CHECKS = {
  chromium: () => fs.existsSync('/usr/bin/chromium'),
  'fonts-noto-cjk': () => {
    const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    return r.status === 0 && /Noto (Sans|Serif) CJK/.test(r.stdout);
  },
  'gdal-bin': () => spawnSync('ogrinfo', ['--version']).status === 0,
  'poppler-utils': () => spawnSync('pdftoppm', ['-v']).status === 0,
  // cs2cs: PROJ's own answer for the CRS tests (gdal-bin brings the library, not the tools)
  'proj-bin': () => spawnSync('cs2cs', ['--version']).error === undefined,
  // the sqlite3 shell: the "other program" of the workspace-sharing tests (tests/unit/store)
  sqlite3: () => spawnSync('sqlite3', ['--version']).status === 0,
  // a throwaway PostGIS cluster for the pg tests (tests/unit/pg/cluster.ts: initdb, pg_ctl)
  'postgresql-15': () => fs.existsSync('/usr/lib/postgresql/15/bin/initdb'),
  'postgresql-15-postgis-3': () => fs.existsSync('/usr/share/postgresql/15/extension/postgis.control'),
};

export function missingPackages(names = Object.keys(CHECKS)) {
  return names.filter((n) => !CHECKS[n]());
}

export function ensureSystemPackages(names = Object.keys(CHECKS)) {
  const missing = missingPackages(names);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `The tests need these system packages: ${missing.join(' ')}\nRun: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.error(`Installing missing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = missingPackages(missing);
  if (still.length) {
    console.error(`apt-get finished but these are still missing: ${still.join(' ')}`);
    process.exit(1);
  }
}
