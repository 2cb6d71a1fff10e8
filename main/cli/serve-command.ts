/**
 * `cim serve [--workspace W.gpkg] [--port N] [--open]`: the browser host on 127.0.0.1.
 * Prints exactly one stdout line: `CIM Workstation: http://127.0.0.1:PORT/?token=...`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { createBackend } from '../api/create-backend.js';
import { defaultRendererDir, startHost } from '../host/server.js';
import { parse } from './args.js';

export function defaultWorkspacePath(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'cim-workstation', 'demo.gpkg');
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('cim: no system browser found; open the address above yourself\n'));
  child.unref();
}

export async function runServeCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
    token: { type: 'string' },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CimError('cli.usage', { message: `--port must be 0-65535, not ${values.port}` }, 'args');
  }
  // the workspace first: a bad --workspace is the user's to fix whatever else is missing
  const demoPath = defaultWorkspacePath();
  const backend = await createBackend({ workspacePath: values.workspace ?? demoPath, demoPath, host: 'browser' });
  const rendererDir = defaultRendererDir();
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    backend.close();
    throw new CimError('cli.usage', { message: 'the renderer is not built: run `npm run build` first' }, 'user');
  }
  const host = await startHost({ backend, rendererDir, port, token: values.token });
  process.stdout.write(`CIM Workstation: ${host.url}\n`);
  if (values.open) openBrowser(host.url);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  backend.close();
  return 0;
}
