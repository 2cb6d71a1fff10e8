import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addLayer, getLayer, listLayers } from '../../../main/store/catalog.js';
import { migrate, openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, dropFeatureTable, finishFeatureTable } from '../../../main/store/feature-table.js';
import { readAliases, writeAliases } from '../../../main/store/field-aliases.js';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index.js';
import { tempDir } from '../helpers.js';

const NOW = '2026-12-07T00:00:00.000Z';
const PARCEL_FIELDS = [
  { name: 'dkbm', type: 'TEXT' as const },
  { name: 'yddm', type: 'TEXT' as const },
  { name: 'area_m2', type: 'REAL' as const },
  { name: '备注', type: 'TEXT' as const },
];

describe('migration 6: field aliases in gpkg_data_columns', () => {
  it('upgrades a version-4 workspace: the table, its extension row and standard aliases of existing tables', () => {
    const file = path.join(tempDir(), 'v4.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 4)).toBe(4);
    // a feature table made before aliases existed
    raw.exec(
      'CREATE TABLE parcels (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, dkbm TEXT, kzxlx TEXT, x TEXT)',
    );
    raw
      .prepare(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('parcels', 'features', 'parcels', 4326)",
      )
      .run();
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_data_columns'").get()).toBeUndefined();
    raw.close();

    const db = openWorkspaceDb(file);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(LATEST_SCHEMA_VERSION),
    });
    expect(
      db.prepare("SELECT table_name, scope FROM gpkg_extensions WHERE extension_name = 'gpkg_schema' ORDER BY 1").all(),
    ).toEqual([
      { table_name: 'gpkg_data_column_constraints', scope: 'read-write' },
      { table_name: 'gpkg_data_columns', scope: 'read-write' },
    ]);
    expect(Object.fromEntries(readAliases(db, 'parcels'))).toEqual({ dkbm: '地块编码', kzxlx: '控制线类型' });
    db.close();
  });

  it('gives a new table its standard aliases, lists them with the fields, and keeps an edited alias across reopening', () => {
    const file = path.join(tempDir(), 'w.gpkg');
    let db = openWorkspaceDb(file, { create: true });
    createFeatureTable(db, { name: 'plan_regulatory', title: '控规', geometryType: 'POLYGON', fields: PARCEL_FIELDS });
    finishFeatureTable(db, 'plan_regulatory', null);
    addLayer(db, {
      name: 'plan_regulatory',
      title: '控制性详细规划',
      sourceCrs: null,
      sourceFile: null,
      createdAt: NOW,
    });
    expect(getLayer(db, 'plan_regulatory').fields).toEqual([
      { name: 'dkbm', type: 'TEXT', alias: '地块编码' },
      { name: 'yddm', type: 'TEXT', alias: '用地代码' },
      { name: 'area_m2', type: 'REAL', alias: '面积' },
      { name: '备注', type: 'TEXT' },
    ]);
    writeAliases(db, 'plan_regulatory', { dkbm: '宗地编号', area_m2: '' });
    db.close();

    db = openWorkspaceDb(file);
    const fields = listLayers(db).find((l) => l.name === 'plan_regulatory')?.fields ?? [];
    expect(fields.map((f) => f.alias)).toEqual(['宗地编号', '用地代码', undefined, undefined]);
    expect(() => writeAliases(db, 'plan_regulatory', { yddm: '宗地编号' })).toThrow(/UNIQUE/);
    dropFeatureTable(db, 'plan_regulatory');
    expect(readAliases(db, 'plan_regulatory').size).toBe(0);
    db.close();

    // an outside reader of the OGC schema table sees the same, without our code
    const plain = new Database(file, { readonly: true });
    expect(plain.prepare('SELECT count(*) AS n FROM gpkg_data_columns').get()).toEqual({ n: 0 });
    plain.close();
  });

  it.runIf(existsSync('/usr/bin/ogrinfo'))('leaves a file GDAL opens, with the aliases in the schema table', () => {
    const file = path.join(tempDir(), 'gdal.gpkg');
    const db = openWorkspaceDb(file, { create: true });
    createFeatureTable(db, { name: 'parcels', title: '地块', geometryType: 'POLYGON', fields: PARCEL_FIELDS });
    finishFeatureTable(db, 'parcels', null);
    addLayer(db, { name: 'parcels', title: '地块', sourceCrs: null, sourceFile: null, createdAt: NOW });
    db.close();
    // GDAL >= 3.7 prints "Alternative name" from gpkg_data_columns.name; 3.6 (here) ignores the
    // table, so the test asks it to read the table as SQL and checks the file opens cleanly
    const info = execFileSync('ogrinfo', ['-so', file, 'parcels'], { encoding: 'utf8' });
    expect(info).toContain('dkbm: String');
    const sql = execFileSync(
      'ogrinfo',
      [file, '-q', '-sql', "SELECT column_name, name FROM gpkg_data_columns WHERE table_name = 'parcels'"],
      { encoding: 'utf8' },
    );
    expect(sql).toMatch(/column_name \(String\) = dkbm\s+name \(String\) = 地块编码/);
    expect(sql).toMatch(/column_name \(String\) = yddm\s+name \(String\) = 用地代码/);
  });
});
