/**
 * A streaming splitter for GeoJSON FeatureCollections: reads the file in chunks and hands
 * each element of the top-level `features` array to the caller as its own JSON text, and
 * every other top-level member as (key, raw value text). Memory stays at one feature, so
 * a 100k-feature file is never one object tree. Structural bytes are ASCII, so scanning
 * UTF-8 bytes is safe; each feature is still checked by JSON.parse.
 */
import fs from 'node:fs';

/**
 * `feature`: one element of `features`, `line` the 1-based line where it starts;
 * `member`: any other top-level member with its raw value text.
 */
export type ScanEvent =
  | { kind: 'feature'; text: string; index: number; line: number }
  | { kind: 'not_object'; index: number; line: number }
  | { kind: 'member'; key: string; text: string };

export interface ScanOutcome {
  /** False when the top level is not an object with a `features` array. */
  sawFeatures: boolean;
  /** Set when the bytes end inside a value: where and why. */
  truncated: { line: number; column: number } | null;
  /** First non-whitespace byte of the file. */
  firstByte: number | null;
}

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Pieces of the current capture, possibly spanning chunks. */
class Capture {
  private parts: Buffer[] = [];
  private start = -1;
  begin(at: number): void {
    this.parts = [];
    this.start = at;
  }
  get active(): boolean {
    return this.start >= 0;
  }
  /** The chunk ends while capturing: keep what we have. */
  carry(chunk: Buffer, end: number): void {
    if (this.start >= 0) {
      this.parts.push(Buffer.from(chunk.subarray(this.start, end)));
      this.start = 0;
    }
  }
  end(chunk: Buffer, endExclusive: number): string {
    this.parts.push(chunk.subarray(this.start, endExclusive));
    this.start = -1;
    const text = Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    return text;
  }
}

/**
 * Byte classes for the fast path inside features and nested values (depth >= 3), where only
 * strings, brackets and newlines matter: coordinates and other values are skipped byte by
 * byte without any other test, and strings jump from quote to quote (Buffer.indexOf).
 */
const STRUCTURAL = new Uint8Array(256);
for (const c of '{}[]"\n') STRUCTURAL[c.charCodeAt(0)] = 1;

/**
 * Where the string that is open at `from` closes in `view` (the index of its closing quote),
 * or -1 when it runs past the end. `escaped`: the byte before `from` was an unescaped
 * backslash (a string split across chunks).
 */
function closingQuote(view: Buffer, from: number, escaped: boolean): number {
  let j = escaped ? from + 1 : from;
  for (;;) {
    const q = view.indexOf(QUOTE, j);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= j && view[k] === BACKSLASH) k--;
    // An even run of backslashes before the quote escapes only itself: the string ends here.
    if ((q - 1 - k) % 2 === 0) return q;
    j = q + 1;
  }
}

/** Whether the bytes of `view` from `from` end in an unescaped backslash (an odd run of them). */
function endsEscaped(view: Buffer, from: number, escaped: boolean): boolean {
  let k = view.length - 1;
  while (k >= from && view[k] === BACKSLASH) k--;
  const run = view.length - 1 - k;
  // A run reaching back to `from` continues the escape state carried into this chunk.
  return k < from ? (run + (escaped ? 1 : 0)) % 2 === 1 : run % 2 === 1;
}

