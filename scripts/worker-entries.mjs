// Every worker thread the code starts, as [its source entry, the file name beside the bundle].
// The code that starts a worker looks for that name next to the running bundle (workerEntry in
// main/analysis/worker-bundle.ts, the job and pyramid pools), so both bundles build them all:
// scripts/build-cli.mjs (dist/cli) and scripts/build-electron.mjs (dist/electron).
// tests/unit/cli/worker-entries.test.ts fails when a worker's code is not listed here.
export const WORKER_ENTRIES = [
  ['main/jobs/worker.ts', 'worker.cjs'],
  ['main/analysis/clip/clip-worker.ts', 'clip-worker.cjs'],
  ['tiles/pyramid-worker/worker.ts', 'pyramid-worker.cjs'],
  ['main/analysis/sunlight/cast-worker.ts', 'sunlight-cast-worker.cjs'],
];
