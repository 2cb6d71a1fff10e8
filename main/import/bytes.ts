/**
 * Random access to bytes, from a file (read in chunks, never whole) or from memory (a zip
 * entry). The binary readers (shapefile parts) take one of these. Environment: node.
 */
import fs from 'node:fs';

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end). The result may be a view: copy to keep. */
  read(offset: number, length: number): Buffer;
  close(): void;
}

const CHUNK = 1 << 20;

/** File bytes through a 1 MiB window, so a sequential scan costs one read per MiB. */
export function fileBytes(path: string): ByteSource {
  const fd = fs.openSync(path, 'r');
  const size = fs.fstatSync(fd).size;
  let window = Buffer.alloc(0);
  let windowStart = 0;
  let open = true;
  return {
    size,
    read(offset, length) {
      const end = Math.min(size, offset + length);
      if (offset >= windowStart && end <= windowStart + window.length) {
        return window.subarray(offset - windowStart, end - windowStart);
      }
      if (end - offset > CHUNK) {
        const big = Buffer.alloc(end - offset);
        fs.readSync(fd, big, 0, big.length, offset);
        return big;
      }
      window = Buffer.alloc(Math.min(CHUNK, size - offset));
      const n = fs.readSync(fd, window, 0, window.length, offset);
      window = window.subarray(0, n);
      windowStart = offset;
      return window.subarray(0, Math.min(n, end - offset));
    },
    close() {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}

export function bufferBytes(bytes: Uint8Array): ByteSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buf.length,
    read: (offset, length) => buf.subarray(Math.max(0, offset), Math.min(buf.length, offset + length)),
    close: () => undefined,
  };
}
