import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParcelCheck } from '../../../../main/analysis/parcel-check/run-parcel-check.js';
import { runImport } from '../../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { FIXTURES, tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

async function fixtureWorkspace(): Promise<Db> {
  const db = openWorkspaceDb(path.join(tempDir(), 'pc.gpkg'), { create: true });
  for (const [file, name] of [
    ['parcels', 'plan_regulatory'],
    ['buildings', 'buildings_2024'],
    ['green', 'green_spaces'],
    ['redlines', 'road_redlines'],
  ] as const) {
    const p = path.join(FIXTURES, 'parcel-check', `${file}.geojson`);
    await runImport(db, { file: { path: p, fileName: `${file}.geojson` }, name }, control);
  }
  return db;
}

interface Row {
  dkbm: string;
  building_count: number;
  parcel_area_m2: number;
  footprint_m2: number;
  gfa_m2: number;
  far: number;
  density_pct: number;
  green_pct: number;
  max_height_m: number | null;
  setback_boundary_m: number | null;
  setback_redline_m: number | null;
  violations: string;
  v_height: number;
}

describe('planning-condition check (规划条件核验) on the hand-worked fixture', () => {
  it('gives the exact FAR, density, green ratio, height and setbacks of tests/fixtures/README.md', async () => {
    const db = await fixtureWorkspace();
    const s = await runParcelCheck(
      db,
      { parcels: 'plan_regulatory', buildings: 'buildings_2024', green: 'green_spaces', redlines: 'road_redlines' },
      control,
    );
    expect(s).toMatchObject({ resultLayer: 'parcel_check_1', count: 3, violating: 2, gkZoneEpsg: 4526 });
    expect(s.buildings).toEqual({ total: 4, onParcels: 3 });
    expect(s.byKind).toEqual({ far: 1, density: 1, green: 1, height: 1, setback_boundary: 2, setback_redline: 0 });
    expect(s.fieldsUsed.buildings).toEqual({ heightM: 'height_m', floors: 'floors', gfaM2: 'gfa' });
    const rows = db.prepare('SELECT * FROM parcel_check_1 ORDER BY dkbm').all() as Row[];
    const close = (got: number | null, want: number) => expect(Math.abs((got ?? NaN) - want)).toBeLessThan(1e-6);
    const [a, b, c] = rows;
    // DK-A: 100 x 80 = 8000 m²; B1 30x20 x 6 floors = 3600 m², B2 40x36 with gfa 7000 m².
    close(a!.parcel_area_m2, 8000);
    close(a!.footprint_m2, 2040);
    close(a!.gfa_m2, 10600);
    close(a!.far, 1.325);
    close(a!.density_pct, 25.5);
    close(a!.green_pct, 16.5); // G1 800 + G2 inside 400 + G3 less its overlap with G1: 120
    close(a!.setback_boundary_m, 4); // B2's top edge, 76 against 80
    close(a!.setback_redline_m, 20); // B1's bottom at 10, the red line's top at -10
    expect(a!.max_height_m).toBe(27);
    expect(a!.violations).toBe('green,height,setback_boundary');
    expect(a!.v_height).toBe(1);
    // DK-B: 80 x 50 = 4000 m²; B3 60x40 x 4 floors.
    close(b!.far, 2.4);
    close(b!.density_pct, 60);
    close(b!.green_pct, 0);
    close(b!.setback_boundary_m, 2);
    close(b!.setback_redline_m, 12);
    expect(b!.violations).toBe('far,density,setback_boundary');
    // DK-C: nothing built, no limits broken.
    expect([c!.building_count, c!.far, c!.density_pct, c!.setback_boundary_m, c!.violations]).toEqual([
      0,
      0,
      0,
      null,
      '',
    ]);
    db.close();
  });

  it('checks without green or red-line layers, leaving those figures empty', async () => {
    const db = await fixtureWorkspace();
    const s = await runParcelCheck(
      db,
      { parcels: 'plan_regulatory', buildings: 'buildings_2024', name: 'pc' },
      control,
    );
    expect(s.byKind).toMatchObject({ green: 0, setback_redline: 0, far: 1, height: 1 });
    const row = db.prepare("SELECT green_pct, setback_redline_m FROM pc WHERE dkbm = 'DK-A'").get();
    expect(row).toEqual({ green_pct: null, setback_redline_m: null });
    await expect(runParcelCheck(db, { parcels: 'plan_regulatory', buildings: 'nope' }, control)).rejects.toThrow(
      /store\.layer_not_found/,
    );
    db.close();
  });
});
