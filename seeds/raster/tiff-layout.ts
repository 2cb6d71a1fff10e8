/**
 * Classic (32-bit offset, little-endian) TIFF file assembly: IFDs with their out-of-line
 * values, then the tile data. TIFF 6.0 §2 (header, IFD entries of 12 bytes sorted by tag,
 * values longer than 4 bytes stored elsewhere at word-aligned offsets).
 * Layout follows the cloud-optimised GeoTIFF convention: every IFD first (full resolution,
 * then overviews), then the tile data from the smallest overview to the full resolution.
 */

export const TIFF_TYPE = { BYTE: 1, ASCII: 2, SHORT: 3, LONG: 4, DOUBLE: 12 } as const;
type TiffType = (typeof TIFF_TYPE)[keyof typeof TIFF_TYPE];

const TYPE_BYTES: Record<TiffType, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 12: 8 };

export interface TagEntry {
  tag: number;
  type: TiffType;
  values: readonly number[] | string;
}

export interface ImageDirectory {
  tags: TagEntry[];
  /** Compressed tiles in row-major tile order. */
  tiles: readonly Uint8Array[];
}

export const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  GeoKeyDirectory: 34735,
  GeoAsciiParams: 34737,
  GdalMetadata: 42112,
  GdalNodata: 42113,
} as const;

function valueCount(e: TagEntry): number {
  return typeof e.values === 'string' ? Buffer.byteLength(e.values, 'latin1') + 1 : e.values.length;
}

function valueBytes(e: TagEntry): number {
  return valueCount(e) * TYPE_BYTES[e.type];
}

function ifdBytes(tags: readonly TagEntry[]): number {
  const outOfLine = tags.reduce((s, e) => s + (valueBytes(e) > 4 ? align(valueBytes(e)) : 0), 0);
  return 2 + tags.length * 12 + 4 + outOfLine;
}

function align(n: number): number {
  return n + (n % 2);
}

function writeValues(buf: Buffer, at: number, e: TagEntry): void {
  if (typeof e.values === 'string') {
    buf.write(e.values, at, 'latin1');
    buf[at + Buffer.byteLength(e.values, 'latin1')] = 0;
    return;
  }
  e.values.forEach((v, i) => {
    const o = at + i * TYPE_BYTES[e.type];
    if (e.type === TIFF_TYPE.BYTE) buf.writeUInt8(v, o);
    else if (e.type === TIFF_TYPE.SHORT) buf.writeUInt16LE(v, o);
    else if (e.type === TIFF_TYPE.LONG) buf.writeUInt32LE(v, o);
    else buf.writeDoubleLE(v, o);
  });
}

/** Assembles the file. TileOffsets/TileByteCounts entries are filled in here. */
export function assembleTiff(directories: readonly ImageDirectory[]): Buffer {
  // Placeholder offset arrays so the IFD sizes are final before offsets are known.
  const dirs = directories.map((d) => ({
    tiles: d.tiles,
    tags: [
      ...d.tags.filter((t) => t.tag !== TAG.TileOffsets && t.tag !== TAG.TileByteCounts),
      { tag: TAG.TileOffsets, type: TIFF_TYPE.LONG, values: d.tiles.map(() => 0) },
      { tag: TAG.TileByteCounts, type: TIFF_TYPE.LONG, values: d.tiles.map((t) => t.length) },
    ].sort((a, b) => a.tag - b.tag),
  }));
  const ifdOffsets: number[] = [];
  let offset = 8;
  for (const d of dirs) {
    ifdOffsets.push(offset);
    offset += ifdBytes(d.tags);
  }
  // Tile data: smallest overview first, full resolution last.
  const tileOffsets: number[][] = dirs.map(() => []);
  for (let i = dirs.length - 1; i >= 0; i--) {
    for (const t of (dirs[i] as (typeof dirs)[number]).tiles) {
      (tileOffsets[i] as number[]).push(offset);
      offset += align(t.length);
    }
  }
  if (offset > 0xffffffff) throw new RangeError('raster too large for classic TIFF');
  const buf = Buffer.alloc(offset);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffsets[0] ?? 0, 4);
  dirs.forEach((d, i) => {
    const tags = d.tags.map((t) => (t.tag === TAG.TileOffsets ? { ...t, values: tileOffsets[i] as number[] } : t));
    const at = ifdOffsets[i] as number;
    buf.writeUInt16LE(tags.length, at);
    let extra = at + 2 + tags.length * 12 + 4;
    tags.forEach((t, k) => {
      const e = at + 2 + k * 12;
      buf.writeUInt16LE(t.tag, e);
      buf.writeUInt16LE(t.type, e + 2);
      buf.writeUInt32LE(valueCount(t), e + 4);
      if (valueBytes(t) <= 4) {
        writeValues(buf, e + 8, t);
      } else {
        buf.writeUInt32LE(extra, e + 8);
        writeValues(buf, extra, t);
        extra += align(valueBytes(t));
      }
    });
    buf.writeUInt32LE(ifdOffsets[i + 1] ?? 0, at + 2 + tags.length * 12);
    d.tiles.forEach((t, k) => {
      buf.set(t, (tileOffsets[i] as number[])[k]);
    });
  });
  return buf;
}
