/**
 * Bookmarks: named views that keep the camera, the layers as shown (visibility, opacity,
 * style), the survey epoch, the open analysis results and a thumbnail. In their order they
 * are the workspace's tour: each carries how long the flight to it takes, how long the tour
 * pauses there and the caption shown over the map. Environment: common.
 */
import { z } from 'zod';
import { call, Empty } from './call.js';
import { LayerStyle } from './layers.js';
import { LayerName } from './shared.js';
import { Camera } from './workspace.js';

/** A layer as a bookmark shows it. */
export const BookmarkLayer = z.object({
  name: LayerName,
  visible: z.boolean(),
  opacity: z.number().min(0).max(1),
  style: LayerStyle,
});
export type BookmarkLayer = z.infer<typeof BookmarkLayer>;

/** A PNG as base64 (no `data:` prefix); a thumbnail is a few tens of kilobytes. */
const PngBase64 = z
  .string()
  .max(2_000_000)
  .regex(/^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, 'a base64 PNG');

export const TourStop = z.object({
  /** Seconds the camera takes to fly here. */
  flyDurationS: z.number().min(0).max(60),
  /** Seconds the tour stays here before it flies on (when playing). */
  pauseS: z.number().min(0).max(600),
  /** Shown over the map while here. */
  caption: z.string().max(500),
});
export type TourStop = z.infer<typeof TourStop>;

/** What the view was when the bookmark was taken (or last updated). */
const BookmarkView = z.object({
  camera: Camera,
  /** Survey epoch the 3D layers showed (the time control); null when none. */
  epoch: z.string().max(64).nullable().optional(),
  thumbnailPng: PngBase64.nullable().optional(),
});

export const Bookmark = TourStop.extend({
  id: z.number().int(),
  title: z.string().min(1).max(200),
  camera: Camera,
  /** Layers in the workspace when taken, top of the tree first; null: made before layers were kept. */
  layers: z.array(BookmarkLayer).nullable(),
  epoch: z.string().nullable(),
  /** Analysis result layers (cim_analysis_runs) shown when taken. */
  results: z.array(z.string()),
  thumbnailPng: z.string().nullable(),
  /** 0 is the tour's first stop. */
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Bookmark = z.infer<typeof Bookmark>;

const Id = z.object({ id: z.number().int() }).strict();

export const bookmarkCalls = {
  /** In tour order. */
  'bookmarks.list': call(Empty, z.array(Bookmark)),
  /** Takes the view, with the layers as the workspace shows them now; goes last in the tour. */
  'bookmarks.add': call(BookmarkView.extend({ title: z.string().min(1).max(200) }).strict(), Bookmark, true),
  /** Retakes the view (camera, layers, epoch, thumbnail) and/or changes the tour settings. */
  'bookmarks.update': call(
    z
      .object({
        id: z.number().int(),
        view: BookmarkView.strict().optional(),
        stop: TourStop.partial().strict().optional(),
      })
      .strict(),
    Bookmark,
    true,
  ),
  'bookmarks.rename': call(
    z.object({ id: z.number().int(), title: z.string().min(1).max(200) }).strict(),
    Bookmark,
    true,
  ),
  /** The tour's new order: every bookmark's id, first stop first. */
  'bookmarks.reorder': call(z.object({ ids: z.array(z.number().int()) }).strict(), z.array(Bookmark), true),
  'bookmarks.remove': call(Id, z.object({ removed: z.number() }), true),
  /**
   * Shows a bookmark: its layers' visibility, opacity and style are written back to the
   * layer catalog (layers it names that are gone are skipped; layers added since are hidden),
   * and the bookmark comes back with the names of the layers that changed.
   */
  'bookmarks.apply': call(Id, z.object({ bookmark: Bookmark, changed: z.array(LayerName) }), true),
} as const;
