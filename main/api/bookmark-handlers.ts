/**
 * Handlers of the bookmark calls (contract: bookmarks.*), merged into the handler table.
 * Environment: node.
 */
import type { bookmarkCalls, Input, Output } from '../../common/contract/index.js';
import * as bookmarks from '../store/bookmarks.js';
import type { Db } from '../store/connection.js';

export interface BookmarkHandlerDeps {
  db(): Db;
  write<T>(fn: () => T): Promise<T>;
  now(): Date;
}

type BookmarkMethods = keyof typeof bookmarkCalls;

export function createBookmarkHandlers(d: BookmarkHandlerDeps): {
  [M in BookmarkMethods]: (input: Input<M>) => Promise<Output<M>>;
} {
  const now = (): string => d.now().toISOString();
  return {
    'bookmarks.list': () => Promise.resolve(bookmarks.listBookmarks(d.db())),
    'bookmarks.add': ({ title, ...view }) => d.write(() => bookmarks.addBookmark(d.db(), title, view, now())),
    'bookmarks.update': (i) => d.write(() => bookmarks.updateBookmark(d.db(), i.id, i, now())),
    'bookmarks.rename': (i) => d.write(() => bookmarks.renameBookmark(d.db(), i.id, i.title, now())),
    'bookmarks.reorder': (i) => d.write(() => bookmarks.reorderBookmarks(d.db(), i.ids)),
    'bookmarks.remove': (i) => d.write(() => ({ removed: bookmarks.removeBookmark(d.db(), i.id) })),
    'bookmarks.apply': (i) =>
      d.write(() => {
        const bookmark = bookmarks.getBookmark(d.db(), i.id);
        return { bookmark, changed: bookmarks.applyBookmarkLayers(d.db(), bookmark) };
      }),
  };
}
