/**
 * The seeded demo city (small scale), written once and checked as GDAL, QGIS and the
 * analyses will read it: determinism, GDAL conformance, rasters, the ground truth of plan
 * conflicts (against an independent GEOS overlay), illegal builds, parcel indicators,
 * pipe topology, cases and the layer catalog.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_CATEGORIES, CASE_STATUSES } from '../../../layers/cases.js';
import { DEFAULT_RULES } from '../../../layers/plan-rules.js';
import { pipeColour } from '../../../layers/pipelines.js';
import { CimError } from '../../../common/errors.js';
import { seedWorkspace, type SeedSummary } from '../../../seeds/seed-workspace.js';
import { createTerrain } from '../../../seeds/city/terrain.js';
import { ROOT, tempDir } from '../helpers.js';
import { gdalinfo, validCog, valuesAt } from './gdal.js';
import { conflictKey, overlayConflicts, type PlanFeatureIn, type PlanLayer } from './overlay.js';
import { GK_SHIFT, ringArea, SeededWorkspace, shifted, type Feature, type XY } from './read.js';
import { pointInRing } from '../../../layers/geom.js';

const SEED = 20240601;

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function validateGpkg(file: string): { code: number | null; output: string } {
  const r = spawnSync(
    '/usr/bin/python3',
    ['-m', 'osgeo_utils.samples.validate_gpkg', '--extra', '--warning-as-error', file],
    { encoding: 'utf8' },
  );
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

let dir = '';
let ws = '';
let summary: SeedSummary;
let w: SeededWorkspace;

beforeAll(async () => {
  dir = tempDir('cim-seed-');
  ws = path.join(dir, 'demo.gpkg');
  summary = await seedWorkspace(ws, { seed: SEED, scale: 'small' });
  w = new SeededWorkspace(ws);
}, 300_000);

afterAll(() => {
  w.close();
});

const count = (name: string): number =>
  summary.layers.find((l) => l.name === name)?.count ?? summary.tables.find((t) => t.name === name)?.count ?? -1;

describe('cim seed --scale small', () => {
  it('writes every layer with counts in the stated ranges', () => {
    for (const name of [
      'roads',
      'road_redlines',
      'blocks',
      'parcels',
      'buildings_2022',
      'buildings_2024',
      'permits',
      'plan_master',
      'plan_regulatory',
      'control_lines',
      'green_spaces',
      'pipe_segments',
      'pipe_nodes',
      'cases',
      'gt_plan_conflicts',
    ]) {
      expect(count(name), name).toBeGreaterThan(0);
      expect(w.features(name).length, name).toBe(count(name));
    }
    expect(count('buildings_2024')).toBeGreaterThanOrEqual(2000);
    expect(count('buildings_2024')).toBeLessThanOrEqual(3000);
    expect(count('cases')).toBe(10_000);
    expect(count('case_events')).toBeGreaterThan(5 * 10_000);
    expect(count('gt_plan_conflicts')).toBeGreaterThanOrEqual(10);
    expect(count('gt_plan_conflicts')).toBeLessThanOrEqual(30);
    expect(summary.groundTruth.planConflicts).toBe(count('gt_plan_conflicts'));
    expect(summary.groundTruth.illegalBuilds).toBe(count('gt_illegal_builds'));
    expect(summary.groundTruth.parcelViolations).toBe(count('gt_parcel_violations'));
    expect(summary.rasters.map((r) => [r.name, r.tilesPath, r.cellM])).toEqual([
      ['dem', 'sources/dem.tif', 4],
      ['ortho', 'sources/ortho.tif', 1],
      ['dsm_2022', 'sources/dsm_2022.tif', 0.5],
      ['dsm_2024', 'sources/dsm_2024.tif', 0.5],
    ]);
  });

  it('is byte-for-byte the same for the same seed (cim seed --no-tiles --json writes the same files)', () => {
    const other = path.join(dir, 'again.gpkg');
    const r = cim(['seed', '--out', other, '--seed', String(SEED), '--scale', 'small', '--no-tiles', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as SeedSummary;
    expect(json.layers).toEqual(summary.layers);
    expect(json.groundTruth).toEqual(summary.groundTruth);
    expect(json.durationMs).toBeGreaterThan(0);
    expect(r.stderr).toContain('jobs.seed.writing');
    expect(sha256(other)).toBe(sha256(ws));
    for (const name of ['dem.tif', 'ortho.tif', 'dsm_2022.tif', 'dsm_2024.tif']) {
      expect(sha256(path.join(dir, 'again.tiles/sources', name))).toBe(
        sha256(path.join(dir, 'demo.tiles/sources', name)),
      );
    }
  }, 300_000);

  it('refuses to overwrite a workspace without --force and rejects bad arguments', async () => {
    await expect(seedWorkspace(ws)).rejects.toThrow(CimError);
    await expect(seedWorkspace(ws)).rejects.toMatchObject({ code: 'seed.exists' });
    const r = cim(['seed', '--out', ws]);
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('cim:')),
    ).toEqual([`cim: ${ws} already exists; pass --force to replace it`]);
    expect(cim(['seed', '--out', path.join(dir, 'x.gpkg'), '--scale', 'huge']).code).toBe(2);
    expect(cim(['seed', '--out', path.join(dir, 'x.gpkg'), '--seed', 'abc']).code).toBe(2);
    expect(cim(['seed']).code).toBe(2);
    // nothing half-written was left behind
    expect(fs.readdirSync(dir).sort()).toEqual(['again.gpkg', 'again.tiles', 'demo.gpkg', 'demo.tiles']);
  });

  it('leaves everything as it was when cancelled, even when forced over an existing workspace', async () => {
    const before = [sha256(ws), sha256(path.join(dir, 'demo.tiles/sources/ortho.tif'))];
    await expect(seedWorkspace(ws, { force: true, isCancelled: () => true })).rejects.toMatchObject({
      code: 'jobs.cancelled',
    });
    expect([sha256(ws), sha256(path.join(dir, 'demo.tiles/sources/ortho.tif'))]).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['again.gpkg', 'again.tiles', 'demo.gpkg', 'demo.tiles']);
    expect(fs.readdirSync(path.join(dir, 'demo.tiles/sources')).sort()).toEqual([
      'dem.tif',
      'dsm_2022.tif',
      'dsm_2024.tif',
      'ortho.tif',
    ]);
  }, 120_000);

  it('opens in GDAL: ogrinfo lists every layer and validate_gpkg passes', () => {
    const text = execFileSync('ogrinfo', ['-ro', '-so', '-q', ws], { encoding: 'utf8' });
    const names = [...text.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        ...summary.layers.map((l) => l.name),
        'case_events',
        'gt_illegal_builds',
        'gt_parcel_violations',
      ]),
    );
    const cases = execFileSync('ogrinfo', ['-ro', '-so', ws, 'case_events'], { encoding: 'utf8' });
    expect(cases).toContain(`Feature Count: ${String(count('case_events'))}`);
    expect(validateGpkg(ws)).toEqual({ code: 0, output: '' });
  });

  it('writes a DEM and an orthophoto GDAL reads in EPSG:4526 with the summary geotransform, nodata and heights', () => {
    const [demS, orthoS] = summary.rasters;
    if (!demS || !orthoS) throw new Error('rasters missing');
    const dem = gdalinfo(demS.path);
    expect(dem.coordinateSystem.wkt).toContain('ID["EPSG",4526]');
    expect(dem.size).toEqual([demS.widthPx, demS.heightPx]);
    expect(dem.cornerCoordinates.upperLeft).toEqual([demS.extentGk[0], demS.extentGk[3]]);
    expect(dem.cornerCoordinates.lowerRight).toEqual([demS.extentGk[2], demS.extentGk[1]]);
    expect(dem.bands[0]).toMatchObject({ type: 'Float32', noDataValue: -9999 });
    expect(valuesAt(demS.path, 1, 1)[0]).toBe(-9999);
    const ortho = gdalinfo(orthoS.path);
    expect(ortho.coordinateSystem.wkt).toContain('ID["EPSG",4526]');
    expect(ortho.bands.map((b) => [b.type, b.colorInterpretation])).toEqual([
      ['Byte', 'Red'],
      ['Byte', 'Green'],
      ['Byte', 'Blue'],
    ]);
    expect(ortho.geoTransform).toEqual([orthoS.extentGk[0], 1, 0, orthoS.extentGk[3], 0, -1]);
    expect(validCog(demS.path).code).toBe(0);
    expect(validCog(orthoS.path).code).toBe(0);
    // heights: the DEM cell under some pipe nodes holds their ground elevation (cell centre sampled)
    const height = createTerrain(SEED);
    const nodes = w.features('pipe_nodes').filter((_, i) => i % 97 === 0);
    let checked = 0;
    for (const n of nodes) {
      const [x, y] = w.pointGk(n);
      const col = Math.floor((x - demS.extentGk[0]) / demS.cellM);
      const row = Math.floor((demS.extentGk[3] - y) / demS.cellM);
      const cellCentre: [number, number] = [
        demS.extentGk[0] + (col + 0.5) * demS.cellM - 38365400,
        demS.extentGk[3] - (row + 0.5) * demS.cellM - 3653700,
      ];
      const v = valuesAt(demS.path, col, row)[0] ?? NaN;
      expect(v).toBeCloseTo(Math.fround(height(cellCentre)), 3);
      expect(Math.abs(v - Number(n.props.ground_m))).toBeLessThan(1.5);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
    // the ortho is not blank: water, roofs and fields differ
    const samples = [
      valuesAt(orthoS.path, 100, 100),
      valuesAt(orthoS.path, 1200, 1200),
      valuesAt(orthoS.path, 750, 750),
    ];
    expect(new Set(samples.map((s) => s.join(','))).size).toBe(3);
  });

  it('writes the DSM pair (issue #13) GDAL reads on the DEM extent: terrain where no building stands', () => {
    const demS = summary.rasters.find((r) => r.name === 'dem');
    const pair = summary.rasters.filter((r) => r.name.startsWith('dsm_'));
    if (!demS || pair.length !== 2) throw new Error('rasters missing');
    for (const d of pair) {
      const info = gdalinfo(d.path);
      expect(info.coordinateSystem.wkt).toContain('ID["EPSG",4526]');
      expect(info.size).toEqual([3640, 3640]);
      expect(d.extentGk).toEqual(demS.extentGk);
      expect(info.bands[0]).toMatchObject({ type: 'Float32', noDataValue: -9999 });
      expect(valuesAt(d.path, 2, 2)[0]).toBe(-9999);
      expect(validCog(d.path).code).toBe(0);
    }
    // along the pipes (under the roads) both surveys show the terrain, within the DEM's interpolation
    let checked = 0;
    for (const n of w.features('pipe_nodes').filter((_, i) => i % 151 === 0)) {
      const [x, y] = w.pointGk(n);
      const col = Math.floor((x - demS.extentGk[0]) / 0.5);
      const row = Math.floor((demS.extentGk[3] - y) / 0.5);
      const [a = NaN] = valuesAt(pair[0]?.path ?? '', col, row);
      const [b = NaN] = valuesAt(pair[1]?.path ?? '', col, row);
      expect(b).toBe(a);
      expect(Math.abs(a - Number(n.props.ground_m))).toBeLessThan(1.5);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });
});

describe('ground truth of the plan conflicts', () => {
  it('is exactly what an exact overlay of the three plans finds with DEFAULT_RULES above 1 m^2', async () => {
    const classField: Record<PlanLayer, string> = {
      plan_master: 'dlbm',
      plan_regulatory: 'yddm',
      control_lines: 'kzxlx',
    };
    const features: PlanFeatureIn[] = (['plan_master', 'plan_regulatory', 'control_lines'] as const).flatMap((layer) =>
      w
        .features(layer)
        .map((f) => ({ layer, fid: f.fid, cls: String(f.props[classField[layer]]), ring: shifted(w.ringGk(f)) })),
    );
    const found = await overlayConflicts(features);
    const truth = w.features('gt_plan_conflicts');
    const key = (f: Feature): string =>
      conflictKey(
        String(f.props.rule_id),
        String(f.props.layer_a),
        Number(f.props.fid_a),
        String(f.props.layer_b),
        f.props.fid_b === null ? null : Number(f.props.fid_b),
      );
    expect(found.map((c) => c.key).sort()).toEqual(truth.map(key).sort());
    const byKey = new Map(found.map((c) => [c.key, c.areaM2]));
    for (const t of truth) {
      const a = Number(t.props.area_m2);
      // the overlay's area of that overlap, and the planted polygon's own area
      expect(byKey.get(key(t)) ?? NaN).toBeCloseTo(a, 2);
      expect(ringArea(w.ringGk(t))).toBeCloseTo(a, 2);
    }
    // every rule is planted at least once
    expect(new Set(truth.map((t) => t.props.rule_id))).toEqual(new Set(DEFAULT_RULES.map((r) => r.id)));
    expect(GK_SHIFT[0]).toBeGreaterThan(38_000_000);
  }, 120_000);
});

/** Whether ring a lies inside ring b (every vertex inside or on b, within 1 cm). */
function ringInside(a: XY[], b: XY[]): boolean {
  const inside = (p: XY): boolean => pointInRing(p[0], p[1], b);
  const onEdge = (p: XY): boolean =>
    b.some((q, i) => {
      const r = b[(i + 1) % b.length] as XY;
      const dx = r[0] - q[0];
      const dy = r[1] - q[1];
      const t = Math.max(0, Math.min(1, ((p[0] - q[0]) * dx + (p[1] - q[1]) * dy) / (dx * dx + dy * dy || 1)));
      return Math.hypot(p[0] - (q[0] + t * dx), p[1] - (q[1] + t * dy)) < 0.01;
    });
  return a.every((p) => inside(p) || onEdge(p));
}

