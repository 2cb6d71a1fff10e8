/**
 * Checking an existing 3D Tiles tileset.json before it is registered: asset.version 1.0 or
 * 1.1, a root tile with a bounding volume and a geometric error (3D Tiles 1.1 §5.3, §5.7),
 * an optional root transform of 16 numbers; content URIs counted and looked for beside it.
 * Pure but for the existence checks; environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importError } from '../../../common/errors.js';
import type { BoundingVolume, Mat4 } from '../../../tiles/geo/placement.js';

export interface TilesetFacts {
  version: string;
  rootVolume: BoundingVolume;
  rootTransform: Mat4 | undefined;
  geometricError: number;
  tileCount: number;
  contentCount: number;
  /** Relative content URIs with no file beside the tileset (or pointing out of its folder). */
  missingContent: number;
}

const MAX_DEPTH = 64;
const VOLUME_LENGTHS = { region: 6, box: 12, sphere: 4 } as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finiteArray(v: unknown, length: number): number[] | null {
  if (!Array.isArray(v) || v.length !== length) return null;
  return v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as number[]) : null;
}

function volumeOf(v: unknown): BoundingVolume | null {
  if (!isRecord(v)) return null;
  for (const key of ['region', 'box', 'sphere'] as const) {
    const values = finiteArray(v[key], VOLUME_LENGTHS[key]);
    if (values) return { [key]: values } as BoundingVolume;
  }
  return null;
}

function contentUris(tile: Record<string, unknown>): string[] {
  const list = [tile.content, ...(Array.isArray(tile.contents) ? (tile.contents as unknown[]) : [])];
  return list.flatMap((c) => (isRecord(c) && typeof c.uri === 'string' ? [c.uri] : []));
}

/** A relative URI's file inside `dir`; null for absolute URLs (not ours to check), false when it leaves `dir`. */
function localFile(dir: string, uri: string): string | null | false {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri.split(/[?#]/)[0] ?? '');
  } catch {
    return false;
  }
  const full = path.resolve(dir, decoded);
  const rel = path.relative(dir, full);
  return rel.startsWith('..') || path.isAbsolute(rel) ? false : full;
}

export function validateTileset(file: string, json: unknown, dir: string): TilesetFacts {
  const bad = (problem: string): Error => importError('tileset_invalid', { file, problem });
  if (!isRecord(json)) throw bad('not a JSON object');
  const asset = json.asset;
  if (!isRecord(asset) || typeof asset.version !== 'string') throw bad('asset.version missing');
  if (asset.version !== '1.0' && asset.version !== '1.1') {
    throw importError('tileset_version', { file, version: asset.version });
  }
  const root = json.root;
  if (!isRecord(root)) throw bad('root tile missing');
  const rootVolume = volumeOf(root.boundingVolume);
  if (!rootVolume) throw bad('root.boundingVolume missing or not a region, box or sphere');
  const geometricError = root.geometricError;
  if (typeof geometricError !== 'number' || !Number.isFinite(geometricError) || geometricError < 0) {
    throw bad('root.geometricError missing or negative');
  }
  let rootTransform: Mat4 | undefined;
  if (root.transform !== undefined) {
    const t = finiteArray(root.transform, 16);
    if (!t) throw bad('root.transform is not 16 numbers');
    rootTransform = t;
  }
  let tileCount = 0;
  let contentCount = 0;
  let missingContent = 0;
  const walk = (tile: Record<string, unknown>, depth: number): void => {
    if (depth > MAX_DEPTH) throw bad(`tiles nested deeper than ${String(MAX_DEPTH)}`);
    tileCount++;
    for (const uri of contentUris(tile)) {
      contentCount++;
      const local = localFile(dir, uri);
      if (local === false || (local !== null && !fs.existsSync(local))) missingContent++;
    }
    if (Array.isArray(tile.children)) for (const c of tile.children as unknown[]) if (isRecord(c)) walk(c, depth + 1);
  };
  walk(root, 0);
  return { version: asset.version, rootVolume, rootTransform, geometricError, tileCount, contentCount, missingContent };
}
