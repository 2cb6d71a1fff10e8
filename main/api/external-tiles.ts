/**
 * Tile requests onto files: the workspace's tiles folder, and for a tileset registered in
 * place (`ext/<layer>/<path>`) the folder it was registered from. The external case keeps
 * the same guarantees as the workspace one (a plain relative path, decoded once) and also
 * resolves symlinks: the real path must stay inside the registered folder's real path.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isWorkspaceFile } from '../store/files.js';
import { decodePath, plainRelativePath, safeJoin, safeJoinDecoded } from './safe-path.js';

/** The URL folder external tilesets are served under (beside `3dtiles/`, `terrain/`…). */
const EXTERNAL_TILES_PREFIX = 'ext';

function realInside(dir: string, file: string): string | null {
  try {
    const base = fs.realpathSync(dir);
    const real = fs.realpathSync(file);
    const rel = path.relative(base, real);
    if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
    return real;
  } catch {
    return null;
  }
}

/**
 * The file a `/tiles/<urlPath>` request names, or null. `externalDirOf(layer)` is the
 * folder a tileset layer was registered from (null when there is no such layer).
 */
export function resolveTilePath(
  tilesDir: string,
  urlPath: string,
  externalDirOf: (layer: string) => string | null,
): string | null {
  const decoded = decodePath(urlPath);
  const relative = decoded === null ? null : plainRelativePath(decoded);
  // a GeoPackage beside a tileset may be a workspace this process holds: streaming it with
  // fs would drop SQLite's locks (main/store/files.ts)
  if (relative === null || isWorkspaceFile(relative)) return null;
  const [head, layer, ...rest] = relative.split('/');
  if (head !== EXTERNAL_TILES_PREFIX) return safeJoin(tilesDir, urlPath);
  if (!layer || rest.length === 0) return null;
  const dir = externalDirOf(layer);
  if (!dir) return null;
  const full = safeJoinDecoded(dir, rest.join('/'));
  return full === null ? null : realInside(dir, full);
}
