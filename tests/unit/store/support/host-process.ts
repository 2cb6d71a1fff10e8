/**
 * A browser host in a process of its own, for the tests where other processes share the
 * workspace with it: `node --import tsx host-process.ts W.gpkg`. Prints `HOST <port> <token>`
 * once it listens; stops on SIGTERM. Any crash ends the process with a non-zero code, which
 * the tests check. The renderer is a one-line page: these tests use the API only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../../../main/api/create-backend.js';
import { startHost } from '../../../../main/host/server.js';

const workspacePath = process.argv[2];
if (!workspacePath) throw new Error('usage: host-process.ts W.gpkg');
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-renderer-'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CIM</title>');
const backend = await createBackend({
  workspacePath,
  host: 'browser',
  workerUrl: new URL('../../../../main/jobs/worker-entry.mjs', import.meta.url),
  logError: (err) =>
    process.stderr.write(`host error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
});
const host = await startHost({ backend, rendererDir, port: 0 });
process.stdout.write(`HOST ${String(host.port)} ${host.token}\n`);
process.once('SIGTERM', () => {
  // CPU of the whole process, job workers included: the soak test reports it
  const cpu = process.cpuUsage();
  process.stdout.write(`CPU ${String(Math.round((cpu.user + cpu.system) / 1000))} ms\n`);
  void host.close().then(() => {
    backend.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
    process.exit(0);
  });
});
