/**
 * Maps a `cim://app/...` URL path onto a folder without letting it out. Pure; environment: node.
 *
 * The path is percent-decoded exactly once (`%252e%252e` stays the literal name `%2e%2e`), and
 * then refused outright rather than "cleaned": a request that needs normalising is not one our
 * own renderer makes.
 */
import path from 'node:path';

/**
 * The decoded, `/`-separated relative path of `urlPath`, or null when it is not a plain relative
 * path: bad percent-encoding, NUL or other control characters, backslashes, a leading `/`, a
 * drive letter or `:` anywhere (Windows drives and NTFS streams), and empty, `.` or `..` segments.
 */
export function safeRelativePath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded.includes('\\') || decoded.includes(':')) return null;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  if (path.posix.isAbsolute(decoded) || path.win32.isAbsolute(decoded)) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return segments.join('/');
}

/**
 * Absolute path of `urlPath` inside `root`, or null when it is not a plain relative path (see
 * `safeRelativePath`) or would resolve outside `root`.
 */
export function safeJoin(root: string, urlPath: string): string | null {
  const relative = safeRelativePath(urlPath);
  if (relative === null) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, ...relative.split('/'));
  const inside = path.relative(base, full);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return full;
}