describe('ground truth of the illegal builds', () => {
  it('each planted build differs from its permit as its kind says, and every legal change matches a permit', () => {
    const b22 = new Map(w.features('buildings_2022').map((f) => [String(f.props.bldg_id), f]));
    const b24 = new Map(w.features('buildings_2024').map((f) => [String(f.props.bldg_id), f]));
    const permits = new Map(w.features('permits').map((f) => [String(f.props.bldg_id), f]));
    const lines = w.features('control_lines');
    const protectedLand = lines
      .filter((l) => l.props.kzxlx === '生态保护红线' || l.props.kzxlx === '永久基本农田')
      .map((l) => w.ringGk(l));
    const gt = w.rows('gt_illegal_builds');
    const kinds = new Set(gt.map((g) => g.kind));
    expect(kinds).toEqual(new Set(['no_permit', 'beyond_footprint', 'beyond_height', 'in_redline_or_farmland']));
    for (const g of gt) {
      const id = String(g.bldg_id);
      const b = b24.get(id);
      expect(b, id).toBeDefined();
      if (!b) continue;
      const ring = w.ringGk(b);
      const p = permits.get(id);
      switch (g.kind) {
        case 'no_permit': {
          expect(p, id).toBeUndefined();
          const before = b22.get(id);
          const changed =
            !before ||
            Math.abs(ringArea(w.ringGk(before)) - ringArea(ring)) > 0.01 ||
            before.props.height_m !== b.props.height_m;
          expect(changed, id).toBe(true);
          break;
        }
        case 'beyond_footprint': {
          if (!p) throw new Error(`no permit for ${id}`);
          expect(p.props.xkzh).toBe(g.xkzh);
          expect(ringArea(ring) - ringArea(w.ringGk(p))).toBeCloseTo(Number(g.excess_area_m2), 2);
          expect(Number(g.excess_area_m2)).toBeGreaterThan(1);
          expect(ringInside(w.ringGk(p), ring)).toBe(true);
          expect(Number(b.props.height_m)).toBeLessThanOrEqual(Number(p.props.height_m));
          break;
        }
        case 'beyond_height': {
          if (!p) throw new Error(`no permit for ${id}`);
          expect(p.props.xkzh).toBe(g.xkzh);
          expect(Number(b.props.height_m) - Number(p.props.height_m)).toBeCloseTo(Number(g.excess_height_m), 6);
          expect(Number(g.excess_height_m)).toBeGreaterThan(2);
          expect(ringArea(ring)).toBeCloseTo(ringArea(w.ringGk(p)), 2);
          break;
        }
        case 'in_redline_or_farmland':
          expect(g.xkzh).toBeNull();
          expect(p).toBeUndefined();
          expect(
            protectedLand.some((l) => ringInside(ring, l)),
            id,
          ).toBe(true);
          break;
      }
    }
    // legal: every building that is new or changed since 2022 and not planted matches its permit
    const planted = new Set(gt.map((g) => String(g.bldg_id)));
    let legal = 0;
    for (const [id, b] of b24) {
      const before = b22.get(id);
      const ring = w.ringGk(b);
      const changed =
        !before ||
        Math.abs(ringArea(w.ringGk(before)) - ringArea(ring)) > 0.01 ||
        before.props.height_m !== b.props.height_m;
      if (!changed || planted.has(id)) continue;
      const p = permits.get(id);
      expect(p, `permit for ${id}`).toBeDefined();
      if (!p) continue;
      expect(ringArea(w.ringGk(p))).toBeCloseTo(ringArea(ring), 2);
      expect(ringInside(ring, w.ringGk(p))).toBe(true);
      expect(Number(b.props.height_m)).toBeLessThanOrEqual(Number(p.props.height_m));
      expect(Number(b.props.floors)).toBeLessThanOrEqual(Number(p.props.floors));
      legal++;
    }
    expect(legal).toBeGreaterThan(10);
    // permits are numbered as the bureau numbers them: 建字第 + 区划代码 + 年 + 序号 + 号
    for (const p of permits.values()) expect(String(p.props.xkzh)).toMatch(/^建字第41130[23](2022|2023|2024)\d{5}号$/);
  });
});

