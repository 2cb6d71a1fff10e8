/**
 * The packed R-tree load against SQLite's own: a tree written into the shadow tables must
 * pass SQLite's rtreecheck(), store every box exactly as SQLite's row-by-row insert stores it
 * (float32, rounded outward), answer every window query alike, and go on working under the
 * GeoPackage triggers (insert, move, delete).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { bulkLoadRtree, float32Down, float32Up, rtreeBox, type RtreeEntries } from '../../../main/store/rtree-bulk.js';
import { tempDir } from '../helpers.js';

type Box = [number, number, number, number];

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Boxes around the world's corners and Nanyang: negative and positive, points and slivers. */
function boxes(n: number, seed: number): Box[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i): Box => {
    const x = i % 7 === 0 ? -179.9 + rnd() * 0.3 : 112 + rnd() * 0.2;
    const y = i % 5 === 0 ? -89.9 + rnd() * 0.3 : 33 + rnd() * 0.2;
    const w = i % 11 === 0 ? 0 : rnd() * 0.001;
    return [x, x + w, y, y + w * 0.3];
  });
}

function entriesOf(list: readonly Box[]): RtreeEntries {
  const e: RtreeEntries = {
    ids: new Float64Array(list.length),
    boxes: new Float32Array(4 * list.length),
    count: list.length,
  };
  list.forEach((b, i) => {
    e.ids[i] = 1000 + 3 * i;
    rtreeBox(b, e.boxes, 4 * i);
  });
  return e;
}

function twoTrees(list: readonly Box[]): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE packed USING rtree(id, minx, maxx, miny, maxy)');
  db.exec('CREATE VIRTUAL TABLE rowwise USING rtree(id, minx, maxx, miny, maxy)');
  db.transaction(() => bulkLoadRtree(db, 'packed', entriesOf(list)))();
  const insert = db.prepare('INSERT INTO rowwise VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => list.forEach((b, i) => insert.run(1000 + 3 * i, ...b)))();
  return db;
}

describe('packed R-tree load', () => {
  it('rounds as SQLite does: float32, minima never above the value, maxima never below', () => {
    // (SQLite's nudge by one part in 2^23 cannot step below the float32 normal range; neither do we.)
    for (const v of [112.53, -179.99, 33.000001, 0, 1e-30, -1e-30, 90, -0.1]) {
      expect(float32Down(v)).toBeLessThanOrEqual(v);
      expect(float32Up(v)).toBeGreaterThanOrEqual(v);
      expect(Math.fround(float32Down(v))).toBe(float32Down(v));
      expect(Math.fround(float32Up(v))).toBe(float32Up(v));
    }
    expect(float32Down(0.5)).toBe(0.5);
    expect(float32Up(0.5)).toBe(0.5);
  });

  it.each([1, 51, 52, 2000, 30_000])(
    '%i boxes: rtreecheck ok, the same stored boxes and answers as row by row',
    (n) => {
      const list = boxes(n, n);
      const db = twoTrees(list);
      expect(db.prepare("SELECT rtreecheck('packed') AS c").get()).toEqual({ c: 'ok' });
      expect(db.prepare('SELECT count(*) AS n FROM packed').get()).toEqual({ n });
      const stored = (t: string) => db.prepare(`SELECT id, minx, maxx, miny, maxy FROM ${t} ORDER BY id`).all();
      expect(stored('packed')).toEqual(stored('rowwise'));
      const rnd = random(7);
      const query = (t: string, q: Box) =>
        db
          .prepare(`SELECT id FROM ${t} WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? ORDER BY id`)
          .pluck()
          .all(q[1], q[0], q[3], q[2]);
      let hits = 0;
      for (let k = 0; k < 60; k++) {
        const x = k % 3 === 0 ? -180 + rnd() * 0.3 : 112 + rnd() * 0.2;
        const y = k % 3 === 0 ? -90 + rnd() * 0.3 : 33 + rnd() * 0.2;
        const q: Box = [x, x + rnd() * 0.03, y, y + rnd() * 0.03];
        const a = query('packed', q);
        expect(a).toEqual(query('rowwise', q));
        hits += a.length;
      }
      if (n >= 2000) expect(hits).toBeGreaterThan(60);
      db.close();
    },
  );

  it('keeps working under inserts and deletes, and inserts one by one into a tree that is not empty', () => {
    const list = boxes(5000, 3);
    const db = twoTrees(list);
    db.prepare('INSERT INTO packed VALUES (1, 112.1, 112.2, 33.1, 33.2)').run();
    db.prepare('DELETE FROM packed WHERE id < 4000').run();
    expect(db.prepare("SELECT rtreecheck('packed') AS c").get()).toEqual({ c: 'ok' });
    bulkLoadRtree(db, 'packed', { ids: Float64Array.of(7), boxes: Float32Array.of(1, 2, 3, 4), count: 1 });
    expect(db.prepare('SELECT minx, maxx, miny, maxy FROM packed WHERE id = 7').get()).toEqual({
      minx: 1,
      maxx: 2,
      miny: 3,
      maxy: 4,
    });
    expect(db.prepare("SELECT rtreecheck('packed') AS c").get()).toEqual({ c: 'ok' });
    db.close();
  });

  it('fills a workspace layer’s gpkg R-tree when the layer is finished; the triggers keep it after', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    const spec = { name: 'pts', title: 'pts', geometryType: 'POINT' as const, fields: [] };
    db.transaction(() => {
      createFeatureTable(db, spec);
      const w = featureWriter(db, spec);
      for (let i = 0; i < 300; i++)
        w.write({ type: 'Point', coordinates: [112 + i * 0.001, 33 + (i % 17) * 0.001] }, []);
      finishFeatureTable(db, 'pts', w.extent());
    })();
    expect(db.prepare("SELECT rtreecheck('rtree_pts_geom') AS c").get()).toEqual({ c: 'ok' });
    expect(db.prepare('SELECT count(*) AS n FROM rtree_pts_geom').get()).toEqual({ n: 300 });
    // fid 11 is the 11th point: (112 + 10 x 0.001, 33 + 10 x 0.001)
    expect(db.prepare('SELECT minx, maxx, miny, maxy FROM rtree_pts_geom WHERE id = 11').get()).toEqual({
      minx: float32Down(112 + 10 * 0.001),
      maxx: float32Up(112 + 10 * 0.001),
      miny: float32Down(33 + 10 * 0.001),
      maxy: float32Up(33 + 10 * 0.001),
    });
    db.prepare('DELETE FROM pts WHERE fid <= 100').run();
    expect(db.prepare('SELECT count(*) AS n FROM rtree_pts_geom').get()).toEqual({ n: 200 });
    expect(db.prepare("SELECT rtreecheck('rtree_pts_geom') AS c").get()).toEqual({ c: 'ok' });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
