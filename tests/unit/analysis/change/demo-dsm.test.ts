/**
 * The raster method on the demo city's DSM pair (the small city of the default seed, whose
 * seed burns each survey's buildings onto the DEM at 0.5 m: sources/dsm_2022.tif and
 * dsm_2024.tif): precision and recall per kind against the planted illegal builds
 * (gt_illegal_builds, 14), printed, and at least 0.9. A raster suspect is named by the 2024
 * building it lies on; the generator's `in_redline_or_farmland` is `in_protected_zone`.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChange } from '../../../../main/analysis/change/run-change.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { DEFAULT_SEED, seedWorkspace, type SeedSummary } from '../../../../seeds/seed-workspace.js';
import { tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
const KIND: Record<string, string> = { in_redline_or_farmland: 'in_protected_zone' };
const KINDS = ['in_protected_zone', 'no_permit', 'beyond_height', 'beyond_footprint'];

let db: Db;
let seeded: SeedSummary;

beforeAll(async () => {
  const file = path.join(tempDir('cim-change-dsm-'), 'demo.gpkg');
  seeded = await seedWorkspace(file, { seed: DEFAULT_SEED, scale: 'small' });
  db = openWorkspaceDb(file);
}, 240_000);

afterAll(() => {
  db.close();
});

const dsm = (name: string): string => seeded.rasters.find((r) => r.name === name)?.path ?? '';

describe('raster method on the demo city', () => {
  it('finds the planted illegal builds with precision and recall ≥ 0.9 per kind', async () => {
    expect(seeded.rasters.filter((r) => r.name.startsWith('dsm_')).map((r) => [r.name, r.cellM, r.widthPx])).toEqual([
      ['dsm_2022', 0.5, 3640],
      ['dsm_2024', 0.5, 3640],
    ]);
    const s = await runChange(
      db,
      {
        before: 'buildings_2022',
        after: 'buildings_2024',
        permits: 'permits',
        zones: ['control_lines', 'road_redlines'],
        dsmBefore: dsm('dsm_2022'),
        dsmAfter: dsm('dsm_2024'),
      },
      control,
    );
    expect(s.method).toBe('raster');
    expect(s.dsm).toMatchObject({ crs: 'EPSG:4526', cellM: 0.5, resampled: false, minGainM: 2.5, minAreaM2: 12 });
    const truth = db.prepare('SELECT bldg_id, kind FROM gt_illegal_builds').all() as {
      bldg_id: string;
      kind: string;
    }[];
    expect(truth).toHaveLength(14);
    const found = s.suspects.map((x) => `${x.id}|${x.kind}`);
    const want = truth.map((t) => `${t.bldg_id}|${KIND[t.kind] ?? t.kind}`);
    const per = KINDS.map((k) => {
      const f = found.filter((x) => x.endsWith(`|${k}`));
      const w = want.filter((x) => x.endsWith(`|${k}`));
      const tp = f.filter((x) => w.includes(x)).length;
      return {
        kind: k,
        found: f.length,
        truth: w.length,
        precision: f.length ? tp / f.length : 1,
        recall: tp / w.length,
      };
    });
    console.log('raster method on the demo city DSM pair:', JSON.stringify(per));
    for (const k of per) {
      expect(k.precision, k.kind).toBeGreaterThanOrEqual(0.9);
      expect(k.recall, k.kind).toBeGreaterThanOrEqual(0.9);
    }
    // the result layer carries the raster figures
    const row = db
      .prepare(`SELECT method, area_m2, gain_mean_m, gain_max_m, kind FROM "${s.resultLayer}" ORDER BY fid LIMIT 1`)
      .get() as { method: string; area_m2: number; gain_mean_m: number; gain_max_m: number; kind: string };
    expect(row.method).toBe('raster');
    expect(row.area_m2).toBeGreaterThanOrEqual(12);
    expect(row.gain_max_m).toBeGreaterThanOrEqual(row.gain_mean_m);
  }, 240_000);
});