describe('regulatory indicators', () => {
  it('are realistic and broken exactly where gt_parcel_violations says', () => {
    const reg = w.features('plan_regulatory');
    const buildings = w.features('buildings_2024');
    const green = w.features('green_spaces');
    const byParcel = new Map<string, Feature[]>();
    for (const b of buildings) byParcel.set(String(b.props.dkbm), [...(byParcel.get(String(b.props.dkbm)) ?? []), b]);
    const greenBy = new Map<string, number>();
    for (const g of green)
      greenBy.set(String(g.props.dkbm), (greenBy.get(String(g.props.dkbm)) ?? 0) + ringArea(w.ringGk(g)));
    const found: string[] = [];
    for (const r of reg) {
      if (r.props.rjl_max === null) continue;
      const dkbm = String(r.props.dkbm);
      const a = ringArea(w.ringGk(r));
      const bs = byParcel.get(dkbm) ?? [];
      const fp = bs.reduce((s, b) => s + ringArea(w.ringGk(b)), 0);
      const gfa = bs.reduce((s, b) => s + ringArea(w.ringGk(b)) * Number(b.props.floors), 0);
      const h = Math.max(0, ...bs.map((b) => Number(b.props.height_m)));
      const actual = { rjl: gfa / a, jzmd: (100 * fp) / a, ldl: (100 * (greenBy.get(dkbm) ?? 0)) / a, xg: h };
      if (actual.rjl > Number(r.props.rjl_max)) found.push(`${dkbm}|rjl`);
      if (actual.jzmd > Number(r.props.jzmd_max)) found.push(`${dkbm}|jzmd`);
      if (actual.ldl < Number(r.props.ldl_min)) found.push(`${dkbm}|ldl`);
      if (actual.xg > Number(r.props.xg_max)) found.push(`${dkbm}|xg`);
      // setbacks (退线) hold everywhere: no building corner closer to the parcel edge than tj_min
      const ring = w.ringGk(r);
      for (const b of bs) {
        for (const p of w.ringGk(b)) {
          const d = Math.min(
            ...ring.slice(1).map((q, i) => {
              const o = ring[i] as XY;
              const dx = q[0] - o[0];
              const dy = q[1] - o[1];
              const t = Math.max(0, Math.min(1, ((p[0] - o[0]) * dx + (p[1] - o[1]) * dy) / (dx * dx + dy * dy || 1)));
              return Math.hypot(p[0] - (o[0] + t * dx), p[1] - (o[1] + t * dy));
            }),
          );
          expect(d + 1e-6).toBeGreaterThanOrEqual(Number(r.props.tj_min));
        }
      }
    }
    const gt = w.rows('gt_parcel_violations').map((v) => `${String(v.dkbm)}|${String(v.indicator)}`);
    expect(found.sort()).toEqual(gt.sort());
    expect(gt.length).toBeGreaterThanOrEqual(3);
    // residential limits in the usual ranges for most parcels
    const res = reg.filter((r) => r.props.yddm === '0701' && r.props.rjl_max !== null);
    const inRange = res.filter(
      (r) => Number(r.props.rjl_max) >= 1.0 && Number(r.props.rjl_max) <= 3.6 && Number(r.props.xg_max) <= 100,
    );
    expect(inRange.length / res.length).toBeGreaterThan(0.8);
  });
});

