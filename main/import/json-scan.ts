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

/** With `captureFeatures` false only members are reported (a cheap pass for `crs`). */
export function* scanFeatureCollection(file: string, captureFeatures = true): Generator<ScanEvent, ScanOutcome> {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let column = 0;
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
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      let i = 0;
      if (
        firstByte === null &&
        line === 1 &&
        column === 0 &&
        n >= 3 &&
        buf[0] === 0xef &&
        buf[1] === 0xbb &&
        buf[2] === 0xbf
      )
        i = 3;
      for (; i < n; i++) {
        const b = buf[i] ?? 0;
        if (b === NEWLINE) {
          line += 1;
          column = 0;
        } else column += 1;
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
          if (depth === 2 && inFeatures && feature.active) {
            yield { kind: 'feature', text: feature.end(buf, i + 1), index: featureIndex++, line: featureLine };
          } else if (depth === 1 && inFeatures) {
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
    }
  } finally {
    fs.closeSync(fd);
  }
  const truncated = depth !== 0 || inString ? { line, column } : null;
  return { sawFeatures, truncated, firstByte };
}
