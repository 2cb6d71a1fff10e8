/**
 * The browser host's per-launch token (like Jupyter's): it arrives once as `?token=` in
 * the address, is kept for the tab's life in sessionStorage, and is removed from the
 * address bar so it does not end up in bookmarks, history or screenshots.
 */
const TOKEN_KEY = 'cim.token';

export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}
