/**
 * Attribute columns for a .dbf: names cut to 10 bytes in the file's encoding as GDAL does
 * (ogr/ogrsf_frmts/shape: a clash becomes the first 8 bytes + `_` + digit, then 7 + `_` + two
 * digits), at a character boundary rather than inside one; widths from the data. Pure; node.
 */
import iconv from 'iconv-lite';
import type { FieldDef } from '../../common/contract/index.js';

/** A stored value as text (values are strings, numbers, booleans or null). */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return v === null || v === undefined ? '' : JSON.stringify(v);
}

export interface DbfColumn {
  name: string;
  /** Name bytes in the output encoding (≤ 10). */
  nameBytes: Buffer;
  type: 'C' | 'N' | 'L';
  length: number;
  decimals: number;
  field: FieldDef;
}

export function encode(text: string, encoding: string): Buffer {
  return encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
}

/** The longest prefix of `text` whose encoding fits `maxBytes`. */
function cutToBytes(text: string, maxBytes: number, encoding: string): string {
  let out = '';
  for (const ch of text) {
    if (encode(out + ch, encoding).length > maxBytes) break;
    out += ch;
  }
  return out;
}

function dbfNames(fields: readonly FieldDef[], encoding: string): string[] {
  const used = new Set<string>();
  return fields.map((f) => {
    let name = cutToBytes(f.name, 10, encoding);
    for (let n = 1; used.has(name.toUpperCase()) && n < 100; n++) {
      const suffix = `_${String(n)}`;
      name = cutToBytes(f.name, 10 - suffix.length, encoding) + suffix;
    }
    used.add(name.toUpperCase());
    return name;
  });
}

/** Widths: text as long as its longest value (1-254 bytes), integers as their digits, reals N(24,15) as GDAL. */
export function dbfColumns(
  fields: readonly FieldDef[],
  encoding: string,
  rows: Iterable<readonly unknown[]>,
): DbfColumn[] {
  const widths = fields.map(() => 1);
  for (const row of rows) {
    fields.forEach((f, i) => {
      const v = row[i];
      if (v === null || v === undefined) return;
      const len = f.type === 'TEXT' ? encode(cellText(v), encoding).length : cellText(v).length;
      widths[i] = Math.max(widths[i] ?? 1, len);
    });
  }
  const names = dbfNames(fields, encoding);
  return fields.map((field, i) => {
    const name = names[i] ?? `FIELD${String(i)}`;
    const base = { name, nameBytes: encode(name, encoding), field };
    if (field.type === 'TEXT') return { ...base, type: 'C', length: Math.min(254, widths[i] ?? 1), decimals: 0 };
    if (field.type === 'INTEGER')
      return { ...base, type: 'N', length: Math.min(18, Math.max(9, widths[i] ?? 1)), decimals: 0 };
    if (field.type === 'BOOLEAN') return { ...base, type: 'L', length: 1, decimals: 0 };
    return { ...base, type: 'N', length: 24, decimals: 15 };
  });
}

/** One value in its fixed-width cell. */
export function dbfCell(v: unknown, c: DbfColumn, encoding: string): Buffer {
  const cell = Buffer.alloc(c.length, 0x20);
  if (v === null || v === undefined) return cell;
  if (c.type === 'C') {
    encode(cutToBytes(cellText(v), c.length, encoding), encoding).copy(cell);
    return cell;
  }
  if (c.type === 'L') {
    cell.write(v === true || v === 1 ? 'T' : 'F');
    return cell;
  }
  const n = Number(v);
  if (!Number.isFinite(n)) return cell;
  let text = c.decimals > 0 ? n.toFixed(c.decimals) : String(Math.round(n));
  if (text.length > c.length) text = n.toPrecision(Math.max(1, c.length - 7));
  cell.write(text.padStart(c.length).slice(-c.length), 'latin1');
  return cell;
}
