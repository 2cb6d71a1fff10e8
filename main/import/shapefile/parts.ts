/**
 * Where a shapefile's parts are: beside the .shp on disk (matched case-insensitively, as
 * an upload of several dropped files lands in one folder), or entries of a .zip holding one
 * or more shapefiles (any folder depth; macOS resource forks ignored). Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { importError } from '../../../common/errors.js';
import { bufferBytes, fileBytes, type ByteSource } from '../bytes.js';
import type { SourceFile } from '../types.js';

export interface ShapefileParts {
  /** Base name of the .shp (the layer name). */
  name: string;
  /** How messages name it: `parcels.shp`, or `data.zip/parcels.shp`. */
  label: string;
  /** What the user named (the .shp or the .zip). */
  fileName: string;
  shp: ByteSource;
  shx: ByteSource | null;
  dbf: ByteSource | null;
  prj: Buffer | null;
  cpg: Buffer | null;
}

const SIDECARS = ['.shx', '.dbf', '.prj', '.cpg'] as const;
/** Zip entries beyond this total are refused rather than inflated (a zip bomb guard). */
const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;

export function partsOnDisk(file: SourceFile): ShapefileParts {
  const dir = path.dirname(file.path);
  const base = path.basename(file.path).replace(/\.shp$/i, '');
  const entries = fs.readdirSync(dir);
  const find = (ext: string): string | null => {
    const wanted = `${base}${ext}`.toLowerCase();
    const hit = entries.find((e) => e.toLowerCase() === wanted);
    return hit ? path.join(dir, hit) : null;
  };
  const shx = find('.shx');
  const dbf = find('.dbf');
  const prj = find('.prj');
  const cpg = find('.cpg');
  const name = file.fileName.replace(/\.shp$/i, '');
  return {
    name,
    label: file.fileName,
    fileName: file.fileName,
    shp: fileBytes(file.path),
    shx: shx ? fileBytes(shx) : null,
    dbf: dbf ? fileBytes(dbf) : null,
    prj: prj ? fs.readFileSync(prj) : null,
    cpg: cpg ? fs.readFileSync(cpg) : null,
  };
}

export function partsInZip(file: SourceFile): ShapefileParts[] {
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(fs.readFileSync(file.path), {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw importError('zip_too_large', { file: file.fileName });
        const lower = f.name.toLowerCase();
        return !lower.startsWith('__macosx/') && ['.shp', ...SIDECARS].some((ext) => lower.endsWith(ext));
      },
    });
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('import.'))
      throw err;
    throw importError('bad_zip', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
  }
  const byLower = new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
  const shps = Object.keys(entries)
    .filter((k) => k.toLowerCase().endsWith('.shp'))
    .sort();
  if (shps.length === 0) throw importError('zip_no_shapefile', { file: file.fileName });
  return shps.map((entry) => {
    const stem = entry.slice(0, -4).toLowerCase();
    const part = (ext: string): Uint8Array | null => byLower.get(`${stem}${ext}`) ?? null;
    const bytes = (ext: string): ByteSource | null => {
      const b = part(ext);
      return b ? bufferBytes(b) : null;
    };
    const text = (ext: string): Buffer | null => {
      const b = part(ext);
      return b ? Buffer.from(b) : null;
    };
    const shortName = path.posix.basename(entry);
    return {
      name: shortName.slice(0, -4),
      label: `${file.fileName}/${entry}`,
      fileName: file.fileName,
      shp: bufferBytes(entries[entry] ?? new Uint8Array()),
      shx: bytes('.shx'),
      dbf: bytes('.dbf'),
      prj: text('.prj'),
      cpg: text('.cpg'),
    };
  });
}

export function closeParts(p: ShapefileParts): void {
  p.shp.close();
  p.shx?.close();
  p.dbf?.close();
}
