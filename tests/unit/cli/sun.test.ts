import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sunPosition } from '../../../main/analysis/sun/spa.js';
import { ROOT } from '../helpers.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cim sun', () => {
  it('prints positions with at, azimuthDeg, elevationDeg and trueSolarTime', () => {
    const r = cim([
      'sun',
      '--lon',
      '112.5283',
      '--lat',
      '32.9908',
      '--from',
      '2025-01-20T08:00',
      '--to',
      '2025-01-20T16:00',
      '--step-min',
      '60',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      positions: { at: string; azimuthDeg: number; elevationDeg: number; trueSolarTime: string }[];
    };
    expect(s.positions).toHaveLength(9);
    const first = s.positions[0];
    expect(first?.at).toBe('2025-01-20T08:00:00+08:00');
    const p = sunPosition(Date.parse('2025-01-20T08:00:00+08:00'), 112.5283, 32.9908);
    expect(first?.azimuthDeg).toBeCloseTo(p.azimuthDeg, 3);
    expect(first?.elevationDeg).toBeCloseTo(p.elevationDeg, 3);
    // 南阳 is 7.47° west of 120°E (−29.9 min) and E on 20 January is −11.0 min: 08:00 → 07:19.
    expect(first?.trueSolarTime).toMatch(/^07:19:\d\d$/);
    // Azimuth grows through the day, elevation peaks near true noon (12:41 Beijing time).
    const az = s.positions.map((q) => q.azimuthDeg);
    expect([...az].sort((a, b) => a - b)).toEqual(az);
  });

  it('refracts with --refraction', () => {
    const base = ['sun', '--lon', '112.5', '--lat', '33', '--from', '2025-01-20T08:00+08:00', '--json'];
    const g = JSON.parse(cim(base).stdout) as { positions: { elevationDeg: number }[] };
    const r = JSON.parse(cim([...base, '--refraction']).stdout) as { positions: { elevationDeg: number }[] };
    const lift = (r.positions[0]?.elevationDeg ?? 0) - (g.positions[0]?.elevationDeg ?? 0);
    expect(lift).toBeGreaterThan(0.1);
    expect(lift).toBeLessThan(0.3);
  });

  it('exits 2 on bad arguments', () => {
    expect(cim(['sun', '--lon', '500', '--lat', '33', '--from', '2025-01-20T08:00']).code).toBe(2);
    expect(cim(['sun', '--lon', '112', '--lat', '33', '--from', 'yesterday']).code).toBe(2);
  });
});
