/**
 * Helpers for tests where the workstation and other programs share one workspace file: a
 * host in a child process (support/host-process.ts) driven over its HTTP API and its event
 * stream, and the sqlite3 command-line shell as the outside program.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { JobInfo } from '../../../../common/contract/index.js';
import { ROOT } from '../../helpers.js';

const HOST_LINE = /^HOST (\d+) ([0-9a-f]+)$/m;
const HOST_SCRIPT = path.join(ROOT, 'tests/unit/store/support/host-process.ts');

export interface HostProcess {
  call<T>(method: string, input: unknown): Promise<T>;
  /** Polls `jobs.get` until the job has ended. */
  waitJob(jobId: string, timeoutMs?: number): Promise<JobInfo>;
  /** Every event the host sent on `/api/events` so far (jobs and workspace changes). */
  events(): JobInfo[];
  /** Resolves with the first event `match` accepts, waiting for it when it has not come yet. */
  nextEvent(match: (e: JobInfo) => boolean, timeoutMs?: number): Promise<JobInfo>;
  /** stdout and stderr so far. */
  log(): string;
  /** null while it runs; its exit code (or signal) once it ended. */
  exited(): string | null;
  /** SIGTERM, then the exit code it ended with (0 = a clean stop). */
  stop(): Promise<number | null>;
}

export async function startHostProcess(workspacePath: string): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', HOST_SCRIPT, workspacePath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exit: string | null = null;
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (log += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (log += c));
  const ended = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = code === null ? String(signal) : String(code);
      resolve(code);
    }),
  );
  const [, port = '', token = ''] = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${log}`)), 60_000);
    const check = (): void => {
      const m = HOST_LINE.exec(log);
      if (!m) return;
      clearTimeout(timer);
      resolve(m);
    };
    child.stdout?.on('data', check);
    void ended.then(() => {
      clearTimeout(timer);
      reject(new Error(`host exited early:\n${log}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cim-token': token },
      body: JSON.stringify(input),
    });
    const reply = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.result as T;
  };

  // the event stream the renderer listens to
  const events: JobInfo[] = [];
  const waiters = new Set<() => void>();
  const stream = new AbortController();
  void fetch(`${base}/api/events?token=${token}`, { signal: stream.signal })
    .then(async (res) => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (data) events.push(JSON.parse(data) as JobInfo);
        }
        for (const w of waiters) w();
      }
    })
    .catch(() => undefined);

  return {
    call,
    async waitJob(jobId, timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const job = await call<JobInfo>('jobs.get', { jobId });
        if (job.state !== 'running') return job;
        if (Date.now() > until) throw new Error(`job ${jobId} still running after ${String(timeoutMs)} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    events: () => [...events],
    nextEvent(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no such event in ${String(timeoutMs)} ms; got ${JSON.stringify(events.map((e) => e.kind))}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    log: () => log,
    exited: () => exit,
    async stop() {
      stream.abort();
      if (exit !== null) return ended;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await ended;
      clearTimeout(force);
      return code;
    },
  };
}

/** Runs SQL with the sqlite3 shell, another process: it opens the file, runs, and closes it. */
export function sqlite3(file: string, sql: string): string {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}
