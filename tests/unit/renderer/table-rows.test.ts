import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compareValues, filterRows, rowsOf, rowsToCsv } from '../../../renderer/panels/table/table-rows.js';

const collection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 7,
      properties: { dkbm: 'DK-10', yddm: '0701', area_m2: 900.5 },
      geometry: { type: 'Point', coordinates: [112.5, 33] },
    },
    {
      type: 'Feature',
      id: 3,
      properties: { dkbm: 'DK-2', yddm: '0901', area_m2: null },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112, 32],
            [113, 32],
            [113, 34],
            [112, 32],
          ],
        ],
      },
    },
    { type: 'Feature', id: 5, properties: { dkbm: '商业,"A"', yddm: '0902', area_m2: 12 }, geometry: null },
  ],
};

describe('attribute table rows', () => {
  const rows = rowsOf(collection);

  it('keys rows by fid and keeps each feature extent for zooming', () => {
    expect(rows.map((r) => r.key)).toEqual([7, 3, 5]);
    expect(rows[1]?.bbox).toEqual([112, 32, 113, 34]);
    expect(rows[2]?.bbox).toBeNull();
  });

  it('filters on any field, case-insensitively', () => {
    expect(filterRows(rows, '09').map((r) => r.key)).toEqual([3, 5]);
    expect(filterRows(rows, 'dk-1').map((r) => r.key)).toEqual([7]);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });

  it('sorts numbers as numbers, codes naturally, empties last', () => {
    const byArea = [...rows].sort((a, b) => compareValues(a.properties.area_m2, b.properties.area_m2));
    expect(byArea.map((r) => r.key)).toEqual([5, 7, 3]);
    expect(compareValues('DK-2', 'DK-10')).toBeLessThan(0);
  });

  it('writes CSV that reads back to the same values (quotes, commas, Chinese)', () => {
    const csv = rowsToCsv(rows, ['dkbm', 'yddm', 'area_m2']);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1)).data;
    expect(parsed[0]).toEqual(['dkbm', 'yddm', 'area_m2']);
    expect(parsed[3]).toEqual(['商业,"A"', '0902', '12']);
    expect(parsed[2]).toEqual(['DK-2', '0901', '']);
  });
});
