/**
 * Mapping a request path onto a folder without letting it out: one implementation for the
 * browser host, the cim:// protocol and uploads. Pure; environment: node.
 *
 * Paths are refused outright rather than "cleaned": a request that needs normalising is not
 * one our own renderer makes.
 */
import path from 'node:path';

/**
 * The `/`-separated relative path, or null when it is not a plain relative path: NUL or other
 * control characters, backslashes, a leading `/`, a drive letter or `:` anywhere (Windows
 * drives and NTFS streams), empty, `.` or `..` segments. `decoded` is already percent-decoded.
 */
export function plainRelativePath(decoded: string): string | null {
  if (decoded === '' || decoded.length > 1024 || decoded.includes('\\') || decoded.includes(':')) return null;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return null;
  if (path.posix.isAbsolute(decoded) || path.win32.isAbsolute(decoded)) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return segments.join('/');
}

/** Percent-decodes a URL path exactly once (`%252e` stays the literal `%2e`); null when malformed. */
export function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The decoded relative path of a percent-encoded URL path, or null (see `plainRelativePath`). */
export function safeRelativePath(urlPath: string): string | null {
  const decoded = decodePath(urlPath);
  return decoded === null ? null : plainRelativePath(decoded);
}

/** Absolute path of an already-decoded relative path inside `root`, or null. */
export function safeJoinDecoded(root: string, decoded: string): string | null {
  const relative = plainRelativePath(decoded);
  if (relative === null) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, ...relative.split('/'));
  const inside = path.relative(base, full);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return null;
  }
  return full;
}

/** Absolute path of a percent-encoded URL path inside `root`, decoded once, or null. */
export function safeJoin(root: string, urlPath: string): string | null {
  const decoded = decodePath(urlPath);
  return decoded === null ? null : safeJoinDecoded(root, decoded);
}
