import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lonLatRing, planWorkspace, rect } from '../analysis/plan-fixture.js';
import { ROOT, tempDir } from '../helpers.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(): string {
  const { file, db } = planWorkspace([
    {
      name: 'buildings',
      fields: [
        { name: 'bldg_id', type: 'TEXT' },
        { name: 'height_m', type: 'REAL' },
      ],
      features: [{ rings: [rect(-20, -40, 60, -28)], values: ['S', 24] }],
    },
  ]);
  db.close();
  return file;
}

function pointsFile(withHeight: boolean): string {
  const [a, b] = [lonLatRing([[20, -5]])[0], lonLatRing([[20, 50]])[0]];
  const file = path.join(tempDir(), 'homes.geojson');
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: a },
          properties: { id: 'near', z_m: 0.9, facing_deg: 180 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: b },
          properties: withHeight ? { id: 'far', z_m: 0.9, facing_deg: 180 } : { id: 'far', facing_deg: 180 },
        },
      ],
    }),
  );
  return file;
}

describe('cim analyze sunlight', () => {
  it('prints points with id, sunlitMinutes and intervals in both times', () => {
    const r = cim([
      'analyze',
      'sunlight',
      '--workspace',
      workspace(),
      '--buildings',
      'buildings',
      '--points',
      pointsFile(true),
      '--date',
      '2025-01-20',
      '--window',
      'dahan',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      resultLayer: string;
      count: number;
      failing: string[];
      points: { id: string; sunlitMinutes: number; intervals: { startTrueSolar: string; startBeijing: string }[] }[];
    };
    expect(s.count).toBe(2);
    const near = s.points.find((p) => p.id === 'near');
    const far = s.points.find((p) => p.id === 'far');
    expect(far?.sunlitMinutes).toBe(480);
    // 112.51°E: +29.96 min of longitude, E = −10.98 min → 08:00 true solar is 08:40:58 Beijing time.
    expect(far?.intervals[0]).toMatchObject({ startTrueSolar: '08:00:00', startBeijing: '08:40:58' });
    expect(near?.sunlitMinutes).toBeLessThan(120);
    expect(s.failing).toEqual(['near']);
  });

  it('refuses points without heights with the record named (exit 1)', () => {
    const r = cim([
      'analyze',
      'sunlight',
      '--workspace',
      workspace(),
      '--buildings',
      'buildings',
      '--points',
      pointsFile(false),
      '--date',
      '2025-01-20',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/homes\.geojson, feature 2 \(far\): no height z_m/);
  });
});
