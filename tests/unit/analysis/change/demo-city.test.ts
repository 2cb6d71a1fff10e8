/**
 * The change detection on the demo city (the small city of the default seed): the 2022 and
 * 2024 surveys against the permits, the 三条控制线 and the road red lines. The generator notes
 * every illegal build it planted (gt_illegal_builds, 14, with its own excess figures);
 * precision and recall are computed per kind and printed, and must be at least 0.95. The
 * generator's kind `in_redline_or_farmland` is the detection's `in_protected_zone`.
 *
 * The same run on a re-digitised 2024 survey (every vertex moved 0.45 m in a pseudo-random
 * direction, as a resurvey does) must find the same suspects.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSummary } from '../../../../common/contract/change.js';
import { runChange } from '../../../../main/analysis/change/run-change.js';
import { addLayer } from '../../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import {
  createFeatureTable,
  describeFeatureTable,
  featureWriter,
  finishFeatureTable,
  iterateFeatures,
} from '../../../../main/store/feature-table.js';
import type { Position } from '../../../../main/store/gpkg-geometry.js';
import { DEFAULT_SEED, seedWorkspace } from '../../../../seeds/seed-workspace.js';
import { tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

interface Truth {
  bldg_id: string;
  kind: string;
  xkzh: string | null;
  excess_area_m2: number;
  excess_height_m: number;
}

const KIND: Record<string, string> = { in_redline_or_farmland: 'in_protected_zone' };
const KINDS = ['in_protected_zone', 'no_permit', 'beyond_height', 'beyond_footprint'];

let db: Db;

beforeAll(async () => {
  const file = path.join(tempDir('cim-change-'), 'demo.gpkg');
  await seedWorkspace(file, { seed: DEFAULT_SEED, scale: 'small' });
  db = openWorkspaceDb(file);
}, 240_000);

afterAll(() => {
  db.close();
});

function scores(s: ChangeSummary, truth: readonly Truth[]) {
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
      recall: w.length ? tp / w.length : 1,
    };
  });
  const tp = found.filter((x) => want.includes(x)).length;
  return { all: { precision: tp / found.length, recall: tp / want.length }, per };
}

function truthRows(): Truth[] {
  return db
    .prepare('SELECT bldg_id, kind, xkzh, excess_area_m2, excess_height_m FROM gt_illegal_builds ORDER BY bldg_id')
    .all() as Truth[];
}

/** A copy of a polygon layer with every vertex moved `moveM` metres (fixed pseudo-random directions). */
function redigitise(from: string, to: string, moveM: number): void {
  const info = describeFeatureTable(db, from);
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  db.transaction(() => {
    createFeatureTable(db, { name: to, title: to, geometryType: 'POLYGON', fields: info.fields });
    const writer = featureWriter(db, { name: to, title: to, geometryType: 'POLYGON', fields: info.fields });
    for (const f of [...iterateFeatures(db, info)]) {
      const g = f.geometry;
      if (g?.type !== 'Polygon') throw new Error('demo buildings are polygons');
      const rings = g.coordinates.map((ring) => {
        const moved = ring.slice(0, -1).map(([lon, lat]): Position => {
          const t = rnd() * 2 * Math.PI;
          const dLat = (moveM * Math.sin(t)) / 111_320;
          const dLon = (moveM * Math.cos(t)) / (111_320 * Math.cos((lat * Math.PI) / 180));
          return [lon + dLon, lat + dLat];
        });
        return [...moved, moved[0] as Position];
      });
      writer.write(
        { type: 'Polygon', coordinates: rings },
        info.fields.map((x) => f.properties[x.name]),
      );
    }
    finishFeatureTable(db, to, writer.extent());
    addLayer(db, { name: to, title: to, sourceCrs: null, sourceFile: null, createdAt: new Date().toISOString() });
  })();
}

describe('illegal-build detection on the demo city', () => {
  it('finds the planted illegal builds with precision and recall ≥ 0.95 per kind, and their figures', async () => {
    const s = await runChange(
      db,
      {
        before: 'buildings_2022',
        after: 'buildings_2024',
        permits: 'permits',
        zones: ['control_lines', 'road_redlines'],
      },
      control,
    );
    const truth = truthRows();
    expect(truth).toHaveLength(14);
    const r = scores(s, truth);
    console.log('vector method on the demo city:', JSON.stringify(r));
    expect(r.all.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.all.recall).toBeGreaterThanOrEqual(0.95);
    for (const k of r.per) {
      expect(k.precision, k.kind).toBeGreaterThanOrEqual(0.95);
      expect(k.recall, k.kind).toBeGreaterThanOrEqual(0.95);
    }
    // the figures the generator noted: excess area to 0.1 m², excess height to 0.05 m, permit number
    for (const t of truth) {
      const x = s.suspects.find((y) => y.id === t.bldg_id);
      expect(x, t.bldg_id).toBeDefined();
      expect(Math.abs((x?.excessAreaM2 ?? NaN) - t.excess_area_m2), t.bldg_id).toBeLessThan(0.1);
      expect(Math.abs((x?.excessHeightM ?? NaN) - t.excess_height_m), t.bldg_id).toBeLessThan(0.05);
      if (t.kind === 'beyond_footprint' || t.kind === 'beyond_height') expect(x?.permit).toBe(t.xkzh);
    }
    expect(s.count).toBe(s.suspects.length);
    // sorted by score, and the result layer carries kind and score
    const rows = db.prepare(`SELECT kind, score FROM "${s.resultLayer}" ORDER BY fid`).all() as {
      kind: string;
      score: number;
    }[];
    expect(rows.map((x) => x.kind)).toEqual(s.suspects.map((x) => x.kind));
    expect(rows.map((x) => x.score)).toEqual([...rows.map((x) => x.score)].sort((a, b) => b - a));
    expect(s.fieldsUsed).toMatchObject({
      height: 'height_m',
      floors: 'floors',
      permitHeight: 'height_m',
      permitId: 'xkzh',
    });
    expect(s.zones.map((z) => z.category).sort()).toEqual(['basic_farmland', 'eco_red_line', 'road_red_line']);
    expect(s.notes).toEqual([]);
    // the legal changes the generator made are classified but not listed
    expect(s.changes.raised ?? 0).toBeGreaterThan(s.byKind.beyond_height);
    expect(s.changes.extended ?? 0).toBeGreaterThan(s.byKind.beyond_footprint);
    expect(s.changes.demolished ?? 0).toBeGreaterThan(0);
  });

  it('finds the same suspects on a resurvey whose every vertex moved 0.45 m', async () => {
    redigitise('buildings_2024', 'buildings_2024_resurvey', 0.45);
    const s = await runChange(
      db,
      {
        before: 'buildings_2022',
        after: 'buildings_2024_resurvey',
        permits: 'permits',
        zones: ['control_lines', 'road_redlines'],
      },
      control,
    );
    const r = scores(s, truthRows());
    console.log('vector method on the re-digitised survey:', JSON.stringify(r));
    for (const k of r.per) {
      expect(k.precision, k.kind).toBeGreaterThanOrEqual(0.95);
      expect(k.recall, k.kind).toBeGreaterThanOrEqual(0.95);
    }
  });
});
