import { describe, expect, it } from 'vitest';
import { generalGkTransforms, gkTransforms } from '../../../../main/analysis/clip/project.js';
import { gkProj4, gkZoneByEpsg } from '../../../../layers/crs.js';
import { mulberry32 } from '../../../../bench/gen/polygons.js';

describe('Gauss-Krüger transforms of the clip workers', () => {
  it.each([4526, 4513, 4548])('calls the projection directly with the same numbers as proj4 (EPSG:%i)', (epsg) => {
    const zone = gkZoneByEpsg(epsg)!;
    const fast = gkTransforms(gkProj4(zone));
    const slow = generalGkTransforms(gkProj4(zone));
    const rand = mulberry32(epsg);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    for (let i = 0; i < 1000; i++) {
      const lon = zone.centralMeridianDeg + (rand() - 0.5) * 3;
      const lat = 18 + rand() * 35;
      fast.toGk(lon, lat, a);
      slow.toGk(lon, lat, b);
      expect(Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!)).toBeLessThan(1e-6);
      fast.toLonLat(a[0]!, a[1]!, b);
      expect(Math.abs(b[0]! - lon) + Math.abs(b[1]! - lat)).toBeLessThan(1e-11);
    }
  });

  it('matches PROJ for a known point (cs2cs EPSG:4490 EPSG:4526)', () => {
    const out = new Float64Array(2);
    gkTransforms(gkProj4(gkZoneByEpsg(4526)!)).toGk(114, 33, out);
    // echo 33 114 | cs2cs EPSG:4490 EPSG:4526 -f %.4f  ->  3652748.0431 38500000.0000 (northing, easting)
    expect(out[0]).toBeCloseTo(38_500_000, 4);
    expect(out[1]).toBeCloseTo(3_652_748.0431, 3);
  });
});
