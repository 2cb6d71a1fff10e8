import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GPKG_APPLICATION_ID, GPKG_USER_VERSION, migrate, openWorkspaceDb } from '../../../main/store/connection.js';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index.js';
import { FIXTURES, SHARED, snapshot, tempDir } from '../helpers.js';

describe('workspace file', () => {
  it('creates a GeoPackage 1.3 with the core tables and CGCS2000 systems', () => {
    const file = path.join(tempDir(), 'w.gpkg');
    const db = openWorkspaceDb(file, { create: true });
    expect(db.pragma('application_id', { simple: true })).toBe(GPKG_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(GPKG_USER_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const srs = (
      db.prepare('SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').all() as { srs_id: number }[]
    ).map((r) => r.srs_id);
    expect(srs).toEqual(expect.arrayContaining([-1, 0, 4326, 4490, 4513, 4526, 4533, 4534, 4547, 4554, 4491, 4512]));
    const wkt = (
      db.prepare('SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 4526').get() as { definition: string }
    ).definition;
    expect(wkt).toContain('PARAMETER["false_easting",38500000]');
    expect(wkt).toContain('PARAMETER["central_meridian",114]');
    db.close();
  });

  it('upgrades a version-1 workspace to the latest schema', () => {
    const file = path.join(tempDir(), 'v1.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 1)).toBe(1);
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cim_layers'").get()).toBeUndefined();
    raw.close();
    const db = openWorkspaceDb(file);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(LATEST_SCHEMA_VERSION),
    });
    expect(db.prepare("SELECT data_type FROM gpkg_contents WHERE table_name = 'cim_layers'").get()).toEqual({
      data_type: 'attributes',
    });
    db.close();
  });

  it('adopts a GeoPackage written by GDAL without touching its layers', () => {
    const file = path.join(tempDir(), 'gdal.gpkg');
    fs.copyFileSync(path.join(SHARED, 'crs-china/parcels_cgcs2000.gpkg'), file);
    const db = openWorkspaceDb(file);
    expect((db.prepare('SELECT count(*) AS n FROM parcels').get() as { n: number }).n).toBe(120);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(LATEST_SCHEMA_VERSION),
    });
    db.close();
  });

  it('refuses a file that is not a GeoPackage and leaves it as it was', () => {
    const file = path.join(tempDir(), 'text.gpkg');
    fs.copyFileSync(path.join(FIXTURES, 'bad/not-a-gpkg.gpkg'), file);
    const before = fs.readFileSync(file);
    expect(() => openWorkspaceDb(file)).toThrow(/store\.not_gpkg/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('refuses a plain SQLite database that has other tables', () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE people (name TEXT)');
    raw.close();
    expect(() => openWorkspaceDb(file)).toThrow(/store\.not_gpkg/);
    const after = snapshot(file);
    expect(after.tables).toEqual({ people: 0 });
  });

  it('refuses a 0-byte file unless asked to create, and a missing file', () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.gpkg');
    fs.writeFileSync(empty, '');
    expect(() => openWorkspaceDb(empty)).toThrow(/store\.not_gpkg/);
    expect(fs.statSync(empty).size).toBe(0);
    expect(() => openWorkspaceDb(path.join(dir, 'missing.gpkg'))).toThrow(/store\.not_found/);
  });
});
