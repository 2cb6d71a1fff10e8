import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addLayer, addTiledLayer } from '../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { summariseField } from '../../../main/store/field-summary.js';
import { tempDir } from '../helpers.js';

const NOW = '2026-12-01T00:00:00.000Z';

function layer(db: ReturnType<typeof openWorkspaceDb>, name: string, rows: [string | null, number][]) {
  const spec = {
    name,
    title: name,
    geometryType: 'POINT' as const,
    fields: [
      { name: 'use', type: 'TEXT' as const },
      { name: 'height_m', type: 'REAL' as const },
    ],
  };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  for (const r of rows) w.write({ type: 'Point', coordinates: [112.5, 33] }, r);
  finishFeatureTable(db, name, w.extent());
  addLayer(db, { name, title: name, sourceCrs: null, sourceFile: null, createdAt: NOW });
}

describe('field summaries', () => {
  it('counts values most frequent first and finds the numeric range', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    layer(db, 'b', [
      ['住宅', 18],
      ['商业', 45.5],
      ['住宅', 9],
      [null, 3],
    ]);
    const use = summariseField(db, 'b', 'use');
    expect(use.values).toEqual([
      { value: '住宅', count: 2 },
      { value: null, count: 1 },
      { value: '商业', count: 1 },
    ]);
    expect(use.distinct).toBe(3);
    expect(summariseField(db, 'b', 'height_m')).toMatchObject({ min: 3, max: 45.5, distinct: 4 });
    expect(() => summariseField(db, 'b', 'nope')).toThrow(/store\.field_not_found/);
  });

  it('summarises a tile set over the layers it was built from', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    layer(db, 'b2022', [['住宅', 10]]);
    layer(db, 'b2024', [
      ['住宅', 12],
      ['工业', 8],
    ]);
    addTiledLayer(db, {
      name: 'b3d',
      title: 'b3d',
      kind: 'tiles3d',
      sourceCrs: null,
      sourceFile: null,
      createdAt: NOW,
      tiles: { root: '3dtiles/b3d/tileset.json', sourceLayers: ['b2022', 'b2024', 'gone'], epochs: ['2022', '2024'] },
      meta: { geometryType: 'POLYGON', featureCount: 3, fields: [], bbox: null },
    });
    expect(summariseField(db, 'b3d', 'use').values).toEqual([
      { value: '住宅', count: 2 },
      { value: '工业', count: 1 },
    ]);
    expect(summariseField(db, 'b3d', 'height_m')).toMatchObject({ min: 8, max: 12 });
  });
});
