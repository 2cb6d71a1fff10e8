/**
 * Adding an analysis is one registry line (docs/adding-an-analysis.md): a skeleton analysis,
 * registered here, shows in `cim analyze --help`, runs from `cim analyze` with flags derived
 * from its schema, is offered by the API, and appears in the Analysis menu of both hosts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { LayerName, type AnalysisInfo } from '../../../common/contract/index.js';
import { resolveMenu } from '../../../common/menu.js';
import { defineAnalysis, type AnalysisControl } from '../../../main/analysis/entry.js';
import type { Db } from '../../../main/store/connection.js';
import { ANALYSES, AnalysisRegistry } from '../../../main/analysis/registry.js';
import { readRun, withResultLayer } from '../../../main/analysis/result.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { runAnalyzeCommand } from '../../../main/cli/analyze-command.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { countFeatures, describeFeatureTable, iterateFeatures } from '../../../main/store/feature-table.js';
import { handCase, planWorkspace } from './plan-fixture.js';
import { tempDir } from '../helpers.js';

vi.mock('electron', () => ({ app: {}, dialog: {}, Menu: {} }));

/** The skeleton: one point per feature of a layer, at its first vertex, with the layer's fid. */
const SkeletonParams = z
  .object({
    layer: LayerName.describe('the layer to mark'),
    everyNth: z.number().int().min(1).optional().describe('mark every n-th feature only'),
    name: LayerName.optional(),
  })
  .strict();
const SkeletonSummary = z.object({ resultLayer: z.string(), count: z.number().int(), marked: z.number().int() });

function runSkeleton(
  db: Db,
  p: z.output<typeof SkeletonParams>,
  control: AnalysisControl,
): Promise<z.output<typeof SkeletonSummary>> {
  return withResultLayer(
    db,
    { kind: 'skeleton', params: p },
    { name: p.name, prefix: 'skeleton', geometryType: 'POINT', fields: [{ name: 'source_fid', type: 'INTEGER' }] },
    control,
    ({ name, writer }) => {
      let i = 0;
      for (const f of [...iterateFeatures(db, describeFeatureTable(db, p.layer))]) {
        const g = f.geometry;
        if (i++ % (p.everyNth ?? 1) !== 0 || !g) continue;
        const first =
          g.type === 'Polygon'
            ? g.coordinates[0]?.[0]
            : g.type === 'MultiPolygon'
              ? g.coordinates[0]?.[0]?.[0]
              : undefined;
        if (!first) continue;
        writer.write({ type: 'Point', coordinates: [first[0], first[1]] }, [f.fid]);
      }
      return { resultLayer: name, count: writer.count(), marked: writer.count() };
    },
  );
}

const skeleton = defineAnalysis({
  kind: 'skeleton',
  command: ['skeleton'],
  params: SkeletonParams,
  summary: SkeletonSummary,
  load: () => Promise.resolve({ run: runSkeleton }),
  jobTitle: (p) => p.layer,
  panel: true,
});

const registry = new AnalysisRegistry([...ANALYSES, skeleton]);

async function capture(fn: () => Promise<number>): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await fn(), stdout: chunks.join('') };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

describe('the analysis registry', () => {
  const { file, db } = planWorkspace(handCase());
  db.close();
  afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

  it('lists the skeleton in cim analyze --help with flags derived from its schema', async () => {
    const { code, stdout } = await capture(() => runAnalyzeCommand(['--help'], registry));
    expect(code).toBe(0);
    expect(stdout).toContain(
      'cim analyze skeleton --workspace W.gpkg --layer TEXT [--every-nth N] [--name TEXT] [--json]',
    );
    expect(stdout).toContain('--every-nth          mark every n-th feature only');
    expect(stdout).toContain('cim analyze multiplan --workspace W.gpkg --layers A,B[,C]');
  });

  it('runs it from cim analyze: one transaction, a result layer GDAL reads, the run recorded', async () => {
    const { code, stdout } = await capture(() =>
      runAnalyzeCommand(
        ['skeleton', '--workspace', file, '--layer', 'plan_master', '--every-nth', '2', '--json'],
        registry,
      ),
    );
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { resultLayer: string; count: number };
    expect(summary).toEqual({ resultLayer: 'skeleton_1', count: 1, marked: 1 }); // plan_master has two parcels: the first of every two
    const check = openWorkspaceDb(file);
    expect(countFeatures(check, 'skeleton_1')).toBe(1);
    const ogr = execFileSync('ogrinfo', ['-ro', '-so', file, 'skeleton_1'], { encoding: 'utf8' });
    expect(ogr).toMatch(/Geometry: Point/);
    expect(ogr).toMatch(/Feature Count: 1/);
    expect(readRun(check, 'skeleton_1')).toMatchObject({
      kind: 'skeleton',
      params: { layer: 'plan_master', everyNth: 2 },
    });
    check.close();
    await expect(
      runAnalyzeCommand(['skeleton', '--workspace', file, '--every-nth', '0'], registry),
    ).rejects.toMatchObject({
      code: 'cli.usage',
      kind: 'args',
    });
  });

  it('is offered by the API, which checks its parameters with its schema', async () => {
    const backend = await createBackend({
      workspacePath: file,
      host: 'browser',
      tempDir: tempDir(),
      analyses: registry,
      logError: () => undefined,
    });
    try {
      const kinds = await backend.dispatch('analysis.kinds', {});
      expect(kinds.ok && (kinds.result as AnalysisInfo[]).find((a) => a.kind === 'skeleton')).toEqual({
        kind: 'skeleton',
        command: ['skeleton'],
        panel: true,
        report: false,
      });
      const bad = await backend.dispatch('analysis.start', {
        kind: 'skeleton',
        params: { layer: 'plan_master', everyNth: 0 },
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'api.bad_input' } });
    } finally {
      backend.close();
    }
  });

  it('appears in the Analysis menu of the page and of Electron', async () => {
    const analysis = resolveMenu('browser', registry.info()).find((m) => m.id === 'analysis');
    expect(analysis?.items).toContainEqual({
      type: 'command',
      command: 'analysis.skeleton',
      labelKey: 'analysis.skeleton.menu',
    });
    const { buildMenuTemplate } = await import('../../../main/app/menu.js');
    const sent: string[] = [];
    const noop = (): void => undefined;
    const template = buildMenuTemplate(
      'en',
      {
        send: (c) => sent.push(c),
        newWorkspace: noop,
        openWorkspace: noop,
        setLocale: noop,
        toggleDevTools: noop,
        quit: noop,
      },
      registry.info(),
      (key) => (key === 'analysis.skeleton.menu' ? 'Skeleton…' : key),
    );
    const items = (template.find((m) => m.label === 'menu.analysis')?.submenu ?? []) as MenuItemConstructorOptions[];
    const item = items.find((i) => i.label === 'Skeleton…');
    (item?.click as (() => void) | undefined)?.();
    expect(sent).toEqual(['analysis.skeleton']);
  });
});
