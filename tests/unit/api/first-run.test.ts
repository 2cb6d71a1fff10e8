/**
 * `npm start` with no workspace (issue #3): the first run opens an empty scratch workspace,
 * builds the small demo city as a job into the user data folder and switches to it; the next
 * run opens it at once, and `demo.open` does not build it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, JobInfo } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import type { Backend } from '../../../main/api/backend.js';
import { tempDir } from '../helpers.js';

async function call<T>(backend: Backend, method: string, input: unknown = {}): Promise<T> {
  const reply = await backend.dispatch(method, input);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as T;
}

async function finished(backend: Backend, jobId: string): Promise<JobInfo> {
  for (;;) {
    const job = await call<JobInfo>(backend, 'jobs.get', { jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the first run', () => {
  it('builds the demo city into the user data folder and opens it', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const demoPath = path.join(dir, 'userdata', 'demo.gpkg');
    const options = { workspacePath: demoPath, demoPath, host: 'browser' as const, tempDir: dir };
    const backend = await createBackend({ ...options, logError: () => undefined });
    try {
      const first = await call<AppInfo>(backend, 'app.info');
      expect(first.workspace?.layerCount).toBe(0);
      expect(first.workspace?.path).not.toBe(demoPath);
      const [job] = await call<JobInfo[]>(backend, 'jobs.list');
      expect(job?.kind).toBe('demo');
      // asking again while it builds hands back the same job rather than a second build
      const again = await call<{ jobId: string | null }>(backend, 'demo.open');
      expect(again.jobId).toBe(job?.id);
      const done = await finished(backend, job?.id ?? '');
      expect(done.state).toBe('done');
      const opened = await call<AppInfo>(backend, 'app.info');
      expect(opened.workspace?.path).toBe(demoPath);
      // a view the renderer saved for the scratch workspace does not land in the city
      const cityView = await call<{ pitchDeg: number }>(backend, 'camera.get');
      expect(cityView.pitchDeg).toBeCloseTo(-35, 6);
      const globe = { lon: 104.5, lat: 35, heightM: 4.4e6, headingDeg: 0, pitchDeg: -90, rollDeg: 0 };
      await call(backend, 'camera.set', { camera: globe, workspacePath: first.workspace?.path });
      expect(await call(backend, 'camera.get')).toEqual(cityView);
      const layers = await call<{ name: string; kind: string }[]>(backend, 'layers.list');
      const names = layers.map((l) => l.name);
      for (const name of ['terrain', 'imagery', 'buildings_3d', 'parcels', 'roads', 'cases', 'plan_master'])
        expect(names).toContain(name);
      expect(fs.existsSync(path.join(dir, 'userdata', 'demo.tiles', '3dtiles', 'buildings_3d', 'tileset.json'))).toBe(
        true,
      );
    } finally {
      backend.close();
    }
    // the second start opens the city without building it
    const second = await createBackend({ ...options, logError: () => undefined });
    try {
      expect((await call<AppInfo>(second, 'app.info')).workspace?.path).toBe(demoPath);
      expect(await call<JobInfo[]>(second, 'jobs.list')).toEqual([]);
      const reopened = await call<{ jobId: string | null; workspace: { path: string } | null }>(second, 'demo.open');
      expect(reopened.jobId).toBeNull();
      expect(reopened.workspace?.path).toBe(demoPath);
    } finally {
      second.close();
    }
  });
});
