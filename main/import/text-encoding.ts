/**
 * Character encodings of attribute text: a shapefile's .cpg (or the DBF language driver
 * byte), a user's override, or detection from the bytes: valid UTF-8 is UTF-8, else
 * Chinese-looking double bytes are GB18030 (a superset of GBK and GB2312), else Windows-1252.
 * Decoding is iconv-lite's. Environment: node.
 */
import iconv from 'iconv-lite';
import { importError } from '../../common/errors.js';

type EncodingSource = 'cpg' | 'ldid' | 'detected' | 'override';

export interface ChosenEncoding {
  /** iconv-lite name: `utf8`, `gbk`, `gb18030`, `windows-1250`, … */
  name: string;
  source: EncodingSource;
}

/** .cpg spellings seen in the wild (ArcGIS, QGIS, GDAL) -> iconv-lite names. */
const CPG_ALIASES: Readonly<Record<string, string>> = {
  UTF8: 'utf8',
  '65001': 'utf8',
  GBK: 'gbk',
  CP936: 'gbk',
  '936': 'gbk',
  GB2312: 'gbk',
  GB18030: 'gb18030',
  '54936': 'gb18030',
  BIG5: 'big5',
  '950': 'big5',
  '932': 'shift_jis',
  SJIS: 'shift_jis',
  SHIFTJIS: 'shift_jis',
  '949': 'cp949',
  EUCKR: 'euc-kr',
  '88591': 'latin1',
  ISO88591: 'latin1',
  LATIN1: 'latin1',
};

/** dBase language driver IDs (byte 29 of the DBF header), as GDAL's shapefile driver reads them. */
const LDID: Readonly<Record<number, string>> = {
  0x01: 'cp437',
  0x02: 'cp850',
  0x03: 'windows-1252',
  0x08: 'cp865',
  0x0a: 'cp850',
  0x13: 'shift_jis',
  0x26: 'cp866',
  0x4d: 'gbk',
  0x4e: 'cp949',
  0x4f: 'big5',
  0x64: 'cp852',
  0x65: 'cp866',
  0x7a: 'gbk',
  0x7b: 'shift_jis',
  0x7d: 'windows-1255',
  0x7e: 'windows-1256',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0xca: 'windows-1254',
  0xcb: 'windows-1253',
};

/** An iconv-lite name for a code page name, or null when unknown. */
export function encodingFromName(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (!t) return null;
  const compact = t.replace(/^(ANSI|CP|WINDOWS|CODEPAGE)[\s_-]*/, '').replace(/[\s_-]/g, '');
  const candidates = [CPG_ALIASES[t.replace(/[\s_-]/g, '')], CPG_ALIASES[compact]];
  if (/^125\d$/.test(compact) || compact === '874') candidates.push(`windows-${compact}`);
  if (/^8859\d{1,2}$/.test(compact)) candidates.push(`iso-8859-${compact.slice(4)}`);
  if (/^\d{3}$/.test(compact)) candidates.push(`cp${compact}`);
  candidates.push(t.toLowerCase());
  for (const c of candidates) if (c && iconv.encodingExists(c)) return c;
  return null;
}

export function encodingOfLdid(ldid: number): string | null {
  return LDID[ldid] ?? null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (n < 0 || b > 0xf4) return false;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += n + 1;
  }
  return true;
}

/** Most high bytes pair up as GBK/GB18030 double-byte characters (lead 0x81-0xFE, trail 0x40-0xFE). */
function looksChinese(bytes: Uint8Array): boolean {
  let pairs = 0;
  let strays = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    const t = bytes[i + 1] ?? 0;
    if (b >= 0x81 && b <= 0xfe && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      pairs++;
      i++;
    } else strays++;
  }
  return pairs > 0 && strays <= pairs * 0.05;
}

const hasHighBytes = (bytes: Uint8Array): boolean => bytes.some((b) => b >= 0x80);

/** Detection from sample bytes; `hint` is what a header says (the DBF LDID), used before guessing Chinese. */
export function detectEncoding(sample: Uint8Array, hint: string | null = null): ChosenEncoding {
  if (!hasHighBytes(sample) || isValidUtf8(sample)) return { name: 'utf8', source: 'detected' };
  if (hint) return { name: hint, source: 'ldid' };
  if (looksChinese(sample)) return { name: 'gb18030', source: 'detected' };
  return { name: 'windows-1252', source: 'detected' };
}

/** A user's override, checked: an unknown name is refused rather than decoded wrongly. */
export function overrideEncoding(name: string, file: string): ChosenEncoding {
  const found = encodingFromName(name);
  if (!found) throw importError('unknown_encoding', { file, encoding: name });
  return { name: found, source: 'override' };
}

export function decodeText(bytes: Uint8Array, encoding: string): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === 'utf8' ? buf.toString('utf8') : iconv.decode(buf, encoding);
}

/** How the UI names an encoding: `UTF-8`, `GBK`, `GB18030`, `WINDOWS-1250`. */
export function encodingLabel(name: string): string {
  return name === 'utf8' ? 'UTF-8' : name.toUpperCase();
}
