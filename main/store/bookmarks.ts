/**
 * Bookmarks (cim_bookmarks, migration 10): named views that keep the camera, the layers as
 * the catalog shows them, the epoch, the open analysis results and a thumbnail; in
 * `position` order they are the workspace's tour. Every function runs in the caller's
 * transaction.
 */
import type { Bookmark, BookmarkLayer, Camera, LayerStyle, TourStop } from '../../common/contract/index.js';
import { storeError } from '../../common/errors.js';
import type { Db } from './connection.js';

interface BookmarkRow {
  id: number;
  title: string;
  camera: string;
  layers: string | null;
  epoch: string | null;
  results: string;
  thumbnail: Buffer | null;
  position: number;
  fly_duration_s: number;
  pause_s: number;
  caption: string;
  created_at: string;
  updated_at: string | null;
}

/** What a bookmark takes of the current view (the layers come from the catalog). */
export interface ViewCapture {
  camera: Camera;
  epoch?: string | null | undefined;
  /** Base64 PNG. */
  thumbnailPng?: string | null | undefined;
}

function toBookmark(r: BookmarkRow): Bookmark {
  return {
    id: r.id,
    title: r.title,
    camera: JSON.parse(r.camera) as Camera,
    layers: r.layers === null ? null : (JSON.parse(r.layers) as BookmarkLayer[]),
    epoch: r.epoch,
    results: JSON.parse(r.results) as string[],
    thumbnailPng: r.thumbnail ? r.thumbnail.toString('base64') : null,
    position: r.position,
    flyDurationS: r.fly_duration_s,
    pauseS: r.pause_s,
    caption: r.caption,
    createdAt: r.created_at,
    updatedAt: r.updated_at ?? r.created_at,
  };
}

export function listBookmarks(db: Db): Bookmark[] {
  const rows = db.prepare('SELECT * FROM cim_bookmarks ORDER BY position, id').all() as BookmarkRow[];
  return rows.map(toBookmark);
}

export function getBookmark(db: Db, id: number): Bookmark {
  const row = db.prepare('SELECT * FROM cim_bookmarks WHERE id = ?').get(id) as BookmarkRow | undefined;
  if (!row) throw storeError('bookmark_not_found', { id });
  return toBookmark(row);
}

/** The catalog's layers as shown now, top of the tree first. */
function shownLayers(db: Db): BookmarkLayer[] {
  const rows = db.prepare('SELECT name, visible, opacity, style FROM cim_layers ORDER BY draw_order DESC').all() as {
    name: string;
    visible: number;
    opacity: number;
    style: string;
  }[];
  return rows.map((r) => ({
    name: r.name,
    visible: r.visible === 1,
    opacity: r.opacity,
    style: JSON.parse(r.style) as LayerStyle,
  }));
}

/** Shown layers that are an analysis run's result. */
function shownResults(db: Db, layers: readonly BookmarkLayer[]): string[] {
  const runs = new Set(
    (db.prepare('SELECT result_layer FROM cim_analysis_runs').all() as { result_layer: string }[]).map(
      (r) => r.result_layer,
    ),
  );
  return layers.filter((l) => l.visible && runs.has(l.name)).map((l) => l.name);
}

function pngBlob(base64: string | null | undefined): Buffer | null {
  return base64 ? Buffer.from(base64, 'base64') : null;
}

export function addBookmark(db: Db, title: string, view: ViewCapture, now: string): Bookmark {
  const layers = shownLayers(db);
  const { next } = db.prepare('SELECT coalesce(max(position), -1) + 1 AS next FROM cim_bookmarks').get() as {
    next: number;
  };
  const id = Number(
    db
      .prepare(
        `INSERT INTO cim_bookmarks (title, camera, layers, epoch, results, thumbnail, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        title,
        JSON.stringify(view.camera),
        JSON.stringify(layers),
        view.epoch ?? null,
        JSON.stringify(shownResults(db, layers)),
        pngBlob(view.thumbnailPng),
        next,
        now,
        now,
      ).lastInsertRowid,
  );
  return getBookmark(db, id);
}

export interface BookmarkUpdate {
  /** Retake the view: camera, the catalog's layers now, epoch, thumbnail. */
  view?: ViewCapture | undefined;
  stop?: Partial<TourStop> | undefined;
}

export function updateBookmark(db: Db, id: number, update: BookmarkUpdate, now: string): Bookmark {
  const current = getBookmark(db, id);
  if (update.view) {
    const layers = shownLayers(db);
    db.prepare(
      'UPDATE cim_bookmarks SET camera = ?, layers = ?, epoch = ?, results = ?, thumbnail = ? WHERE id = ?',
    ).run(
      JSON.stringify(update.view.camera),
      JSON.stringify(layers),
      update.view.epoch ?? null,
      JSON.stringify(shownResults(db, layers)),
      pngBlob(update.view.thumbnailPng),
      id,
    );
  }
  const stop = { ...current, ...update.stop };
  db.prepare('UPDATE cim_bookmarks SET fly_duration_s = ?, pause_s = ?, caption = ?, updated_at = ? WHERE id = ?').run(
    stop.flyDurationS,
    stop.pauseS,
    stop.caption,
    now,
    id,
  );
  return getBookmark(db, id);
}

export function renameBookmark(db: Db, id: number, title: string, now: string): Bookmark {
  getBookmark(db, id);
  db.prepare('UPDATE cim_bookmarks SET title = ?, updated_at = ? WHERE id = ?').run(title, now, id);
  return getBookmark(db, id);
}

/** `ids`: every bookmark, first stop first. */
export function reorderBookmarks(db: Db, ids: readonly number[]): Bookmark[] {
  const all = (db.prepare('SELECT id FROM cim_bookmarks ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const given = [...ids].sort((a, b) => a - b);
  if (given.length !== all.length || given.some((id, i) => id !== all[i])) {
    throw storeError('bookmark_order', { expected: all.length, given: ids.length });
  }
  const set = db.prepare('UPDATE cim_bookmarks SET position = ? WHERE id = ?');
  ids.forEach((id, position) => set.run(position, id));
  return listBookmarks(db);
}

export function removeBookmark(db: Db, id: number): number {
  const { changes } = db.prepare('DELETE FROM cim_bookmarks WHERE id = ?').run(id);
  if (changes === 0) throw storeError('bookmark_not_found', { id });
  return id;
}

/**
 * Writes the bookmark's layer states back to the catalog: the layers it names take its
 * visibility, opacity and style; layers added since are hidden (the view is as it was);
 * layers it names that are gone are skipped. A bookmark from before migration 10 (no
 * layers) changes nothing. Returns the names of the layers that changed.
 */
export function applyBookmarkLayers(db: Db, bookmark: Bookmark): string[] {
  if (bookmark.layers === null) return [];
  const saved = new Map(bookmark.layers.map((l) => [l.name, l]));
  const changed: string[] = [];
  const set = db.prepare('UPDATE cim_layers SET visible = ?, opacity = ?, style = ? WHERE name = ?');
  for (const now of shownLayers(db)) {
    const want = saved.get(now.name) ?? { ...now, visible: false };
    if (want.visible === now.visible && want.opacity === now.opacity && sameJson(want.style, now.style)) continue;
    set.run(want.visible ? 1 : 0, want.opacity, JSON.stringify(want.style), now.name);
    changed.push(now.name);
  }
  return changed;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
