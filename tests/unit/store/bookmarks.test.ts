import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../common/contract/index.js';
import {
  addBookmark,
  applyBookmarkLayers,
  getBookmark,
  listBookmarks,
  removeBookmark,
  renameBookmark,
  reorderBookmarks,
  updateBookmark,
} from '../../../main/store/bookmarks.js';
import { addLayer, listLayers, updateLayer } from '../../../main/store/catalog.js';
import { migrate, openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { createFeatureTable, finishFeatureTable } from '../../../main/store/feature-table.js';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index.js';
import { tempDir } from '../helpers.js';

const T0 = '2026-12-01T08:00:00.000Z';
const T1 = '2026-12-01T09:00:00.000Z';
const CITY: Camera = { lon: 112.53, lat: 33.0, heightM: 1800, headingDeg: 15, pitchDeg: -35, rollDeg: 0 };
const PARK: Camera = { lon: 112.55, lat: 33.01, heightM: 600, headingDeg: 270, pitchDeg: -20, rollDeg: 0 };
// the 8-byte PNG signature and an IHDR start: enough to tell bytes survive the BLOB round trip
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString(
  'base64',
);

function addVectorLayer(db: Db, name: string): void {
  createFeatureTable(db, { name, title: name, geometryType: 'POLYGON', fields: [] });
  finishFeatureTable(db, name, null);
  addLayer(db, { name, title: name, sourceCrs: null, sourceFile: null, createdAt: T0 });
}

/** Closes and reopens the file: what survives is what the workspace keeps. */
function reopen(db: Db): Db {
  const file = db.name;
  db.close();
  return openWorkspaceDb(file);
}

describe('bookmarks in the workspace file', () => {
  it('keep camera, layers with their styles, epoch, results, thumbnail and tour settings across a reopen', () => {
    let db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    addVectorLayer(db, 'parcels');
    addVectorLayer(db, 'plan_a');
    db.prepare(
      "INSERT INTO cim_analysis_runs (result_layer, kind, params, summary, created_at) VALUES ('plan_a', 'multiplan', '{}', '{}', ?)",
    ).run(T0);
    updateLayer(db, 'parcels', { visible: false });
    updateLayer(db, 'plan_a', { opacity: 0.6, style: { fillColor: '#ff0000' } });
    const first = addBookmark(db, '老城区', { camera: CITY, epoch: '2024', thumbnailPng: PNG }, T0);
    const second = addBookmark(db, 'Park', { camera: PARK }, T0);
    updateBookmark(db, second.id, { stop: { caption: '公园改造方案', pauseS: 8, flyDurationS: 2 } }, T1);

    db = reopen(db);
    const [a, b] = listBookmarks(db);
    expect(a).toMatchObject({ id: first.id, title: '老城区', camera: CITY, epoch: '2024', thumbnailPng: PNG });
    expect(a?.position).toBe(0);
    expect(a?.layers).toEqual([
      { name: 'plan_a', visible: true, opacity: 0.6, style: expect.objectContaining({ fillColor: '#ff0000' }) },
      { name: 'parcels', visible: false, opacity: 1, style: expect.objectContaining({ fillOpacity: 0.45 }) },
    ]);
    expect(a?.results).toEqual(['plan_a']);
    expect(b).toMatchObject({ title: 'Park', position: 1, caption: '公园改造方案', pauseS: 8, flyDurationS: 2 });
    expect(b).toMatchObject({ thumbnailPng: null, epoch: null, createdAt: T0, updatedAt: T1 });
    db.close();
  });

  it('are renamed, retaken, reordered and removed', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    addVectorLayer(db, 'roads');
    const a = addBookmark(db, 'A', { camera: CITY }, T0);
    const b = addBookmark(db, 'B', { camera: CITY }, T0);
    const c = addBookmark(db, 'C', { camera: CITY }, T0);
    expect(renameBookmark(db, a.id, 'A2', T1).title).toBe('A2');
    updateLayer(db, 'roads', { visible: false });
    const retaken = updateBookmark(db, b.id, { view: { camera: PARK, epoch: '2022', thumbnailPng: PNG } }, T1);
    expect(retaken).toMatchObject({
      camera: PARK,
      epoch: '2022',
      thumbnailPng: PNG,
      layers: [{ name: 'roads', visible: false }],
    });
    expect(reorderBookmarks(db, [c.id, a.id, b.id]).map((x) => [x.title, x.position])).toEqual([
      ['C', 0],
      ['A2', 1],
      ['B', 2],
    ]);
    expect(() => reorderBookmarks(db, [c.id, a.id])).toThrow(expect.objectContaining({ code: 'store.bookmark_order' }));
    expect(() => reorderBookmarks(db, [c.id, a.id, a.id])).toThrow(
      expect.objectContaining({ code: 'store.bookmark_order' }),
    );
    removeBookmark(db, a.id);
    expect(listBookmarks(db).map((x) => x.title)).toEqual(['C', 'B']);
    // the next one goes last in the tour
    expect(addBookmark(db, 'D', { camera: CITY }, T1).position).toBe(3);
    expect(() => getBookmark(db, a.id)).toThrow(expect.objectContaining({ code: 'store.bookmark_not_found' }));
    db.close();
  });

  it('show their layers again: saved visibility and style written back, newer layers hidden', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    addVectorLayer(db, 'parcels');
    addVectorLayer(db, 'plan_a');
    updateLayer(db, 'plan_a', { visible: false });
    const mark = addBookmark(db, 'parcels only', { camera: CITY }, T0);
    updateLayer(db, 'plan_a', { visible: true });
    updateLayer(db, 'parcels', { visible: false, style: { fillColor: '#123456' } });
    addVectorLayer(db, 'cases');
    const saved = mark.layers?.find((l) => l.name === 'parcels');

    expect(applyBookmarkLayers(db, getBookmark(db, mark.id)).sort()).toEqual(['cases', 'parcels', 'plan_a']);
    const byName = new Map(listLayers(db).map((l) => [l.name, l]));
    expect(byName.get('parcels')).toMatchObject({ visible: true, style: saved?.style });
    expect(byName.get('plan_a')?.visible).toBe(false);
    expect(byName.get('cases')?.visible).toBe(false);
    // shown again, nothing changes
    expect(applyBookmarkLayers(db, getBookmark(db, mark.id))).toEqual([]);
    db.close();
  });
});

