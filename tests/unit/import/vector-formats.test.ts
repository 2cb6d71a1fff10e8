/**
 * The readers on the shared data and on hand-made bytes whose answer is known: broken files
 * refused with the file and the problem named and the workspace unchanged, encodings, CRS
 * detection and the choice the user must make, CSV columns, DXF layers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { previewImport } from '../../../main/import/preview.js';
import { runImport, type ImportParams, type JobControl } from '../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../../main/store/feature-table.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';

const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date(0) };
const src = (rel: string) => ({ path: path.join(SHARED, rel), fileName: path.basename(rel) });

async function refusal(db: Db, params: ImportParams): Promise<CimError> {
  try {
    await runImport(db, params, control);
  } catch (err) {
    if (err instanceof CimError) return err;
    throw err;
  }
  throw new Error(`${params.file.fileName} was imported`);
}

describe('broken shapefiles (SOURCES.md) are refused and change nothing', () => {
  let ws: string;
  let db: Db;
  beforeEach(() => {
    ws = path.join(tempDir(), 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });

  it.each([
    ['shapefile/broken/bad.shp', 'import.shp_bad_header', { file: 'bad.shp' }],
    ['shapefile/broken/no-dbf.shp', 'import.shp_missing_part', { file: 'no-dbf.shp', part: '.dbf' }],
    ['shapefile/broken/noshp.zip', 'import.zip_no_shapefile', { file: 'noshp.zip' }],
    ['shapefile/broken/badzip.zip', 'import.bad_zip', { file: 'badzip.zip' }],
    ['shapefile/broken/htmlprj.shp', 'import.prj_not_wkt', { file: 'htmlprj.prj', reason: 'html' }],
  ])('%s: %s', async (rel, code, facts) => {
    const before = snapshot(ws);
    const err = await refusal(db, { file: src(rel) });
    expect(err.code).toBe(code);
    expect(err.facts).toMatchObject(facts);
    expect(snapshot(ws)).toEqual(before);
  });

  it('refuses bad.dbf beside a good .shp as a broken attribute table', async () => {
    const dir = tempDir();
    for (const ext of ['.shp', '.shx']) {
      fs.copyFileSync(path.join(SHARED, `shapefile/codepage${ext}`), path.join(dir, `bad${ext}`));
    }
    fs.copyFileSync(path.join(SHARED, 'shapefile/broken/bad.dbf'), path.join(dir, 'bad.dbf'));
    const err = await refusal(db, { file: { path: path.join(dir, 'bad.shp'), fileName: 'bad.shp' } });
    expect(err.code).toMatch(/^import\.(dbf_bad_header|shp_dbf_mismatch)$/);
  });

  it('tolerates a missing .shx (records read in sequence) and says so', async () => {
    const dir = tempDir();
    for (const ext of ['.shp', '.dbf', '.prj', '.cpg']) {
      fs.copyFileSync(path.join(SHARED, `crs-china/parcels_cgcs2000_gk38_gbk${ext}`), path.join(dir, `p${ext}`));
    }
    const preview = await previewImport({ path: path.join(dir, 'p.shp'), fileName: 'p.shp' });
    expect(preview.layers[0]).toMatchObject({ featureCount: 120, crs: 'EPSG:4526', encoding: 'GBK' });
    expect(preview.layers[0]?.warnings).toContain('missing_shx');
  });
});

describe('encodings', () => {
  it('decodes codepage.dbf by its .cpg "ANSI 1250" as Windows-1250', async () => {
    const p = await previewImport(src('shapefile/codepage.shp'));
    expect(p.layers[0]?.encoding).toBe('WINDOWS-1250');
    expect(p.layers[0]?.sample.map((r) => r.field)).toEqual(['??', 'Hněvošický háj']);
  });

  it('detects GBK without a .cpg (GB18030 decodes it alike) and honours an override', async () => {
    const dir = tempDir();
    for (const ext of ['.shp', '.shx', '.dbf', '.prj']) {
      fs.copyFileSync(path.join(SHARED, `crs-china/parcels_xian80_cm114_gbk${ext}`), path.join(dir, `p${ext}`));
    }
    const file = { path: path.join(dir, 'p.shp'), fileName: 'p.shp' };
    const detected = await previewImport(file);
    expect(detected.layers[0]?.encoding).toBe('GB18030');
    expect(detected.layers[0]?.sample[0]?.['用地名称']).toBe('城镇住宅用地');
    const latin = await previewImport(file, { encoding: 'windows-1252' });
    expect(latin.layers[0]?.encoding).toBe('WINDOWS-1252');
    expect(latin.layers[0]?.fields.map((f) => f.name)).not.toContain('用地名称');
    await expect(previewImport(file, { encoding: 'no-such-code-page' })).rejects.toMatchObject({
      code: 'import.unknown_encoding',
    });
  });
});

describe('CRS detection and choice', () => {
  it('matches each shared .prj to its EPSG code', async () => {
    const expected: Record<string, string> = {
      'crs-china/parcels_cgcs2000_gk38_gbk.shp': 'EPSG:4526',
      'crs-china/parcels_cgcs2000_cm114_utf8.shp': 'EPSG:4547',
      'crs-china/parcels_xian80_cm114_gbk.shp': 'EPSG:2383',
      'crs-china/parcels_beijing54_cm114_gbk.shp': 'EPSG:2435',
      'shapefile/LGA_2013_AUST.shp': 'EPSG:4283',
      'shapefile/senate.shp': 'EPSG:26986',
      'shapefile/ipra_dresden_polygon.shp': 'EPSG:4326',
    };
    for (const [rel, crs] of Object.entries(expected)) {
      const p = await previewImport(src(rel));
      expect(p.layers[0]?.crs, rel).toBe(crs);
      expect(p.layers[0]?.crsKnown).toBe(true);
    }
  });

  it("says that Xi'an 1980 and Beijing 1954 get no datum shift", async () => {
    const p = await previewImport(src('crs-china/parcels_beijing54_cm114_gbk.shp'));
    expect(p.layers[0]?.warnings).toContain('no_datum_shift');
  });

  it('asks for a CRS when the .prj is missing: the preview places nothing and the import waits', async () => {
    const dir = tempDir();
    for (const ext of ['.shp', '.shx', '.dbf', '.cpg']) {
      fs.copyFileSync(path.join(SHARED, `crs-china/parcels_cgcs2000_gk38_gbk${ext}`), path.join(dir, `p${ext}`));
    }
    const file = { path: path.join(dir, 'p.shp'), fileName: 'p.shp' };
    const p = await previewImport(file);
    expect(p.layers[0]).toMatchObject({ crsKnown: false, bbox: null, featureCount: 120 });
    expect((p.layers[0]?.previewGeoJson as { features: unknown[] }).features).toEqual([]);
    const ws = path.join(tempDir(), 'w.gpkg');
    const db = openWorkspaceDb(ws, { create: true });
    try {
      const before = snapshot(ws);
      expect((await refusal(db, { file })).code).toBe('import.crs_missing');
      expect(snapshot(ws)).toEqual(before);
      const [r] = await runImport(db, { file, options: { crs: 'EPSG:4526' } }, control);
      expect(r?.count).toBe(120);
    } finally {
      db.close();
    }
  });

  it('converts GCJ-02 to WGS 84 when the user says the data came from a Chinese web map', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'poi.csv');
    // Tiananmen: WGS 84 116.391275,39.90723 is GCJ-02 116.397524,39.908692 (gcoord / the published offset).
    fs.writeFileSync(file, 'name,lng,lat\n天安门,116.397524,39.908692\n');
    const p = await previewImport({ path: file, fileName: 'poi.csv' }, { crs: 'GCJ02' });
    const [lon, lat] = p.layers[0]?.bbox ?? [];
    expect(lon).toBeCloseTo(116.391275, 3);
    expect(lat).toBeCloseTo(39.90723, 3);
    expect(p.layers[0]?.warnings).toContain('web_map_offset');
  });
});

describe('CSV', () => {
  it('finds X/Y, suggests EPSG:4526 for 38xxxxxx eastings and waits for the choice', async () => {
    const p = await previewImport(src('crs-china/parcel_centroids_gk38.csv'));
    expect(p.layers[0]).toMatchObject({
      crsKnown: false,
      suggestedCrs: 'EPSG:4526',
      encoding: 'UTF-8',
      featureCount: 120,
      columns: { x: 'X', y: 'Y', all: ['X', 'Y', '编号', '用地名称'] },
    });
  });

  it('takes lon/lat columns by Chinese names as WGS 84, codes with leading zeros stay text', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.csv');
    fs.writeFileSync(file, '代码,经度,纬度\n0701,112.53,33.0\n0801,112.54,33.01\n');
    const p = await previewImport({ path: file, fileName: 'p.csv' });
    expect(p.layers[0]).toMatchObject({ crsKnown: true, crs: 'EPSG:4326', columns: { x: '经度', y: '纬度' } });
    expect(p.layers[0]?.fields[0]).toEqual({ name: '代码', type: 'TEXT' });
    expect(p.layers[0]?.sample[0]?.['代码']).toBe('0701');
  });

  it('refuses a column the user names that is not there', async () => {
    await expect(
      previewImport(src('crs-china/parcel_centroids_gk38.csv'), { xColumn: 'E', yColumn: 'N' }),
    ).rejects.toMatchObject({ code: 'import.csv_column_not_found', facts: { column: 'E' } });
  });
});

describe('DXF', () => {
  it('writes points, lines and polygons layers from one drawing, with bulges, circles and blocks', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'site.dxf');
    const g = (pairs: (string | number)[]): string => pairs.map(String).join('\n');
    fs.writeFileSync(
      file,
      g([
        0,
        'SECTION',
        2,
        'BLOCKS',
        0,
        'BLOCK',
        2,
        'TREE',
        10,
        0,
        20,
        0,
        0,
        'CIRCLE',
        8,
        '0',
        10,
        0,
        20,
        0,
        40,
        1,
        0,
        'ENDBLK',
        0,
        'ENDSEC',
        0,
        'SECTION',
        2,
        'ENTITIES',
        0,
        'LINE',
        8,
        '道路',
        5,
        'A1',
        10,
        38500000,
        20,
        3650000,
        11,
        38500100,
        21,
        3650000,
        0,
        'LWPOLYLINE',
        8,
        '用地',
        90,
        4,
        70,
        1,
        10,
        38500000,
        20,
        3650010,
        10,
        38500010,
        20,
        3650010,
        42,
        1,
        10,
        38500010,
        20,
        3650020,
        10,
        38500000,
        20,
        3650020,
        0,
        'TEXT',
        8,
        '注记',
        10,
        38500005,
        20,
        3650015,
        1,
        '幼儿园',
        0,
        'INSERT',
        8,
        '绿化',
        2,
        'TREE',
        10,
        38500050,
        20,
        3650050,
        41,
        2,
        42,
        2,
        0,
        'ENDSEC',
        0,
        'EOF',
        '',
      ]),
    );
    const p = await previewImport({ path: file, fileName: 'site.dxf' }, { crs: 'EPSG:4526' });
    expect(p.layers.map((l) => [l.sourceLayer, l.featureCount])).toEqual([
      ['points', 1],
      ['lines', 1],
      ['polygons', 2],
    ]);
    expect(p.layers[0]?.sample[0]).toMatchObject({ layer: '注记', entity: 'TEXT', text: '幼儿园' });
    // The tree block's circle is inserted on layer 绿化 at 2x scale: radius 2 m around its insertion point.
    expect(p.layers[2]?.sample[1]).toMatchObject({ layer: '绿化', entity: 'CIRCLE' });
    const ws = path.join(tempDir(), 'w.gpkg');
    const db = openWorkspaceDb(ws, { create: true });
    try {
      const results = await runImport(
        db,
        { file: { path: file, fileName: 'site.dxf' }, options: { crs: 'EPSG:4526' } },
        control,
      );
      expect(results.map((r) => r.resultLayer)).toEqual(['site_points', 'site_lines', 'site_polygons']);
      const polys = [...iterateFeatures(db, describeFeatureTable(db, 'site_polygons'))];
      const bulged = polys[0]?.geometry;
      // The bulge of 1 turns the east edge into a half circle: more vertices than the 4 corners.
      expect(bulged?.type === 'Polygon' ? bulged.coordinates[0]?.length : 0).toBeGreaterThan(20);
    } finally {
      db.close();
    }
  });
});

describe('GeoPackage in any CRS it declares', () => {
  function utmPackage(): string {
    const out = path.join(tempDir(), 'utm.gpkg');
    const src = path.join(SHARED, 'crs-china/parcels_wgs84.geojson');
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:32649', '-nln', 'parcels_utm', out, src]);
    return out;
  }

  it('reads a GDAL GeoPackage in UTM 49N by its EPSG code, and by its WKT when the code is not EPSG', async () => {
    const file = utmPackage();
    const byCode = await previewImport({ path: file, fileName: 'utm.gpkg' });
    expect(byCode.layers[0]).toMatchObject({ crs: 'EPSG:32649', crsKnown: true, featureCount: 120 });
    const db = new Database(file);
    db.prepare(
      "UPDATE gpkg_spatial_ref_sys SET organization = 'NONE', organization_coordsys_id = 99 WHERE srs_id = 32649",
    ).run();
    db.close();
    const byWkt = await previewImport({ path: file, fileName: 'utm.gpkg' });
    expect(byWkt.layers[0]).toMatchObject({ crs: 'EPSG:32649', crsKnown: true });
    const [minLon, minLat] = byWkt.layers[0]?.bbox ?? [];
    expect(minLon).toBeCloseTo(112.52, 6);
    expect(minLat).toBeCloseTo(32.99, 6);
  });

  it('asks when the declared CRS matches nothing we support', async () => {
    const file = utmPackage();
    const db = new Database(file);
    // A local grid: transverse Mercator on CM 112.5E with a false easting of 123 456 m.
    const local =
      'PROJCS["Local grid",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],' +
      'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",112.5],PARAMETER["scale_factor",1],' +
      'PARAMETER["false_easting",123456],PARAMETER["false_northing",0],UNIT["metre",1]]';
    db.prepare("UPDATE gpkg_spatial_ref_sys SET organization = 'NONE', definition = ? WHERE srs_id = 32649").run(local);
    db.close();
    const p = await previewImport({ path: file, fileName: 'utm.gpkg' });
    expect(p.layers[0]).toMatchObject({ crsKnown: false, bbox: null, featureCount: 120 });
  });
});
