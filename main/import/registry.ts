/**
 * The import registry: one small adapter per format, chosen by extension and checked by
 * content. Heavy parsers load only when their format is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importError } from '../api/errors.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile } from './types.js';

interface Entry {
  extensions: readonly string[];
  load: () => Promise<FormatReader>;
}

const READERS: readonly Entry[] = [
  { extensions: ['.geojson', '.json'], load: async () => (await import('./geojson.js')).geojsonReader },
  { extensions: ['.gpkg'], load: async () => (await import('./geopackage.js')).geopackageReader },
  { extensions: ['.shp', '.zip'], load: async () => (await import('./shapefile/reader.js')).shapefileReader },
  { extensions: ['.kml', '.kmz'], load: async () => (await import('./kml/reader.js')).kmlReader },
  { extensions: ['.csv', '.txt', '.tsv'], load: async () => (await import('./csv/reader.js')).csvReader },
  { extensions: ['.dxf'], load: async () => (await import('./dxf/reader.js')).dxfReader },
];

export async function readerFor(file: SourceFile): Promise<FormatReader> {
  const ext = path.extname(file.fileName).toLowerCase();
  const entry = READERS.find((r) => r.extensions.includes(ext));
  if (!entry) throw importError('unsupported_format', { file: file.fileName, extension: ext || '(none)' });
  return entry.load();
}

/** Opens a source with the reader its name calls for; a missing or empty file is refused first. */
export async function openSource(file: SourceFile, options: ReadOptions = {}): Promise<OpenedSource> {
  let size: number;
  try {
    const stat = fs.statSync(file.path);
    if (!stat.isFile()) throw importError('not_a_file', { file: file.fileName });
    size = stat.size;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT')
      throw importError('file_not_found', { file: file.fileName });
    throw err;
  }
  if (size === 0) throw importError('empty_file', { file: file.fileName });
  const reader = await readerFor(file);
  return reader.open(file, options);
}