describe('migration 10: bookmarks become tour stops', () => {
  it('upgrades a schema-4 workspace, keeping old bookmarks with their camera, in their order', () => {
    const file = path.join(tempDir(), 'v4.gpkg');
    const raw = new Database(file);
    expect(migrate(raw, 4)).toBe(4);
    const insert = raw.prepare('INSERT INTO cim_bookmarks (title, camera, created_at) VALUES (?, ?, ?)');
    insert.run('旧书签 1', JSON.stringify(CITY), T0);
    insert.run('old 2', JSON.stringify(PARK), T1);
    raw.close();

    let db = openWorkspaceDb(file);
    expect(db.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get()).toEqual({
      value: String(LATEST_SCHEMA_VERSION),
    });
    const [one, two] = listBookmarks(db);
    expect(one).toEqual({
      id: 1,
      title: '旧书签 1',
      camera: CITY,
      layers: null,
      epoch: null,
      results: [],
      thumbnailPng: null,
      position: 1,
      flyDurationS: 3,
      pauseS: 5,
      caption: '',
      createdAt: T0,
      updatedAt: T0,
    });
    expect(two).toMatchObject({ title: 'old 2', camera: PARK, position: 2, updatedAt: T1 });
    // an old bookmark leaves the layers as they are when shown
    addVectorLayer(db, 'roads');
    expect(applyBookmarkLayers(db, getBookmark(db, 1))).toEqual([]);
    // and it can be retaken, reordered and extended after the upgrade, surviving a reopen
    updateBookmark(db, 2, { view: { camera: CITY, thumbnailPng: PNG }, stop: { caption: 'x' } }, T1);
    reorderBookmarks(db, [2, 1]);
    db = reopen(db);
    expect(listBookmarks(db).map((b) => [b.id, b.position, b.thumbnailPng, b.layers?.length ?? null])).toEqual([
      [2, 0, PNG, 1],
      [1, 1, null, null],
    ]);
    db.close();
  });
});
