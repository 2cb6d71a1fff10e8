/**
 * The import registry: one small adapter per format, chosen by extension and checked by
 * content. Heavy parsers load only when their format is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importError } from '../../common/errors.js';
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
  { extensions: ['.tif', '.tiff'], load: async () => (await import('./raster/geotiff-reader.js')).geotiffReader },
  { extensions: ['.glb', '.gltf'], load: async () => (await import('./model/gltf-reader.js')).gltfReader },
];

/** `.json` holds GeoJSON, CityJSON or a 3D Tiles tileset: the content says which. */
const JSON_KINDS: readonly (Entry & { test: (head: string, fileName: string) => boolean })[] = [
  {
    extensions: ['.json'],
    // `"type": "CityJSON"` may come after megabytes of sorted keys; `CityObjects` is as telling.
    test: (head, fileName) =>
      /"type"\s*:\s*"CityJSON"|"CityObjects"\s*:/.test(head) || fileName.toLowerCase().endsWith('.city.json'),
    load: async () => (await import('./cityjson/reader.js')).cityjsonReader,
  },
  {
    extensions: ['.json'],
    // 3D Tiles 1.1 §5.3: a tileset has `asset` and a `root` tile; GeoJSON has neither.
    test: (head, fileName) =>
      /"asset"\s*:/.test(head) && (/"root"\s*:/.test(head) || fileName.toLowerCase() === 'tileset.json'),
    load: async () => (await import('./tileset/reader.js')).tilesetReader,
  },
];

/** Enough of a file to find the top-level keys that tell JSON kinds apart. */
const SNIFF_BYTES = 64 * 1024;

function head(file: SourceFile): string {
  const fd = fs.openSync(file.path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

async function readerFor(file: SourceFile): Promise<FormatReader> {
  const ext = path.extname(file.fileName).toLowerCase();
  if (ext === '.json') {
    const text = head(file);
    const kind = JSON_KINDS.find((k) => k.test(text, path.basename(file.fileName)));
    if (kind) return kind.load();
  }
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
    const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
    // ENOTDIR: a "folder" on the way is a file (/etc/passwd/x.geojson): there is no such file
    if (code === 'ENOENT' || code === 'ENOTDIR') throw importError('file_not_found', { file: file.fileName });
    if (code?.startsWith('E')) throw importError('cannot_read', { file: file.fileName, reason: code });
    throw err;
  }
  if (size === 0) throw importError('empty_file', { file: file.fileName });
  const reader = await readerFor(file);
  return reader.open(file, options);
}
