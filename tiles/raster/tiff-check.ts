/**
 * A cheap walk over a TIFF's structure before geotiff.js parses it (TIFF 6.0 §2, BigTIFF):
 * byte order, magic, and every IFD entry's type and byte count checked against the file's
 * size. A damaged count would otherwise have geotiff.js read gigabytes of one tag.
 * Reads only headers and IFDs; environment: node.
 */
import fs from 'node:fs';

/** Bytes per value of each TIFF field type (TIFF 6.0 §2 "Types"; BigTIFF adds 16–18). */
const TYPE_SIZE: Partial<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};
/** More IFDs than this is a loop or damage, not a pyramid. */
const MAX_IFDS = 512;
const MAX_ENTRIES = 4096;

/** Null when the structure is sound, else what is wrong. */
export function tiffStructureProblem(file: string): string | null {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const read = (at: number, length: number): Buffer | null => {
      if (at < 0 || at + length > size) return null;
      const buf = Buffer.alloc(length);
      return fs.readSync(fd, buf, 0, length, at) === length ? buf : null;
    };
    const head = read(0, 16) ?? read(0, 8);
    if (!head) return 'too short for a TIFF header';
    const order = head.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return 'no TIFF byte-order mark';
    const le = order === 'II';
    const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b: Buffer, o: number): number => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const magic = u16(head, 2);
    if (magic !== 42 && magic !== 43) return `magic number ${String(magic)} is neither TIFF nor BigTIFF`;
    const big = magic === 43;
    if (big && head.length < 16) return 'too short for a BigTIFF header';
    const entrySize = big ? 20 : 12;
    const inline = big ? 8 : 4;
    let next = big ? u64(head, 8) : u32(head, 4);
    const seen = new Set<number>();
    for (let k = 0; next !== 0; k++) {
      if (k >= MAX_IFDS || seen.has(next)) return 'the image directories loop';
      seen.add(next);
      const countBuf = read(next, big ? 8 : 2);
      if (!countBuf) return `image directory ${String(k)} lies past the end of the file`;
      const count = big ? u64(countBuf, 0) : u16(countBuf, 0);
      if (count === 0 || count > MAX_ENTRIES) return `image directory ${String(k)} has ${String(count)} entries`;
      const start = next + (big ? 8 : 2);
      const entries = read(start, count * entrySize + inline);
      if (!entries) return `image directory ${String(k)} is cut off`;
      for (let e = 0; e < count; e++) {
        const o = e * entrySize;
        const type = u16(entries, o + 2);
        const n = big ? u64(entries, o + 4) : u32(entries, o + 4);
        const bytes = (TYPE_SIZE[type] ?? NaN) * n;
        if (!Number.isFinite(bytes)) return `tag ${String(u16(entries, o))} has unknown type ${String(type)}`;
        if (bytes > inline) {
          const at = big ? u64(entries, o + 12) : u32(entries, o + 8);
          if (at + bytes > size) return `tag ${String(u16(entries, o))} points past the end of the file`;
        }
      }
      next = big ? u64(entries, count * entrySize) : u32(entries, count * entrySize);
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
