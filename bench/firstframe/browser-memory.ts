/**
 * Peak resident memory of the browser: Chromium runs as a tree of processes (browser, GPU,
 * renderer, utility), so this samples the sum of VmRSS over the descendants of this Node
 * process whose command is chromium, and keeps the largest sum. Linux /proc only.
 */
import fs from 'node:fs';

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command may hold spaces and parentheses: the fields start after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const list = byParent.get(ppid) ?? [];
      list.push(Number(entry));
      byParent.set(ppid, list);
    } catch {
      // the process ended while we read
    }
  }
  return byParent;
}

function rssKiB(pid: number): { kib: number; chromium: boolean } {
  try {
    const status = fs.readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '';
    const kib = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { kib, chromium: /chrom/i.test(name) };
  } catch {
    return { kib: 0, chromium: false };
  }
}

/** Sum of VmRSS (KiB) of the chromium processes under `root`. */
export function chromiumTreeRssKiB(root = process.pid): number {
  const byParent = children();
  let total = 0;
  const stack = [...(byParent.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop() ?? 0;
    const { kib, chromium } = rssKiB(pid);
    if (chromium) total += kib;
    stack.push(...(byParent.get(pid) ?? []));
  }
  return total;
}

/** Samples every `everyMs` until stopped; `stop()` returns the peak in KiB. */
export function sampleBrowserPeak(everyMs = 500): { stop(): number } {
  let peak = 0;
  const tick = (): void => {
    peak = Math.max(peak, chromiumTreeRssKiB());
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}
