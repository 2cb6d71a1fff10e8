/** Joining a URL path under a root folder without letting it out. Environment: node. */
import path from 'node:path';

/**
 * `root`/`urlPath` when urlPath is a plain relative path of safe segments; null for `..`,
 * `.`, absolute paths, backslashes, NUL, empty segments, or anything resolving outside root.
 * `urlPath` must already be percent-decoded exactly once by the caller.
 */
export function safeJoin(root: string, urlPath: string): string | null {
  if (urlPath.length === 0 || urlPath.length > 1024) return null;
  if (/[\\\0:]/.test(urlPath) || urlPath.startsWith('/')) return null;
  const segments = urlPath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const rootResolved = path.resolve(root);
  const joined = path.resolve(rootResolved, ...segments);
  return joined.startsWith(rootResolved + path.sep) ? joined : null;
}

/** Decodes a percent-encoded URL path once; null when malformed. */
export function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
