/**
 * Export round trips read back by GDAL: the GBK Gauss-Krüger parcels imported, then written
 * as Shapefile (UTF-8 and GBK, in EPSG:4526), GeoPackage (EPSG:4526 and 4326), KML, CSV and
 * GeoJSON; `ogrinfo`/`ogr2ogr` must see the same count, fields and Chinese text, and the
 * vertices back where they were (within 1 cm).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLayer, type ExportFormat, type ExportOptions } from '../../../main/export/export-layer.js';
import { runImport } from '../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures, type StoredFeature } from '../../../main/store/feature-table.js';
import { SHARED, tempDir } from '../helpers.js';
import { maxVertexErrorM, ogrFeatureCount, ogrFeatures } from '../import/gdal-reference.js';

const LAYER = 'parcels_cgcs2000_gk38_gbk';
const FIELDS = ['编号', '用地代码', '用地名称', '面积备注', '层数'];

describe('export round trips through GDAL', () => {
  let db: Db;
  let dir: string;
  let stored: StoredFeature[];
  beforeAll(async () => {
    dir = tempDir();
    db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
    const file = path.join(SHARED, `crs-china/${LAYER}.shp`);
    await runImport(
      db,
      { file: { path: file, fileName: path.basename(file) } },
      { progress: () => undefined, isCancelled: () => false, now: () => new Date(0) },
    );
    stored = [...iterateFeatures(db, describeFeatureTable(db, LAYER))];
    return () => db.close();
  });

  const cases: { name: string; format: ExportFormat; file: string; options: ExportOptions; zip?: boolean }[] = [
    {
      name: 'Shapefile GBK in EPSG:4526',
      format: 'shapefile',
      file: 'gbk.shp',
      options: { crs: 'EPSG:4526', encoding: 'GBK' },
    },
    { name: 'Shapefile UTF-8, zipped', format: 'shapefile', file: 'utf8.zip', options: {}, zip: true },
    { name: 'GeoPackage in EPSG:4526', format: 'gpkg', file: 'gk.gpkg', options: { crs: 'EPSG:4526' } },
    { name: 'GeoPackage in EPSG:4326', format: 'gpkg', file: 'll.gpkg', options: {} },
    { name: 'KML', format: 'kml', file: 'p.kml', options: {} },
    { name: 'CSV (WKT) in EPSG:4547', format: 'csv', file: 'p.csv', options: { crs: 'EPSG:4547' } },
    { name: 'GeoJSON in EPSG:4526', format: 'geojson', file: 'p.geojson', options: { crs: 'EPSG:4526' } },
  ];

  it.each(cases)('$name', async (c) => {
    const target = path.join(dir, c.file);
    const out = await exportLayer(db, LAYER, c.format, target, new Date(0), c.options);
    expect(out.count).toBe(120);
    const gdalPath = c.zip ? `/vsizip/${target}` : target;
    const csvOpen = c.format === 'csv' ? ['-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-oo', 'KEEP_GEOM_COLUMNS=NO'] : [];
    const only = c.format === 'gpkg' ? [LAYER] : [];
    expect(ogrFeatureCount(gdalPath, csvOpen, only)).toBe(120);
    const srs = c.format === 'csv' ? ['-s_srs', c.options.crs ?? 'EPSG:4326'] : [];
    const back = ogrFeatures(gdalPath, [...srs, ...csvOpen], only);
    expect(back).toHaveLength(120);
    const names = Object.keys(back[0]?.properties ?? {});
    // A shapefile in UTF-8 cuts the 12-byte names at 10 bytes (test below); the others keep them.
    const expected = c.format === 'shapefile' && !c.options.encoding ? ['编号', '层数'] : FIELDS;
    for (const f of expected) expect(names).toContain(f);
    let worstM = 0;
    back.forEach((g, i) => {
      const ours = stored[i];
      expect(g.properties['编号']).toBe(ours?.properties['编号']);
      if (expected === FIELDS) expect(g.properties['用地名称']).toBe(ours?.properties['用地名称']);
      worstM = Math.max(worstM, maxVertexErrorM(ours?.geometry ?? null, g.geometry));
    });
    expect(worstM).toBeLessThan(0.01);
  });

  it('writes the .prj in ESRI WKT as GDAL does, a .cpg, and cuts long UTF-8 names to 10 bytes', async () => {
    const prj = fs.readFileSync(path.join(dir, 'gbk.prj'), 'utf8');
    expect(prj).toBe(fs.readFileSync(path.join(SHARED, `crs-china/${LAYER}.prj`), 'utf8').trim());
    expect(fs.readFileSync(path.join(dir, 'gbk.cpg'), 'utf8')).toBe('GBK');
    const info = execFileSync('ogrinfo', ['-so', '-al', path.join(dir, 'gbk.shp')], { encoding: 'utf8' });
    expect(info).toMatch(/ID\["EPSG",4526\]/);
    const utf8 = path.join(dir, 'long.shp');
    await exportLayer(db, LAYER, 'shapefile', utf8, new Date(0), {});
    const fields = execFileSync('ogrinfo', ['-so', '-al', utf8], { encoding: 'utf8' });
    // 用地代码 is 12 UTF-8 bytes: cut to 3 characters (9 bytes), never inside the 4th.
    expect(fields).toMatch(/^用地代: String/m);
    expect(fields).toMatch(/^用地名: String/m);
    expect(fields).toMatch(/^面积备: String/m);
    expect(fields).toMatch(/^层数: Integer/m);
  });
});
