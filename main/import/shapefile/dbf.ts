/**
 * The .dbf part: a dBase III table (header, 32-byte field descriptors up to 0x0D, fixed-width
 * records). Field types C (text), N/F (numbers), L (logical), D (date YYYYMMDD), others as
 * text. Types follow GDAL's shapefile driver: N/F without decimals narrower than 19 digits
 * are integers, the rest reals. Text is decoded with the chosen encoding and has trailing
 * blanks cut. Pure over a ByteSource; environment: node.
 */
import type { FieldType } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import type { ByteSource } from '../bytes.js';
import { decodeText } from '../text-encoding.js';

export interface DbfField {
  /** Raw name bytes (decoded once the encoding is known). */
  nameBytes: Buffer;
  type: string;
  length: number;
  decimals: number;
  /** Offset inside a record (after the deletion flag). */
  offset: number;
}

export interface DbfHeader {
  records: number;
  headerBytes: number;
  recordBytes: number;
  /** Language driver ID, byte 29. */
  ldid: number;
  fields: DbfField[];
}

const MAX_SAMPLE_BYTES = 256 * 1024;

export function readDbfHeader(src: ByteSource, file: string): DbfHeader {
  if (src.size < 33) throw importError('dbf_bad_header', { file, reason: 'short' });
  const h = Buffer.from(src.read(0, 32));
  const version = h[0] ?? 0;
  // dBase III (0x03), with memo (0x83, 0x8B), FoxPro/Visual FoxPro (0x30, 0x31, 0xF5).
  if (![0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x43, 0x63, 0x83, 0x8b, 0xcb, 0xf5, 0xfb].includes(version)) {
    throw importError('dbf_bad_header', { file, reason: `version byte ${String(version)}` });
  }
  const records = h.readUInt32LE(4);
  const headerBytes = h.readUInt16LE(8);
  const recordBytes = h.readUInt16LE(10);
  if (headerBytes < 33 || headerBytes > src.size || recordBytes < 1) {
    throw importError('dbf_bad_header', { file, reason: 'header or record length' });
  }
  const desc = Buffer.from(src.read(32, headerBytes - 32));
  const fields: DbfField[] = [];
  let offset = 1;
  for (let at = 0; at + 32 <= desc.length && desc[at] !== 0x0d; at += 32) {
    const raw = desc.subarray(at, at + 11);
    const end = raw.indexOf(0);
    const type = String.fromCharCode(desc[at + 11] ?? 0x43).toUpperCase();
    const length = desc[at + 16] ?? 0;
    fields.push({
      nameBytes: Buffer.from(raw.subarray(0, end < 0 ? 11 : end)),
      type,
      length,
      decimals: desc[at + 17] ?? 0,
      offset,
    });
    offset += length;
  }
  if (offset > recordBytes) throw importError('dbf_bad_header', { file, reason: 'fields longer than a record' });
  return { records, headerBytes, recordBytes, ldid: h[29] ?? 0, fields };
}

export function fieldType(f: DbfField): FieldType {
  if (f.type === 'N' || f.type === 'F') return f.decimals === 0 && f.length < 19 ? 'INTEGER' : 'REAL';
  if (f.type === 'L') return 'BOOLEAN';
  return 'TEXT';
}

/** Name bytes and text values of the first records: what encoding detection looks at. */
export function textSample(src: ByteSource, h: DbfHeader): Uint8Array {
  const parts: Buffer[] = h.fields.map((f) => f.nameBytes);
  const textFields = h.fields.filter((f) => f.type === 'C');
  let size = 0;
  for (let i = 0; i < h.records && size < MAX_SAMPLE_BYTES; i++) {
    const rec = src.read(h.headerBytes + i * h.recordBytes, h.recordBytes);
    if (rec.length < h.recordBytes) break;
    for (const f of textFields) {
      const bytes = Buffer.from(rec.subarray(f.offset, f.offset + f.length));
      parts.push(bytes);
      size += bytes.length;
    }
  }
  return Buffer.concat(parts);
}

function trimEnd(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(0, end);
}

function value(raw: Buffer, f: DbfField, type: FieldType, encoding: string): unknown {
  if (type === 'TEXT') {
    const bytes = trimEnd(raw);
    if (bytes.length === 0) return f.type === 'C' ? '' : null;
    if (f.type === 'D') {
      const s = bytes.toString('latin1').trim();
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s || null;
    }
    return decodeText(bytes, encoding);
  }
  const s = raw.toString('latin1').trim();
  if (type === 'BOOLEAN') {
    if ('TtYy'.includes(s) && s) return true;
    if ('FfNn'.includes(s) && s) return false;
    return null;
  }
  if (s === '' || /^\*+$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** One record's values (or [] when `decode` is false), or null for a deleted record. */
export function readDbfRecord(
  src: ByteSource,
  h: DbfHeader,
  index: number,
  types: readonly FieldType[],
  encoding: string,
  file: string,
  decode = true,
): unknown[] | null {
  const rec = src.read(h.headerBytes + index * h.recordBytes, h.recordBytes);
  if (rec.length < h.recordBytes) throw importError('dbf_truncated', { file, record: index + 1 });
  if (rec[0] === 0x2a) return null;
  if (!decode) return [];
  return h.fields.map((f, k) => value(rec.subarray(f.offset, f.offset + f.length), f, types[k] ?? 'TEXT', encoding));
}
