import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OP_INTERSECT, type ClipBlockTask } from '../../../../main/analysis/clip/clip-block.js';
import { ClipPool } from '../../../../main/analysis/clip/pool.js';
import { ByteSink } from '../../../../main/analysis/clip/wkb.js';
import { clipWorkerEntry } from '../../../../main/analysis/clip/worker-entry.js';

/** One layer of n unit squares in lon/lat near 112.5E 33N, square i at i * 1e-5 degrees. */
function layer(n: number): { wkb: Uint8Array; offsets: Uint32Array } {
  const sink = new ByteSink();
  const offsets = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
  for (let i = 0; i < n; i++) {
    offsets[i] = sink.length;
    const x = 112.5 + i * 1e-5;
    sink.u8(1);
    sink.u32(3);
    sink.u32(1);
    sink.u32(5);
    for (const [dx, dy] of [
      [0, 0],
      [2e-4, 0],
      [2e-4, 2e-4],
      [0, 2e-4],
      [0, 0],
    ] as const) {
      sink.f64(x + dx);
      sink.f64(33 + dy);
    }
  }
  offsets[n] = sink.length;
  const wkb = new Uint8Array(new SharedArrayBuffer(sink.length));
  wkb.set(sink.view8());
  return { wkb, offsets };
}

const init = {
  layers: [layer(20)],
  gkDefinition: '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
  settings: { minAreaM2: 1, minWidthM: 0.1, srsId: 4326, insidePoints: false },
};

function tasks(n: number): ClipBlockTask[] {
  return Array.from({ length: n }, (_, index) => ({
    index,
    groups: Int32Array.from([OP_INTERSECT, 0, index, 0, 1, index + 1]),
  }));
}

describe('clip worker pool', () => {
  it('runs blocks on two workers and hands results back in block order', async () => {
    const pool = await ClipPool.start(2);
    const seen: number[] = [];
    await pool.run({ init, tasks: tasks(9), isCancelled: () => false, onResult: (r) => seen.push(r.index) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await pool.close();
  });

  it('stops at once on cancel, and reports a corrupt blob per feature instead of failing the run', async () => {
    const pool = await ClipPool.start(2);
    await expect(
      pool.run({ init, tasks: tasks(5), isCancelled: () => true, onResult: () => undefined }),
    ).rejects.toThrow(/jobs\.cancelled/);
    const again = await ClipPool.start(1);
    const broken = { ...init, layers: [{ wkb: new Uint8Array(4), offsets: new Uint32Array([0, 4]) }] };
    const bad: ClipBlockTask[] = [{ index: 0, groups: Int32Array.from([OP_INTERSECT, 0, 0, 0, 1, 0]) }];
    const seen: number[] = [];
    // Garbage WKB is reported per feature, not fatal; a layer index out of range is skipped.
    await again.run({
      init: broken,
      tasks: bad,
      isCancelled: () => false,
      onResult: (r) => seen.push(r.reports.length),
    });
    expect(seen).toEqual([1]);
    await again.close();
  });

  it('starts workers from a cached bundle of the sources', async () => {
    const first = await clipWorkerEntry();
    const file = fileURLToPath(first);
    expect(file.startsWith(os.tmpdir())).toBe(true);
    const before = fs.statSync(file).mtimeMs;
    const second = await clipWorkerEntry();
    expect(second.href).toBe(first.href);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });
});
