import { describe, expect, it } from 'vitest';
import { parsePointsGeoJson } from '../../../../main/analysis/sunlight/points-file.js';
import { CimError } from '../../../../common/errors.js';

const fc = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
const pt = (props: Record<string, unknown>) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [112.53, 32.99] },
  properties: props,
});

function codeOf(fn: () => unknown): { code: string; facts: unknown } | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof CimError ? { code: e.code, facts: e.facts } : null;
  }
}

describe('points file', () => {
  it('reads id, z_m and facing_deg', () => {
    const p = parsePointsGeoJson(
      fc([pt({ id: 'A-101', z_m: 3.9, facing_deg: -170 }), pt({ id: 7, z_m: 0 })]),
      'p.geojson',
    );
    expect(p).toEqual([
      { id: 'A-101', lon: 112.53, lat: 32.99, zM: 3.9, facingDeg: 190 },
      { id: '7', lon: 112.53, lat: 32.99, zM: 0, facingDeg: null },
    ]);
  });

  it('refuses a point without a height, naming the file and the record', () => {
    expect(codeOf(() => parsePointsGeoJson(fc([pt({ id: 'a', z_m: 1 }), pt({ id: 'b' })]), 'homes.geojson'))).toEqual({
      code: 'sunlight.point_no_height',
      facts: { file: 'homes.geojson', record: 2, id: 'b' },
    });
  });

  it('refuses other geometry, duplicate ids and files that are no GeoJSON', () => {
    const line = { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { z_m: 1 } };
    expect(codeOf(() => parsePointsGeoJson(fc([line]), 'f'))?.code).toBe('sunlight.point_not_point');
    expect(codeOf(() => parsePointsGeoJson(fc([pt({ id: 'a', z_m: 1 }), pt({ id: 'a', z_m: 2 })]), 'f'))?.code).toBe(
      'sunlight.point_duplicate_id',
    );
    expect(codeOf(() => parsePointsGeoJson('{', 'f'))?.code).toBe('sunlight.points_not_geojson');
  });
});
