import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cgcs2000ZoneForLon, converter, gkZoneByEpsg, lonLatToGk } from '../../../layers/crs.js';

/** GDAL is the reference for where a point lands. */
function gdalTransform(from: string, to: string, x: number, y: number): [number, number] {
  const out = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], {
    input: `${String(x)} ${String(y)}\n`,
  })
    .toString()
    .trim()
    .split(/\s+/)
    .map(Number);
  return [out[0] ?? NaN, out[1] ?? NaN];
}

describe('Gauss-Krüger zones', () => {
  it('numbers EPSG:4526 as CGCS2000 3° zone 38, CM 114E, false easting 38 500 000', () => {
    expect(gkZoneByEpsg(4526)).toMatchObject({
      datum: 'CGCS2000',
      width: 3,
      zone: 38,
      centralMeridianDeg: 114,
      falseEastingM: 38_500_000,
    });
    expect(gkZoneByEpsg(4547)).toMatchObject({
      zone: 38,
      centralMeridianDeg: 114,
      prefixed: false,
      falseEastingM: 500_000,
    });
    expect(gkZoneByEpsg(2383)).toMatchObject({ datum: 'XIAN80', centralMeridianDeg: 114, prefixed: false });
    expect(gkZoneByEpsg(2435)).toMatchObject({ datum: 'BEIJING54', centralMeridianDeg: 114, prefixed: false });
    expect(gkZoneByEpsg(4497)).toMatchObject({ width: 6, zone: 19, centralMeridianDeg: 111 });
  });

  it('puts Nanyang (112.53E) in 3° zone 38 and 6° zone 19', () => {
    expect(cgcs2000ZoneForLon(112.53, 3).zone).toBe(38);
    expect(cgcs2000ZoneForLon(112.53, 6).zone).toBe(19);
  });

  it.each([4526, 4547, 2383, 2435, 4497])('projects like GDAL for EPSG:%i (within 1 mm)', (epsg) => {
    const [x, y] = converter(4326, epsg)([112.5321, 33.0047]);
    // gdaltransform reads and writes in GIS order (lon/lat, easting/northing).
    const [gx, gy] = gdalTransform('EPSG:4326', `EPSG:${String(epsg)}`, 112.5321, 33.0047);
    expect(Math.abs(x - gx)).toBeLessThan(0.001);
    expect(Math.abs(y - gy)).toBeLessThan(0.001);
  });

  it('gives surveyors X (northing) and prefixed Y (easting) for the status bar', () => {
    const gk = lonLatToGk(114, 33);
    expect(gk.zone.zone).toBe(38);
    expect(gk.eastingM).toBeCloseTo(38_500_000, 3);
    expect(gk.northingM).toBeGreaterThan(3_650_000);
    expect(gk.northingM).toBeLessThan(3_660_000);
  });
});
