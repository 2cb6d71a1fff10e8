import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { converter, proj4ForEpsg } from '../../../layers/crs.js';

function gdalTransform(to: string, lon: number, lat: number): [number, number] {
  const out = execFileSync('gdaltransform', ['-s_srs', 'EPSG:4326', '-t_srs', to, '-output_xy'], {
    input: `${String(lon)} ${String(lat)}\n`,
  })
    .toString()
    .trim()
    .split(/\s+/)
    .map(Number);
  return [out[0] ?? NaN, out[1] ?? NaN];
}

describe('WGS 84 / UTM zones', () => {
  it.each([
    [32618, -77.5, 24.5],
    [32650, 117.2, 39.1],
    [32750, 117.2, -31.9],
  ])('EPSG:%i places a point where GDAL does, to a millimetre', (epsg, lon, lat) => {
    const [x, y] = converter(4326, epsg)([lon, lat]);
    const [gx, gy] = gdalTransform(`EPSG:${String(epsg)}`, lon, lat);
    expect(Math.abs(x - gx)).toBeLessThan(0.001);
    expect(Math.abs(y - gy)).toBeLessThan(0.001);
  });

  it('knows zones 1-60 north and south and nothing in between', () => {
    // zone 1 has its central meridian at 177 W, zone 60 at 177 E; south zones a 10 000 km false northing
    expect(proj4ForEpsg(32601)).toMatch(/\+lon_0=-177 .*\+k=0\.9996 .*\+x_0=500000 \+y_0=0 /);
    expect(proj4ForEpsg(32760)).toMatch(/\+lon_0=177 .*\+x_0=500000 \+y_0=10000000 /);
    expect(proj4ForEpsg(32661)).toBeUndefined();
    expect(proj4ForEpsg(32700)).toBeUndefined();
  });
});
