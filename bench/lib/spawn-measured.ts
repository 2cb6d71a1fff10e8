/**
 * Runs a command to completion and measures its wall time and peak resident memory.
 *
 * Peak RSS ("max RSS") comes from the kernel, not from sampling, where it can:
 * - `gnu-time`: the command runs under `/usr/bin/time -f %M`, which reports
 *   `ru_maxrss` from wait4(2) - the kernel's high-water mark of the process (all its
 *   threads, e.g. tsx's loader thread and job workers), exact and taken at exit.
 * - `proc-vmhwm` (when /usr/bin/time is missing): polls `VmHWM` in /proc/PID/status
 *   every 20 ms. VmHWM is the same kernel high-water mark and only ever grows, so the
 *   last reading is exact up to the last 20 ms before exit (a lower bound at worst).
 * Both measure one process: the `node` of the cim command or the `ogr2ogr` binary.
 * Wall time is measured here, spawn to exit, so it includes process start-up
 * (Node + tsx for cim, GDAL driver registration for ogr2ogr): what a user waits for.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export type RssMethod = 'gnu-time' | 'proc-vmhwm';

export interface MeasuredRun {
  wallMs: number;
  peakRssKiB: number;
  /** User + system CPU time of the process and the children it waited for (gnu-time only; NaN otherwise). */
  cpuMs: number;
  exitCode: number | null;
  stdout: string;
  stderrTail: string;
  rssMethod: RssMethod;
}

const GNU_TIME = '/usr/bin/time';

export function defaultRssMethod(): RssMethod {
  return fs.existsSync(GNU_TIME) ? 'gnu-time' : 'proc-vmhwm';
}

/** VmHWM (peak RSS, KiB) of a live process, or null once it has gone. */
export function readVmHwmKiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? null : Number(kib);
  } catch {
    return null;
  }
}

export function runMeasured(
  command: string,
  args: string[],
  options: { cwd: string; method: RssMethod; env?: NodeJS.ProcessEnv },
): Promise<MeasuredRun> {
  const timeFile = path.join(os.tmpdir(), `cim-bench-time-${String(process.pid)}-${String(Date.now())}.txt`);
  const [file, argv] =
    options.method === 'gnu-time' ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let polledKiB = 0;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
    const poll =
      options.method === 'proc-vmhwm' && child.pid !== undefined
        ? setInterval(() => {
            polledKiB = Math.max(polledKiB, readVmHwmKiB(child.pid as number) ?? 0);
          }, 20)
        : undefined;
    child.on('error', (err) => {
      clearInterval(poll);
      reject(err);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      let peakRssKiB = polledKiB;
      let cpuMs = NaN;
      if (options.method === 'gnu-time') {
        const text = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
        fs.rmSync(timeFile, { force: true });
        // GNU time writes "Command exited with non-zero status N" before the figures.
        const m = /([\d.]+) ([\d.]+) (\d+)\s*$/.exec(text.trim());
        peakRssKiB = Number(m?.[3] ?? NaN);
        cpuMs = (Number(m?.[1] ?? NaN) + Number(m?.[2] ?? NaN)) * 1000;
      }
      resolve({
        wallMs,
        peakRssKiB,
        cpuMs,
        exitCode: code,
        stdout,
        stderrTail: stderr.slice(-1500),
        rssMethod: options.method,
      });
    });
  });
}
