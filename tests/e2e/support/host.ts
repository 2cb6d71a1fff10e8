/**
 * Starts the browser host (`cim serve`) on a fresh workspace in a temporary folder and
 * stops it afterwards. The host prints one line with its address and token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const ADDRESS_LINE = /^CIM Workstation: (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+))$/m;
const START_TIMEOUT_MS = 60_000;

export interface CimHost {
  /** The address with its token, as printed. */
  url: string;
  origin: string;
  token: string;
  workspacePath: string;
  /** Calls the contract over HTTP, as the renderer does; throws on `{ ok: false }`. */
  call<T>(method: string, input: unknown): Promise<T>;
}

export interface RunningHost {
  host: CimHost;
  stop(): Promise<void>;
}

function waitForAddress(child: ChildProcess, output: () => string): Promise<RegExpExecArray> {
  return new Promise((resolveAddress, reject) => {
    const timer = setTimeout(() => reject(new Error(`cim serve printed no address:\n${output()}`)), START_TIMEOUT_MS);
    const check = (): void => {
      const match = ADDRESS_LINE.exec(output());
      if (!match) return;
      clearTimeout(timer);
      resolveAddress(match);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cim serve exited with ${String(code)}:\n${output()}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface HostOptions {
  /** Copies this workspace (and its `.tiles` folder) in instead of starting from an empty one. */
  workspaceFrom?: string;
}

/**
 * A plain file copy of a workspace is safe only here: this process holds no SQLite connection
 * to either file (closing a copy's descriptor cannot drop anybody's locks), the host starts
 * after the copy, and the source was closed by the seed that wrote it (the last connection
 * checkpoints on close, so no -wal holds data the copy would miss). Anywhere a connection may
 * be open, copy through SQLite instead (main/store/files.ts).
 */
function copyWorkspace(from: string, to: string): void {
  cpSync(from, to);
  const tiles = from.replace(/\.gpkg$/i, '.tiles');
  if (existsSync(tiles)) cpSync(tiles, to.replace(/\.gpkg$/i, '.tiles'), { recursive: true });
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const folder = mkdtempSync(join(tmpdir(), 'cim-e2e-'));
  const workspacePath = join(folder, 'w.gpkg');
  if (options.workspaceFrom) copyWorkspace(options.workspaceFrom, workspacePath);
  const child = spawn(process.execPath, ['bin/cim.mjs', 'serve', '--workspace', workspacePath, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  try {
    const [, url = '', token = ''] = await waitForAddress(child, () => log);
    const origin = new URL(url).origin;
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cim-token': token },
        body: JSON.stringify(input),
      });
      const reply = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
      if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
      return reply.result as T;
    };
    return {
      host: { url, origin, token, workspacePath, call },
      stop: async () => {
        await stopProcess(child);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopProcess(child);
    rmSync(folder, { recursive: true, force: true });
    throw err;
  }
}