describe('pipe networks', () => {
  it('are one connected network per system, every segment ending exactly on its nodes, drains falling', () => {
    const nodes = new Map(w.features('pipe_nodes').map((n) => [String(n.props.node_id), n]));
    const segments = w.features('pipe_segments');
    const systems = new Set(segments.map((s) => String(s.props.system)));
    expect(systems).toEqual(new Set(['给水', '雨水', '污水', '燃气', '热力', '电力', '通信']));
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      const p = parent.get(x) ?? x;
      if (p === x) return x;
      const r = find(p);
      parent.set(x, r);
      return r;
    };
    for (const s of segments) {
      if (s.geometry.type !== 'LineString') throw new Error('not a line');
      const a = nodes.get(String(s.props.from_node));
      const b = nodes.get(String(s.props.to_node));
      expect(a && b, String(s.props.pipe_id)).toBeTruthy();
      if (!a || !b || a.geometry.type !== 'Point' || b.geometry.type !== 'Point') continue;
      expect(s.geometry.coordinates[0]).toEqual(a.geometry.coordinates);
      expect(s.geometry.coordinates[s.geometry.coordinates.length - 1]).toEqual(b.geometry.coordinates);
      expect(a.props.system).toBe(s.props.system);
      expect(b.props.system).toBe(s.props.system);
      parent.set(find(String(a.props.node_id)), find(String(b.props.node_id)));
      if (s.props.system === '雨水' || s.props.system === '污水') {
        const start = Number(s.props.inv_start_m);
        const end = Number(s.props.inv_end_m);
        expect(start).toBeGreaterThan(end);
        expect(start + 1e-6).toBeGreaterThanOrEqual(Number(a.props.invert_m));
        expect(end + 1e-6).toBeGreaterThanOrEqual(Number(b.props.invert_m));
        expect(Number(a.props.ground_m) - start).toBeGreaterThan(0.8);
      } else {
        expect(Number(s.props.depth_m)).toBeGreaterThan(0.5);
      }
    }
    for (const system of systems) {
      const roots = new Set(
        [...nodes.values()].filter((n) => n.props.system === system).map((n) => find(String(n.props.node_id))),
      );
      expect(roots.size, system).toBe(1);
    }
    // every node is used by a segment
    const used = new Set(segments.flatMap((s) => [String(s.props.from_node), String(s.props.to_node)]));
    expect(used.size).toBe(nodes.size);
    expect(pipeColour('给水')).toBe('#00ffff');
  });
});

