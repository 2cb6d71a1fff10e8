import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  addLayer,
  addTiledLayer,
  adoptUncataloguedTables,
  getWorkspaceMeta,
  listLayers,
  setWorkspaceMeta,
  updateLayer,
} from '../../../main/store/catalog.js';
import { migrate, openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, dropFeatureTable, finishFeatureTable } from '../../../main/store/feature-table.js';
import { tempDir } from '../helpers.js';

const NOW = '2026-12-01T00:00:00.000Z';

function freshDb() {
  return openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
}

const buildings = {
  name: 'buildings_3d',
  title: '建筑',
  kind: 'tiles3d' as const,
  sourceCrs: 'EPSG:4526',
  sourceFile: null,
  createdAt: NOW,
  tiles: { root: '3dtiles/buildings_3d/tileset.json', sourceLayers: ['b2022', 'b2024'], epochs: ['2022', '2024'] },
  meta: {
    geometryType: 'POLYGON' as const,
    featureCount: 12,
    fields: [{ name: 'height_m', type: 'REAL' as const }],
    bbox: [112.5, 33, 112.6, 33.1] as [number, number, number, number],
  },
};

describe('layer catalog', () => {
  it('lists tile sets beside feature tables, with what they were built from', () => {
    const db = freshDb();
    createFeatureTable(db, { name: 'roads', title: 'roads', geometryType: 'LINESTRING', fields: [] });
    finishFeatureTable(db, 'roads', null);
    addLayer(db, { name: 'roads', title: '道路', sourceCrs: null, sourceFile: null, createdAt: NOW });
    addTiledLayer(db, buildings);
    const [top, bottom] = listLayers(db);
    expect(top).toMatchObject({ name: 'buildings_3d', kind: 'tiles3d', featureCount: 12, geometryType: 'POLYGON' });
    expect(top?.tiles?.epochs).toEqual(['2022', '2024']);
    expect(bottom).toMatchObject({ name: 'roads', kind: 'vector', tiles: null });
  });

  it('puts terrain and imagery at the bottom of the tree and 3D models on top', () => {
    const db = freshDb();
    createFeatureTable(db, { name: 'parcels', title: 'p', geometryType: 'POLYGON', fields: [] });
    addLayer(db, { name: 'parcels', title: 'p', sourceCrs: null, sourceFile: null, createdAt: NOW });
    const raster = { ...buildings, tiles: { root: 'x/layer.json', sourceLayers: [], epochs: [] } };
    addTiledLayer(db, { ...raster, name: 'ortho', kind: 'imagery' });
    addTiledLayer(db, { ...raster, name: 'dem', kind: 'terrain' });
    addTiledLayer(db, buildings);
    expect(listLayers(db).map((l) => l.name)).toEqual(['buildings_3d', 'parcels', 'ortho', 'dem']);
  });

  it('rebuilding a tile set keeps its place and style, and never replaces a feature table', () => {
    const db = freshDb();
    addTiledLayer(db, buildings);
    updateLayer(db, 'buildings_3d', { visible: false, style: { fillColor: '#123456' } });
    addTiledLayer(db, { ...buildings, meta: { ...buildings.meta, featureCount: 20 } });
    const [entry] = listLayers(db);
    expect(entry).toMatchObject({ visible: false, featureCount: 20 });
    expect(entry?.style.fillColor).toBe('#123456');
    createFeatureTable(db, { name: 'parcels', title: 'p', geometryType: 'POLYGON', fields: [] });
    addLayer(db, { name: 'parcels', title: 'p', sourceCrs: null, sourceFile: null, createdAt: NOW });
    expect(() => addTiledLayer(db, { ...buildings, name: 'parcels' })).toThrow(/store\.layer_exists/);
  });

  it('drops catalog rows of feature tables another tool removed, and keeps tile sets', () => {
    const db = freshDb();
    createFeatureTable(db, { name: 'gone', title: 'gone', geometryType: 'POINT', fields: [] });
    addLayer(db, { name: 'gone', title: 'gone', sourceCrs: null, sourceFile: null, createdAt: NOW });
    addTiledLayer(db, buildings);
    dropFeatureTable(db, 'gone');
    adoptUncataloguedTables(db, NOW);
    expect(listLayers(db).map((l) => l.name)).toEqual(['buildings_3d']);
  });

  it('upgrades a version-2 catalog, keeping its rows', () => {
    const file = path.join(tempDir(), 'v2.gpkg');
    const raw = new Database(file);
    migrate(raw, 2);
    raw
      .prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('old', 'features', 'old')")
      .run();
    raw
      .prepare(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES ('old', 'geom', 'POINT', 4326, 0, 0)",
      )
      .run();
    raw.exec('CREATE TABLE old (fid INTEGER PRIMARY KEY, geom POINT)');
    raw
      .prepare("INSERT INTO cim_layers (name, title, draw_order, style, created_at) VALUES ('old', '旧图层', 0, ?, ?)")
      .run(
        JSON.stringify({
          fillColor: '#000000',
          fillOpacity: 1,
          strokeColor: '#000000',
          strokeWidthPx: 1,
          pointSizePx: 4,
        }),
        NOW,
      );
    raw.close();
    const db = openWorkspaceDb(file);
    expect(listLayers(db)).toMatchObject([{ name: 'old', title: '旧图层', kind: 'vector', tiles: null }]);
  });

  it('keeps workspace settings and refuses to overwrite the schema version', () => {
    const db = freshDb();
    setWorkspaceMeta(db, 'gk_zone_epsg', '4526');
    expect(getWorkspaceMeta(db, 'gk_zone_epsg')).toBe('4526');
    expect(getWorkspaceMeta(db, 'missing')).toBeNull();
    expect(() => setWorkspaceMeta(db, 'schema_version', '9')).toThrow(/store\.reserved_meta_key/);
  });
});
