/** A server child (`cim serve` or the reference) that announces its URL on one stdout line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readVmHwmKiB } from '../lib/spawn-measured.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Peak RSS so far (VmHWM, KiB) of the server process; null if it has exited. */
  peakRssKiB(): number | null;
  stderrTail(): string;
  stop(): Promise<void>;
}

export function startServer(args: string[], cwd: string, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-3000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killTimer);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${why}\n${stderr}`)));
    };
    const timer = setTimeout(
      () => fail(`no URL line within ${String(timeoutMs)} ms from: node ${args.join(' ')}`),
      timeoutMs,
    );
    child.once('error', (err) => fail(err.message));
    const early = (code: number | null): void =>
      fail(`node ${args.join(' ')} exited (${String(code)}) before printing its URL`);
    child.once('exit', early);
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout)?.[1];
      if (url === undefined || !stdout.includes('\n')) return;
      clearTimeout(timer);
      child.off('exit', early);
      resolve({
        child,
        url,
        peakRssKiB: () => (child.pid === undefined ? null : readVmHwmKiB(child.pid)),
        stderrTail: () => stderr,
        stop,
      });
    });
  });
}