describe('urban-management cases', () => {
  it('carry GB/T 30428 categories and a workflow history in time order', () => {
    const cases = w.features('cases');
    const codes = new Set(CASE_CATEGORIES.map((c) => `${c.kind}${c.code}${c.name}`));
    const byStatus = new Map<string, number>();
    for (const c of cases) {
      expect(codes.has(`${String(c.props.type)}${String(c.props.xl_code)}${String(c.props.xl_name)}`)).toBe(true);
      expect(String(c.props.xl_code).startsWith(String(c.props.dl_code))).toBe(true);
      expect([...CASE_STATUSES, '作废']).toContain(c.props.status);
      expect(
        String(c.props.reported_at) >= '2023-01-01T00:00:00+08:00' &&
          String(c.props.reported_at) <= '2024-12-31T23:59:59+08:00',
      ).toBe(true);
      byStatus.set(String(c.props.status), (byStatus.get(String(c.props.status)) ?? 0) + 1);
    }
    expect((byStatus.get('结案') ?? 0) / cases.length).toBeGreaterThan(0.95);
    // the last weeks are still being worked: open cases at every stage, a few voided
    for (const open of ['上报', '立案', '派遣', '处置', '核查', '作废'])
      expect(byStatus.get(open), open).toBeGreaterThan(0);
    const openCount = cases.length - (byStatus.get('结案') ?? 0) - (byStatus.get('作废') ?? 0);
    expect(openCount).toBeGreaterThan(150);
    expect(openCount).toBeLessThan(500);
    const events = w.rows('case_events');
    const history = new Map<string, Record<string, unknown>[]>();
    for (const e of events) history.set(String(e.case_id), [...(history.get(String(e.case_id)) ?? []), e]);
    let returned = 0;
    let overdue = 0;
    for (const c of cases) {
      const h = history.get(String(c.props.case_id)) ?? [];
      expect(h[0]?.step).toBe('上报');
      expect(h[0]?.at).toBe(c.props.reported_at);
      for (let i = 1; i < h.length; i++) expect(String(h[i]?.at) >= String(h[i - 1]?.at)).toBe(true);
      const last = String(h[h.length - 1]?.step);
      expect(c.props.status).toBe(last === '返工' ? '处置' : last);
      if (h.some((e) => e.step === '返工')) returned++;
      if (c.props.overdue === true) overdue++;
    }
    expect(returned).toBeGreaterThan(50);
    expect(overdue / cases.length).toBeGreaterThan(0.05);
    expect(overdue / cases.length).toBeLessThan(0.25);
    const registered = w.db
      .prepare("SELECT table_name FROM gpkg_contents WHERE data_type = 'attributes' ORDER BY table_name")
      .all() as { table_name: string }[];
    expect(registered.map((r) => r.table_name)).toEqual([
      'case_events',
      'case_photos',
      'cases_case_photos',
      'cim_case_history',
      'cim_layers',
      'gt_illegal_builds',
      'gt_parcel_violations',
    ]);
  });
});

