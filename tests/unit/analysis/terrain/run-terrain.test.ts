/**
 * The terrain jobs from `cim analyze` on a small workspace (issue #16): a generated DEM in
 * GK zone 38 given with --dem (flat ground at 50 m with two pits), one 20 m building; each
 * command's JSON, its result layer read back by ogrinfo, and the bad inputs the issue lists
 * (an observer or a polygon outside the DEM, a level below the lowest cell, a DEM in degrees).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { converter } from '../../../../layers/crs.js';
import { defaultRegistry } from '../../../../main/analysis/registry.js';
import { makeDem } from '../../../../main/analysis/terrain/dem.js';
import { runAnalyzeCommand } from '../../../../main/cli/analyze-command.js';
import { formatError } from '../../../../main/cli/messages.js';
import { toSerializedError } from '../../../../common/errors.js';
import { ORIGIN_GK, planWorkspace, rect } from '../plan-fixture.js';
import { writeDem } from './dems.js';

vi.mock('electron', () => ({ app: {}, dialog: {}, Menu: {} }));

const toLonLat = converter(4526, 4490);
/** Local metres (x east, y north from the fixtures' origin) → "LON,LAT". */
const ll = (x: number, y: number): string => toLonLat([ORIGIN_GK[0] + x, ORIGIN_GK[1] + y]).join(',');

async function cim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    err.push(String(c));
    return true;
  });
  try {
    try {
      const code = await runAnalyzeCommand(args, defaultRegistry());
      return { code, stdout: out.join(''), stderr: err.join('') };
    } catch (error) {
      // As main.ts prints it: a user error exits 1 with its English message.
      const e = toSerializedError(error);
      return { code: e.kind === 'args' ? 2 : 1, stdout: out.join(''), stderr: formatError(e, 'en') };
    }
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

let file = '';
let dem = '';
let dir = '';

beforeAll(() => {
  const ws = planWorkspace([
    {
      name: 'buildings',
      fields: [
        { name: 'bldg_id', type: 'TEXT' },
        { name: 'height_m', type: 'REAL' },
      ],
      features: [{ rings: [rect(100, 90, 110, 110)], values: ['B1', 20] }],
    },
    {
      name: 'scheme',
      fields: [
        { name: 'bldg_id', type: 'TEXT' },
        { name: 'height_m', type: 'REAL' },
      ],
      features: [{ rings: [rect(45, 140, 55, 150)], values: ['S1', 60] }],
    },
  ]);
  ws.db.close();
  file = ws.file;
  dir = path.dirname(file);
  // 200 × 200 cells of 1 m over local x 0–200, y 0–200: ground 50 m; pit A (x 20–30,
  // y 20–30) at 48 m, pit B (x 160–170, y 20–30) at 48.5 m.
  const n = 200;
  const data = new Float32Array(n * n);
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++) {
      const y = n - row - 0.5;
      const x = col + 0.5;
      const inA = x > 20 && x < 30 && y > 20 && y < 30;
      const inB = x > 160 && x < 170 && y > 20 && y < 30;
      data[row * n + col] = inA ? 48 : inB ? 48.5 : 50;
    }
  dem = path.join(dir, 'dem.tif');
  writeDem(
    makeDem({
      width: n,
      height: n,
      originX: ORIGIN_GK[0],
      originY: ORIGIN_GK[1] + n,
      cellX: 1,
      cellY: 1,
      data,
      nodata: null,
    }),
    dem,
  );
});

const ogr = (layer: string): string => execFileSync('ogrinfo', ['-ro', '-so', file, layer], { encoding: 'utf8' });

