/** A workspace with one polygon layer `parcels` (yddm TEXT, height_m REAL): 24 heights and a null. */
import { addLayer } from '../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';

const NOW = '2026-12-07T00:00:00.000Z';
export const HEIGHTS = [
  3.0, 3.5, 4.2, 6.0, 6.1, 6.3, 9.0, 9.4, 12.0, 12.5, 15.0, 18.2, 18.6, 21.0, 24.0, 27.5, 33.0, 36.0, 45.0, 54.0, 60.2,
  75.0, 99.0, 120.9,
];

export function workspace(file: string) {
  const db = openWorkspaceDb(file, { create: true });
  const spec = {
    name: 'parcels',
    title: '地块',
    geometryType: 'POLYGON' as const,
    fields: [
      { name: 'yddm', type: 'TEXT' as const },
      { name: 'height_m', type: 'REAL' as const },
    ],
  };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  HEIGHTS.forEach((h, i) => {
    const x = 112.5 + i * 0.001;
    const ring: [number, number][] = [
      [x, 33],
      [x + 0.0005, 33],
      [x + 0.0005, 33.0005],
      [x, 33],
    ];
    w.write({ type: 'Polygon', coordinates: [ring] }, [i % 2 ? '0701' : '0901', h]);
  });
  w.write(
    {
      type: 'Polygon',
      coordinates: [
        [
          [112, 33],
          [112.1, 33],
          [112.1, 33.1],
          [112, 33],
        ],
      ],
    },
    ['1701', null],
  );
  finishFeatureTable(db, 'parcels', w.extent());
  addLayer(db, { name: 'parcels', title: '地块', sourceCrs: null, sourceFile: null, createdAt: NOW });
  return db;
}
