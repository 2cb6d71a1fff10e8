/** The machine and code a result was measured on, so results from different days compare. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  hostname: string;
  os: string;
  kernel: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  gdal: string | null;
  loadAverage1mAtStart: number;
}

export interface RepoInfo {
  commit: string | null;
  /** Files under version control changed since that commit (the run measured those edits). */
  dirty: boolean | null;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?(.*?)"?$/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return pretty;
  } catch {
    // not Linux, or a minimal image: fall back to the kernel's name
  }
  return `${os.type()} ${os.release()}`;
}

function tryRun(file: string, args: string[], cwd?: string): string | null {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    os: osName(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    gdal: tryRun('ogr2ogr', ['--version']),
    loadAverage1mAtStart: Number((os.loadavg()[0] ?? 0).toFixed(2)),
  };
}

export function repoInfo(root: string): RepoInfo {
  const commit = tryRun('git', ['rev-parse', 'HEAD'], root);
  const status = tryRun('git', ['status', '--porcelain', '--untracked-files=no'], root);
  return { commit, dirty: status === null ? null : status.length > 0 };
}