describe('layer catalog', () => {
  it('has Chinese titles, CGCS2000 tables from EPSG:4526, default styles, first-view visibility and draw order', () => {
    const rows = w.db
      .prepare('SELECT name, title, visible, style, source_crs, draw_order FROM cim_layers ORDER BY draw_order')
      .all() as {
      name: string;
      title: string;
      visible: number;
      style: string;
      source_crs: string;
      draw_order: number;
    }[];
    const order = rows.map((r) => r.name);
    expect(order.indexOf('plan_master')).toBe(0);
    expect(order.indexOf('parcels')).toBeLessThan(order.indexOf('roads'));
    expect(order.indexOf('roads')).toBeLessThan(order.indexOf('pipe_segments'));
    expect(order[order.length - 1]).toBe('cases');
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get('roads')?.title).toBe('道路中心线');
    for (const r of rows) expect(r.source_crs).toBe('EPSG:4526');
    // issue #17: terrain, imagery, buildings, roads and the plan layers; cases and pipes off
    for (const hidden of [
      'buildings_2022',
      'buildings_2024',
      'permits',
      'gt_plan_conflicts',
      'parcels',
      'cases',
      'pipe_segments',
    ])
      expect(by.get(hidden)?.visible, hidden).toBe(0);
    for (const shown of ['plan_master', 'plan_regulatory', 'control_lines', 'roads'])
      expect(by.get(shown)?.visible, shown).toBe(1);
    const style = (n: string) =>
      JSON.parse(by.get(n)?.style ?? '{}') as {
        thematic?: { field: string; method: string; colours?: Record<string, string> };
      };
    expect(style('parcels').thematic).toMatchObject({ field: 'yddm', method: 'landuse' });
    expect(style('plan_master').thematic).toMatchObject({ field: 'dlbm', method: 'landuse' });
    expect(style('control_lines').thematic).toMatchObject({ field: 'kzxlx', method: 'categories' });
    expect(style('pipe_segments').thematic?.colours).toMatchObject({
      给水: '#00ffff',
      雨水: '#4c3926',
      燃气: '#ff00ff',
      电力: '#ff0000',
      通信: '#00ff00',
      热力: '#ff8000',
    });
    expect(style('cases').thematic).toMatchObject({ field: 'status', method: 'categories' });
    expect(style('buildings_2024').thematic).toMatchObject({ field: 'use', method: 'categories' });
    const srs = w.db
      .prepare("SELECT DISTINCT srs_id FROM gpkg_geometry_columns WHERE table_name != 'cim_layers'")
      .all() as { srs_id: number }[];
    expect(srs).toEqual([{ srs_id: 4490 }]);
    const meta = w.db.prepare("SELECT value FROM cim_meta WHERE key = 'gk_zone_epsg'").get() as { value: string };
    expect(meta.value).toBe('4526');
    const stamps = w.db.prepare('SELECT DISTINCT last_change FROM gpkg_contents').all();
    expect(stamps).toEqual([{ last_change: '2025-01-01T00:00:00.000Z' }]);
  });
});
