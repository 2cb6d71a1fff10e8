import { describe, expect, it } from 'vitest';
import { passesFilter } from '../../../renderer/style/layer-filter.js';
import { featuresIn, indexFeatures } from '../../../renderer/map/vector/features.js';
import { featureAt } from '../../../renderer/map/vector/hit-test.js';

/** A 0.01° square with a 0.004° square hole, a road across it, and a valve on the road. */
const layer = indexFeatures({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 1,
      properties: { name: '地块' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112.5, 33.0],
            [112.51, 33.0],
            [112.51, 33.01],
            [112.5, 33.01],
            [112.5, 33.0],
          ],
          [
            [112.503, 33.003],
            [112.507, 33.003],
            [112.507, 33.007],
            [112.503, 33.007],
            [112.503, 33.003],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      id: 2,
      properties: { name: '道路' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [112.495, 33.009],
          [112.515, 33.009],
        ],
      },
    },
    {
      type: 'Feature',
      id: 3,
      properties: { name: '阀门' },
      geometry: { type: 'Point', coordinates: [112.512, 33.009] },
    },
    { type: 'Feature', id: 4, properties: { name: 'no geometry' }, geometry: null },
  ],
});

describe('draped vector layers', () => {
  it('indexes features with a geometry and finds them by extent', () => {
    expect(layer.features.map((f) => f.id)).toEqual([1, 2, 3]);
    expect(layer.extent).toEqual([112.495, 33.0, 112.515, 33.01]);
    expect(featuresIn(layer, [112.511, 33.005, 112.52, 33.02]).map((f) => f.id)).toEqual([2, 3]);
  });

  it('picks inside a polygon but not in its hole, and a line or point within the radius', () => {
    const tol = 0.0002;
    expect(featureAt(layer, 112.501, 33.001, tol)?.id).toBe(1);
    expect(featureAt(layer, 112.505, 33.005, tol)).toBeNull();
    expect(featureAt(layer, 112.52, 33.0, tol)).toBeNull();
    // 0.0001° north of the road, inside the parcel: the road is drawn over the parcel
    expect(featureAt(layer, 112.505, 33.0091, tol)?.id).toBe(2);
    expect(featureAt(layer, 112.5121, 33.0091, tol)?.id).toBe(3);
    expect(featureAt(layer, 112.505, 33.0095, tol)?.id).toBe(1);
  });
});

describe('layer filters', () => {
  it('keeps values in or out of a list, and text dates or numbers on one side of a bound', () => {
    expect(passesFilter({ s: '结案' }, { field: 's', op: 'in', values: ['结案', '核查'] })).toBe(true);
    expect(passesFilter({ s: '派遣' }, { field: 's', op: 'notIn', values: ['结案'] })).toBe(true);
    expect(passesFilter({ s: null }, { field: 's', op: 'in', values: ['结案'] })).toBe(false);
    const recent = { field: 'at', op: 'gte' as const, values: ['2024-12-01'] };
    expect(passesFilter({ at: '2024-12-03T08:00:00+08:00' }, recent)).toBe(true);
    expect(passesFilter({ at: '2024-11-30T23:00:00+08:00' }, recent)).toBe(false);
    expect(passesFilter({ h: 12 }, { field: 'h', op: 'lte', values: [24] })).toBe(true);
    expect(passesFilter({ h: '12' }, { field: 'h', op: 'lte', values: [24] })).toBe(false);
    expect(passesFilter({ h: 30 }, null)).toBe(true);
  });
});