/** With `captureFeatures` false only members are reported (a cheap pass for `crs`). */
export function* scanFeatureCollection(file: string, captureFeatures = true): Generator<ScanEvent, ScanOutcome> {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  /** Byte offset in the file of the current chunk, and of the first byte after the last newline. */
  let offset = 0;
  let lineStart = 0;
  let firstByte: number | null = null;
  // top-level member tracking (depth 1)
  let expectKey = false;
  let keyCapture = false;
  let keyBytes: number[] = [];
  let currentKey: string | null = null;
  let inFeatures = false;
  let pendingFeatures = false;
  let sawFeatures = false;
  let featureIndex = 0;
  let expectElement = false;
  let featureLine = 0;
  const feature = new Capture();
  const member = new Capture();

  try {
    for (; ; offset += CHUNK) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const view = n === CHUNK ? buf : buf.subarray(0, n);
      let i = 0;
      if (offset === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        i = 3;
        lineStart = 3;
      }
      for (; i < n; i++) {
        if (inString && !keyCapture) {
          // Skip to the closing quote (strings hold no raw newline in valid JSON).
          const q = closingQuote(view, i, escaped);
          if (q < 0) {
            escaped = endsEscaped(view, i, escaped);
            i = n;
            break;
          }
          escaped = false;
          inString = false;
          i = q;
          continue;
        }
        const b = buf[i] ?? 0;
        if (depth >= 3 && !inString) {
          if (STRUCTURAL[b] === 0) continue;
          if (b === NEWLINE) {
            line += 1;
            lineStart = offset + i + 1;
          } else if (b === QUOTE) inString = true;
          else if (b === 0x7b || b === 0x5b) depth += 1;
          else {
            depth -= 1;
            if (depth === 2 && inFeatures && feature.active) {
              yield { kind: 'feature', text: feature.end(buf, i + 1), index: featureIndex++, line: featureLine };
            }
          }
          continue;
        }
        if (b === NEWLINE) {
          line += 1;
          lineStart = offset + i + 1;
        }
        if (inString) {
          if (keyCapture && !(b === QUOTE && !escaped)) keyBytes.push(b);
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) {
            inString = false;
            if (keyCapture) {
              keyCapture = false;
              currentKey = Buffer.from(keyBytes).toString('utf8');
            }
          }
          continue;
        }
        if (isSpace(b)) continue;
        if (firstByte === null) firstByte = b;
        if (depth === 2 && inFeatures && b !== 0x7b && b !== 0x5d && b !== 0x2c) {
          // an element of `features` that is not an object (a number, string, array, null)
          if (expectElement) yield { kind: 'not_object', index: featureIndex++, line };
          expectElement = false;
        }
        if (depth === 2 && inFeatures && b === 0x2c) expectElement = true;
        if (depth === 1 && expectKey && b === QUOTE) {
          inString = true;
          keyCapture = true;
          keyBytes = [];
          expectKey = false;
          continue;
        }
        if (depth === 1 && b === 0x3a /* : */) {
          if (currentKey === 'features') pendingFeatures = true;
          else member.begin(i + 1);
          continue;
        }
        if (depth === 1) pendingFeatures = pendingFeatures && (b === 0x5b || b === 0x7b);
        if (b === QUOTE) {
          inString = true;
          continue;
        }
        if (b === 0x7b /* { */ || b === 0x5b /* [ */) {
          depth += 1;
          if (depth === 1 && b === 0x7b) expectKey = true;
          else if (depth === 2 && b === 0x5b && pendingFeatures) {
            inFeatures = true;
            sawFeatures = true;
            expectElement = true;
          } else if (depth === 3 && inFeatures && b === 0x7b && captureFeatures) {
            feature.begin(i);
            featureLine = line;
            expectElement = false;
          }
          continue;
        }
        if (b === 0x7d /* } */ || b === 0x5d /* ] */) {
          depth -= 1;
          if (depth === 1 && inFeatures) {
            inFeatures = false;
          } else if (depth === 0 && member.active) {
            yield { kind: 'member', key: currentKey ?? '', text: member.end(buf, i).trim() };
          }
          continue;
        }
        if (b === 0x2c /* , */ && depth === 1) {
          if (member.active) yield { kind: 'member', key: currentKey ?? '', text: member.end(buf, i).trim() };
          expectKey = true;
          currentKey = null;
        }
      }
      feature.carry(buf, n);
      member.carry(buf, n);
      if (n < CHUNK) {
        offset += n;
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  const truncated = depth !== 0 || inString ? { line, column: offset - lineStart } : null;
  return { sawFeatures, truncated, firstByte };
}
