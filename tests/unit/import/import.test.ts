import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../../main/store/feature-table.js';
import { FIXTURES, SHARED, snapshot, tempDir } from '../helpers.js';

const control: JobControl = {
  progress: () => undefined,
  isCancelled: () => false,
  now: () => new Date('2026-01-01T00:00:00Z'),
};

function source(file: string) {
  return { file: { path: file, fileName: path.basename(file) } };
}

async function importError(db: Db, file: string): Promise<CimError> {
  try {
    await runImport(db, source(file), control);
  } catch (err) {
    if (err instanceof CimError) return err;
    throw err;
  }
  throw new Error(`import of ${file} did not fail`);
}

describe('import', () => {
  let ws: string;
  let db: Db;
  beforeEach(() => {
    ws = path.join(tempDir(), 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });

  it('imports the Nanyang parcels GeoJSON with its Chinese attributes', async () => {
    const [r] = await runImport(db, source(path.join(SHARED, 'crs-china/parcels_wgs84.geojson')), control);
    expect(r).toMatchObject({ resultLayer: 'parcels_wgs84', count: 120 });
    const layer = listLayers(db)[0];
    expect(layer?.fields.map((f) => f.name)).toEqual(['编号', '用地代码', '用地名称', '面积备注', '层数']);
    expect(layer?.fields.find((f) => f.name === '层数')?.type).toBe('INTEGER');
    expect(layer?.geometryType).toBe('MULTIPOLYGON');
    const src = JSON.parse(fs.readFileSync(path.join(SHARED, 'crs-china/parcels_wgs84.geojson'), 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    const rows = iterateFeatures(db, describeFeatureTable(db, 'parcels_wgs84'));
    const first = rows.next().value;
    rows.return(undefined);
    expect(first?.properties).toEqual(src.features[0]?.properties);
    const rtree = db.prepare('SELECT count(*) AS n FROM rtree_parcels_wgs84_geom').get() as { n: number };
    expect(rtree.n).toBe(120);
  });

  it('reprojects a legacy-crs GeoJSON from CGCS2000 GK zone 38 and infers field types', async () => {
    const [r] = await runImport(db, source(path.join(FIXTURES, 'geojson/mixed.geojson')), control);
    expect(r?.count).toBe(3);
    expect(r?.skipped).toEqual([{ record: 4, reason: 'empty_geometry' }]);
    const info = describeFeatureTable(db, 'mixed');
    expect(info.fields).toEqual([
      { name: '名称', type: 'TEXT' },
      { name: '层数', type: 'INTEGER' },
      { name: '高度', type: 'REAL' },
      { name: '已审批', type: 'BOOLEAN' },
      { name: '备注', type: 'TEXT' },
    ]);
    const rows = [...iterateFeatures(db, info)];
    // Reference: echo '38500000 3652000' | gdaltransform -s_srs EPSG:4526 -t_srs EPSG:4326 -output_xy
    const p = rows[0]?.geometry;
    expect(p?.type).toBe('Point');
    if (p?.type === 'Point') {
      expect(p.coordinates[0]).toBeCloseTo(114, 9);
      expect(p.coordinates[1]).toBeCloseTo(32.9932550638677, 9);
    }
    expect(rows[1]?.properties).toMatchObject({ 已审批: false, 备注: '{"a":1}', 层数: null });
    expect(rows[2]?.geometry).toBeNull();
  });

  it('imports every layer of a GeoPackage written by GDAL (EPSG:4490)', async () => {
    const [r] = await runImport(db, source(path.join(SHARED, 'crs-china/parcels_cgcs2000.gpkg')), control);
    expect(r).toMatchObject({ resultLayer: 'parcels', count: 120 });
    expect(listLayers(db)[0]?.sourceCrs).toBe('EPSG:4490');
  });

  it('names a second import of the same file parcels_wgs84_2', async () => {
    const file = path.join(SHARED, 'crs-china/parcels_wgs84.geojson');
    await runImport(db, source(file), control);
    const [r] = await runImport(db, source(file), control);
    expect(r?.resultLayer).toBe('parcels_wgs84_2');
    const [named] = await runImport(db, { ...source(file), name: '规划地块' }, control);
    expect(named?.resultLayer).toBe('规划地块');
    expect(listLayers(db).map((l) => [l.name, l.title])).toEqual([
      ['规划地块', '规划地块'],
      ['parcels_wgs84_2', 'parcels_wgs84'],
      ['parcels_wgs84', 'parcels_wgs84'],
    ]);
  });

  it.each([
    ['bad/malformed.geojson', 'import.truncated_json', { file: 'malformed.geojson', line: 4 }],
    [
      'bad/broken-geometry.geojson',
      'import.geometry_position_not_numbers',
      { file: 'broken-geometry.geojson', record: 2 },
    ],
    ['bad/not-a-gpkg.gpkg', 'import.not_gpkg', { file: 'not-a-gpkg.gpkg' }],
    ['bad/empty.geojson', 'import.empty_file', { file: 'empty.geojson' }],
  ])('refuses %s with %s and leaves the workspace unchanged', async (name, code, facts) => {
    await runImport(db, source(path.join(SHARED, 'crs-china/parcels_wgs84.geojson')), control);
    const before = snapshot(ws);
    const err = await importError(db, path.join(FIXTURES, name));
    expect(err.code).toBe(code);
    expect(err.facts).toMatchObject(facts);
    expect(snapshot(ws)).toEqual(before);
    expect(before.integrity).toBe('ok');
  });

  it('rolls back everything when cancelled mid-write', async () => {
    const before = snapshot(ws);
    let calls = 0;
    const cancelling: JobControl = { ...control, isCancelled: () => ++calls > 0 };
    await expect(
      runImport(db, source(path.join(SHARED, 'crs-china/parcels_wgs84.geojson')), cancelling),
    ).rejects.toThrow(/jobs\.cancelled/);
    expect(snapshot(ws)).toEqual(before);
  });

  it('refuses a file type it does not read', async () => {
    const err = await importError(db, path.join(SHARED, 'tiles3d/MetadataGranularities/COPYRIGHT.md'));
    expect(err.code).toBe('import.unsupported_format');
    expect(err.facts).toEqual({ file: 'COPYRIGHT.md', extension: '.md' });
  });
});