describe('cim analyze on the terrain', () => {
  it('los: blocked by building B1 at its face, 50 m from the eye; the parts written as lines', async () => {
    const r = await cim([
      'los',
      '--workspace',
      file,
      '--dem',
      dem,
      '--buildings',
      'buildings',
      '--from',
      `${ll(50, 100)},2`,
      '--to',
      `${ll(150, 100)},2`,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      resultLayer: string;
      visible: boolean;
      obstruction: { kind: string; buildingId: string; distanceM: number };
    };
    expect(s.visible).toBe(false);
    expect(s.obstruction.kind).toBe('building');
    expect(s.obstruction.buildingId).toBe('B1');
    expect(Math.abs(s.obstruction.distanceM - 50)).toBeLessThan(0.5);
    expect(ogr(s.resultLayer)).toMatch(/Feature Count: 2/);
  });

  it('viewshed: visibleAreaM2 and resultLayer; the building hides a wedge; the raster GDAL reads', async () => {
    const r = await cim([
      'viewshed',
      '--workspace',
      file,
      '--dem',
      dem,
      '--buildings',
      'buildings',
      '--observer',
      ll(95.5, 150.5),
      '--height',
      '2',
      '--radius',
      '45',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      resultLayer: string;
      visibleAreaM2: number;
      hiddenAreaM2: number;
      hiddenCells: number;
      raster: string;
      method: string;
      curvCoeff: number;
    };
    expect(s.hiddenCells).toBeGreaterThan(10);
    // Seen plus hidden is the disc of 45 m (on 1 m cells); B1, 40 m south, hides a wedge behind it.
    expect(Math.abs(s.visibleAreaM2 + s.hiddenAreaM2 - Math.PI * 2025) / (Math.PI * 2025)).toBeLessThan(0.01);
    expect(s.method).toMatch(/Wang/);
    expect(s.curvCoeff).toBe(0.85714);
    expect(ogr(s.resultLayer)).toMatch(/Geometry: Polygon/);
    const info = execFileSync('gdalinfo', ['-stats', path.join(dir, s.raster)], { encoding: 'utf8' });
    expect(info).toMatch(/Size is 91, 91/);
    expect(info).toMatch(/Type=Byte/);
    expect(info).toMatch(/Minimum=0\.000, Maximum=1\.000/);
  });

  it('profile: the building cut, the CSV written', async () => {
    const csv = path.join(dir, 'p.csv');
    const r = await cim([
      'profile',
      '--workspace',
      file,
      '--dem',
      dem,
      '--buildings',
      'buildings',
      '--line',
      `${ll(50, 100)};${ll(150, 100)}`,
      '--csv',
      csv,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { buildingsCut: string[]; minM: number; maxM: number; samples: unknown[] };
    expect(s.buildingsCut).toEqual(['B1']);
    expect(s.minM).toBeCloseTo(50, 3);
    expect(s.maxM).toBeCloseTo(70, 3);
    expect(fs.readFileSync(csv, 'utf8').split('\n')[0]).toBe('distance_m,x,y,lon,lat,ground_m,roof_m,building_id');
  });

  it('cut-fill: a 20 × 20 m square in EPSG:4526 graded to 45 m: 2000 m³ of cut', async () => {
    const poly = path.join(dir, 'site.geojson');
    const ring = [
      [60, 140],
      [80, 140],
      [80, 160],
      [60, 160],
      [60, 140],
    ].map(([x = 0, y = 0]) => [ORIGIN_GK[0] + x, ORIGIN_GK[1] + y]);
    fs.writeFileSync(
      poly,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
      }),
    );
    const r = await cim([
      'cut-fill',
      '--workspace',
      file,
      '--dem',
      dem,
      '--polygon',
      poly,
      '--elevation',
      '45',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { cutM3: number; fillM3: number; areaM2: number; method: string };
    expect(s.areaM2).toBe(400);
    expect(s.cutM3).toBe(2000);
    expect(s.fillM3).toBe(0);
    expect(s.method).toMatch(/cell centres inside the polygon/);
  });

  it('flood: seeded in pit A only A; unseeded both pits', async () => {
    const seeded = await cim([
      'flood',
      '--workspace',
      file,
      '--dem',
      dem,
      '--level',
      '49',
      '--seed',
      ll(25, 25),
      '--json',
    ]);
    const a = JSON.parse(seeded.stdout) as {
      floodedAreaM2: number;
      volumeM3: number;
      maxDepthM: number;
      resultLayer: string;
    };
    expect(a).toMatchObject({ floodedAreaM2: 100, volumeM3: 100, maxDepthM: 1 });
    expect(ogr(a.resultLayer)).toMatch(/Geometry: Polygon/);
    const all = await cim(['flood', '--workspace', file, '--dem', dem, '--level', '49', '--json']);
    // Pit B 0.5 m deep: 100 m² more and 50 m³ more.
    expect(JSON.parse(all.stdout)).toMatchObject({ floodedAreaM2: 200, volumeM3: 150, seeded: false });
  });

  it('skyline: B1 fills the east, the scheme tower S1 raises the north', async () => {
    const r = await cim([
      'skyline',
      '--workspace',
      file,
      '--dem',
      dem,
      '--buildings',
      'buildings',
      '--scheme',
      'scheme',
      '--viewpoint',
      ll(50, 100),
      '--height',
      '2',
      '--radius',
      '90',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      resultLayer: string;
      before: { az: number; el: number; building: string | null }[];
      after: { az: number; el: number; building: string | null }[];
      changedAzimuths: number;
      maxRiseDeg: number;
    };
    expect(s.before).toHaveLength(360);
    // Due east B1's 20 m roof (18 m above the 2 m eye over 50 m ground) at its face 50 m away: atan(18 / 50).
    const east = s.before[90];
    expect(east?.building).toBe('B1');
    expect(east?.el).toBeCloseTo((Math.atan(18 / 50) * 180) / Math.PI, 1);
    // Due north the scheme's 60 m tower 40 m away: atan(58 / 40) = 55.4° after; flat ground before.
    expect(s.before[0]?.building).toBeNull();
    expect(s.after[0]?.building).toBe('S1');
    expect(s.after[0]?.el).toBeCloseTo((Math.atan(58 / 40) * 180) / Math.PI, 0);
    expect(s.changedAzimuths).toBeGreaterThan(5);
    expect(s.maxRiseDeg).toBeGreaterThan(50);
    expect(ogr(s.resultLayer)).toMatch(/Feature Count: 2/);
  });

  it('bad input: observer and polygon outside the DEM, a level below the lowest cell', async () => {
    const outside = await cim([
      'viewshed',
      '--workspace',
      file,
      '--dem',
      dem,
      '--observer',
      ll(900, 900),
      '--height',
      '2',
      '--radius',
      '50',
    ]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toMatch(/outside the DEM/);
    const poly = path.join(dir, 'far.geojson');
    const far = [
      [1000, 1000],
      [1020, 1000],
      [1020, 1020],
      [1000, 1000],
    ].map(([x = 0, y = 0]) => toLonLat([ORIGIN_GK[0] + x, ORIGIN_GK[1] + y]));
    fs.writeFileSync(
      poly,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [far] } }],
      }),
    );
    const cf = await cim(['cut-fill', '--workspace', file, '--dem', dem, '--polygon', poly, '--elevation', '45']);
    expect(cf.code).toBe(1);
    expect(cf.stderr).toMatch(/outside the DEM/);
    const low = await cim(['flood', '--workspace', file, '--dem', dem, '--level', '40', '--json']);
    expect(low.code).toBe(0);
    expect(JSON.parse(low.stdout)).toMatchObject({ floodedAreaM2: 0, belowLowest: true });
    expect((JSON.parse(low.stdout) as { mode: string }).mode).toMatch(/below the lowest cell \(48 m\)/);
  });

  it('a DEM in degrees is reprojected to the GK zone for measurement, and the result says so', async () => {
    const deg = path.join(dir, 'dem_deg.tif');
    execFileSync('gdalwarp', ['-q', '-t_srs', 'EPSG:4490', '-r', 'near', dem, deg]);
    const poly = path.join(dir, 'site.geojson');
    const r = await cim([
      'cut-fill',
      '--workspace',
      file,
      '--dem',
      deg,
      '--polygon',
      poly,
      '--elevation',
      '45',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      cutM3: number;
      areaM2: number;
      reprojected: { from: string; to: string } | null;
      crs: string;
    };
    expect(s.reprojected?.from).toBe('EPSG:4490');
    expect(s.crs).toMatch(/38/);
    // The same 400 m² square within a couple of percent (the cells are no longer aligned with it).
    expect(Math.abs(s.areaM2 - 400) / 400).toBeLessThan(0.05);
    expect(Math.abs(s.cutM3 - 2000) / 2000).toBeLessThan(0.05);
  });
});
