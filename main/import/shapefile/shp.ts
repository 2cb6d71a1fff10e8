/**
 * The .shp and .shx parts of an ESRI Shapefile (ESRI Shapefile Technical Description,
 * July 1998): a 100-byte header, then records of a big-endian header and little-endian
 * content. All shape types; Z and M values are read past (the store is 2D). Records are
 * located through the .shx when there is one (as GDAL does) and read in sequence otherwise.
 * Pure over a ByteSource; environment: node.
 */
import { importError } from '../../../common/errors.js';
import type { Position } from '../../store/gpkg-geometry.js';
import type { ByteSource } from '../bytes.js';

const SHP_FILE_CODE = 9994;
const HEADER_BYTES = 100;

type ShapeFamily = 'null' | 'point' | 'multipoint' | 'polyline' | 'polygon' | 'multipatch';

/** Shape type codes of the spec: 0 null, 1/11/21 point, 3/13/23 polyline, 5/15/25 polygon, 8/18/28 multipoint, 31 multipatch. */
function familyOf(shapeType: number): ShapeFamily | null {
  switch (shapeType) {
    case 0:
      return 'null';
    case 1:
    case 11:
    case 21:
      return 'point';
    case 8:
    case 18:
    case 28:
      return 'multipoint';
    case 3:
    case 13:
    case 23:
      return 'polyline';
    case 5:
    case 15:
    case 25:
      return 'polygon';
    case 31:
      return 'multipatch';
    default:
      return null;
  }
}

export interface ShpHeader {
  shapeType: number;
  family: ShapeFamily;
  /** File length from the header, bytes. */
  fileBytes: number;
}

/** A shape as parts of positions (a point is one part of one position). */
export interface Shape {
  family: ShapeFamily;
  parts: Position[][];
}

export function readShpHeader(src: ByteSource, file: string): ShpHeader {
  if (src.size < HEADER_BYTES) throw importError('shp_bad_header', { file, reason: 'short' });
  const h = src.read(0, HEADER_BYTES);
  const code = h.readInt32BE(0);
  if (code !== SHP_FILE_CODE) throw importError('shp_bad_header', { file, reason: `file code ${String(code)}` });
  const shapeType = h.readInt32LE(32);
  const family = familyOf(shapeType);
  if (!family) throw importError('shp_bad_header', { file, reason: `shape type ${String(shapeType)}` });
  return { shapeType, family, fileBytes: h.readInt32BE(24) * 2 };
}

/** Record offsets from the .shx (one 8-byte entry per record after its 100-byte header). */
export function readShxOffsets(src: ByteSource, file: string): number[] {
  if (src.size < HEADER_BYTES || src.read(0, 4).readInt32BE(0) !== SHP_FILE_CODE) {
    throw importError('shp_bad_header', { file, reason: 'shx' });
  }
  const n = Math.floor((src.size - HEADER_BYTES) / 8);
  const offsets: number[] = new Array<number>(n);
  const body = Buffer.from(src.read(HEADER_BYTES, n * 8));
  for (let i = 0; i < n; i++) offsets[i] = body.readInt32BE(i * 8) * 2;
  return offsets;
}

function fail(file: string, record: number, reason: string): never {
  throw importError('shp_bad_record', { file, record, reason });
}

function points(c: Buffer, at: number, count: number, file: string, record: number): Position[] {
  if (at + count * 16 > c.length) fail(file, record, 'points past the record end');
  const out: Position[] = new Array<Position>(count);
  for (let i = 0; i < count; i++) {
    const x = c.readDoubleLE(at + i * 16);
    const y = c.readDoubleLE(at + i * 16 + 8);
    if (!Number.isFinite(x) || !Number.isFinite(y)) fail(file, record, 'coordinate not a number');
    out[i] = [x, y];
  }
  return out;
}

/** Parses one record's content (starting at its shape type). */
function parseShape(c: Buffer, file: string, record: number): Shape {
  if (c.length < 4) fail(file, record, 'empty record');
  const family = familyOf(c.readInt32LE(0));
  if (!family) fail(file, record, `shape type ${String(c.readInt32LE(0))}`);
  if (family === 'null') return { family, parts: [] };
  if (family === 'point') {
    if (c.length < 20) fail(file, record, 'short point');
    return { family, parts: [points(c, 4, 1, file, record)] };
  }
  if (family === 'multipoint') {
    if (c.length < 40) fail(file, record, 'short multipoint');
    const n = c.readInt32LE(36);
    if (n < 0) fail(file, record, 'negative point count');
    return { family, parts: [points(c, 40, n, file, record)] };
  }
  if (c.length < 44) fail(file, record, 'short shape');
  const numParts = c.readInt32LE(36);
  const numPoints = c.readInt32LE(40);
  if (numParts < 0 || numPoints < 0) fail(file, record, 'negative count');
  // A multipatch also has one part type per part, between part starts and points.
  const pointsAt = 44 + numParts * 4 * (family === 'multipatch' ? 2 : 1);
  if (pointsAt + numPoints * 16 > c.length) fail(file, record, 'counts past the record end');
  const all = points(c, pointsAt, numPoints, file, record);
  const parts: Position[][] = [];
  for (let p = 0; p < numParts; p++) {
    const start = c.readInt32LE(44 + p * 4);
    const end = p + 1 < numParts ? c.readInt32LE(44 + (p + 1) * 4) : numPoints;
    if (start < 0 || end > numPoints || start > end) fail(file, record, 'part index out of order');
    parts.push(all.slice(start, end));
  }
  return { family, parts };
}

export interface ShpRecord {
  /** 1-based. */
  record: number;
  shape: Shape;
}

/**
 * Every record in order. With `offsets` (from the .shx) record i is read where the index
 * says; without, records follow one another from byte 100.
 */
export function* shpRecords(src: ByteSource, file: string, offsets: readonly number[] | null): Generator<ShpRecord> {
  const at = (offset: number, record: number): { content: Buffer; next: number } => {
    if (offset < HEADER_BYTES || offset + 8 > src.size) fail(file, record, 'offset past the end of the .shp');
    const head = src.read(offset, 8);
    const lengthBytes = head.readInt32BE(4) * 2;
    if (lengthBytes < 4 || offset + 8 + lengthBytes > src.size) fail(file, record, 'truncated');
    // A view: parseShape reads it to numbers before the next read moves the window.
    return { content: src.read(offset + 8, lengthBytes), next: offset + 8 + lengthBytes };
  };
  if (offsets) {
    for (let i = 0; i < offsets.length; i++) {
      const record = i + 1;
      yield { record, shape: parseShape(at(offsets[i] ?? 0, record).content, file, record) };
    }
    return;
  }
  let offset = HEADER_BYTES;
  for (let record = 1; offset + 8 <= src.size; record++) {
    const { content, next } = at(offset, record);
    yield { record, shape: parseShape(content, file, record) };
    offset = next;
  }
}
