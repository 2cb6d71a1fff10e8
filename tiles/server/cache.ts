/**
 * HTTP caching of tile files, shared by the browser host (`/tiles/`) and Electron's
 * `cim://app/tiles/`: a strong ETag from size and modification time (RFC 9110 §8.8.3),
 * `If-None-Match` -> 304 (RFC 9110 §13.1.2), long caching for tiles and `no-cache` for the
 * roots (layer.json, tileset.json) so that a rebuilt layer is seen at once. Tiles keep their
 * names across a rebuild: the renderer adds the layer's `createdAt` as `?v=` to bust them.
 * Pure; environment: common.
 */

const TILE_MAX_AGE_S = 86_400;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export function tileEtag(stamp: FileStamp): string {
  return `"${stamp.size.toString(16)}-${Math.floor(stamp.mtimeMs).toString(16)}"`;
}

export function tileCacheControl(file: string): string {
  return /(^|[/\\])(layer|tileset)\.json$/i.test(file) ? 'no-cache' : `public, max-age=${String(TILE_MAX_AGE_S)}`;
}

/** Whether an If-None-Match header names this ETag (or `*`); weak comparison, as §13.1.2 asks. */
export function notModified(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string): string => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

const TYPES: Record<string, string> = {
  glb: 'model/gltf-binary',
  json: 'application/json; charset=utf-8',
  png: 'image/png',
  f32: 'application/octet-stream',
};

export function tileContentType(file: string): string {
  const dot = file.lastIndexOf('.');
  return TYPES[file.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
