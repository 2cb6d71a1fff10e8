/**
 * The workspace's bookmarks and the calls that change them. Taking a view captures the
 * camera, the epoch and a thumbnail here; the back end adds the layers as the catalog
 * shows them. Showing one writes its layers back to the catalog, reloads the layer list
 * (the map follows it), sets the epoch and flies there.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Bookmark, TourStop, WorkstationApi } from '../../common/contract/index.js';
import type { MapController } from '../map/controller.js';

/** Thumbnail width in pixels (the bookmark list shows them at half that on a 2× screen). */
const THUMBNAIL_WIDTH_PX = 240;

export interface BookmarksModel {
  bookmarks: Bookmark[];
  refresh: () => Promise<void>;
  add: (title: string) => Promise<Bookmark | null>;
  /** Retakes the view into the bookmark. */
  retake: (id: number) => Promise<void>;
  setStop: (id: number, stop: Partial<TourStop>) => Promise<void>;
  rename: (id: number, title: string) => Promise<void>;
  /** Moves one bookmark by `delta` places in the tour. */
  move: (id: number, delta: number) => Promise<void>;
  remove: (id: number) => Promise<void>;
  /** Shows the bookmark: layers, epoch, then the flight (`flyDurationS` overrides its own). */
  show: (bookmark: Bookmark, flyDurationS?: number) => Promise<void>;
}

export interface BookmarkDeps {
  api: WorkstationApi;
  controller: MapController | null;
  /** Reloads the layer list after a bookmark changed the catalog. */
  refreshLayers: () => Promise<unknown>;
  notifyError: (err: unknown) => void;
  /** The open workspace (bookmarks are reloaded when it changes). */
  workspacePath: string | null;
  /** The survey epoch the map shows (the time control). */
  epoch: string | null;
}

async function captureView(controller: MapController, epoch: string | null) {
  const thumbnail = await controller.presentation().thumbnail(THUMBNAIL_WIDTH_PX);
  const dataUrl = thumbnail.toDataURL('image/png');
  return { camera: controller.getCamera(), epoch, thumbnailPng: dataUrl.slice(dataUrl.indexOf(',') + 1) };
}

export function useBookmarks(deps: BookmarkDeps): BookmarksModel {
  const { api, controller, refreshLayers, notifyError, workspacePath, epoch } = deps;
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([]);

  const refresh = useCallback(async () => {
    try {
      setBookmarks(await api.invoke('bookmarks.list', {}));
    } catch (err) {
      notifyError(err);
    }
  }, [api, notifyError]);

  useEffect(() => {
    if (workspacePath === null) setBookmarks([]);
    else void refresh();
  }, [workspacePath, refresh]);

  const guarded = useCallback(
    async <T>(fn: () => Promise<T>): Promise<T | null> => {
      try {
        return await fn();
      } catch (err) {
        notifyError(err);
        return null;
      } finally {
        await refresh();
      }
    },
    [notifyError, refresh],
  );

  const add = useCallback(
    (title: string) =>
      guarded(async () => {
        if (!controller) throw new Error('the map is not ready');
        return api.invoke('bookmarks.add', { title, ...(await captureView(controller, epoch)) });
      }),
    [api, controller, epoch, guarded],
  );

  const retake = useCallback(
    async (id: number) => {
      await guarded(async () => {
        if (!controller) throw new Error('the map is not ready');
        return api.invoke('bookmarks.update', { id, view: await captureView(controller, epoch) });
      });
    },
    [api, controller, epoch, guarded],
  );

  const setStop = useCallback(
    async (id: number, stop: Partial<TourStop>) => {
      await guarded(() => api.invoke('bookmarks.update', { id, stop }));
    },
    [api, guarded],
  );

  const rename = useCallback(
    async (id: number, title: string) => {
      await guarded(() => api.invoke('bookmarks.rename', { id, title }));
    },
    [api, guarded],
  );

  const move = useCallback(
    async (id: number, delta: number) => {
      const ids = bookmarks.map((b) => b.id);
      const from = ids.indexOf(id);
      const to = Math.min(Math.max(from + delta, 0), ids.length - 1);
      if (from < 0 || from === to) return;
      ids.splice(to, 0, ...ids.splice(from, 1));
      await guarded(() => api.invoke('bookmarks.reorder', { ids }));
    },
    [api, bookmarks, guarded],
  );

  const remove = useCallback(
    async (id: number) => {
      await guarded(() => api.invoke('bookmarks.remove', { id }));
    },
    [api, guarded],
  );

  const show = useCallback(
    async (bookmark: Bookmark, flyDurationS?: number) => {
      if (!controller) return;
      try {
        const { changed } = await api.invoke('bookmarks.apply', { id: bookmark.id });
        if (changed.length > 0) await refreshLayers();
        if (bookmark.epoch !== null) controller.setEpoch(bookmark.epoch);
        await controller.presentation().flyTo(bookmark.camera, flyDurationS ?? bookmark.flyDurationS);
      } catch (err) {
        notifyError(err);
      }
    },
    [api, controller, refreshLayers, notifyError],
  );

  return { bookmarks, refresh, add, retake, setStop, rename, move, remove, show };
}
