/**
 * The CRS picker's choices: every supported EPSG code with its Chinese (or English) name,
 * and for imports the offset lon/lat of Chinese web maps (GCJ-02, BD-09). Labels are
 * searchable by code, name and pinyin-free Chinese text alike.
 */
import { supportedCrsDefs } from '../../../layers/crs.js';

export interface CrsOption {
  value: string;
  label: string;
}

export function crsOptions(
  language: string,
  withWebMapOffsets: boolean,
  webMapLabels: { gcj02: string; bd09: string },
): CrsOption[] {
  const zh = language.startsWith('zh');
  const epsg = supportedCrsDefs().map((d) => ({
    value: `EPSG:${String(d.epsg)}`,
    label: `EPSG:${String(d.epsg)} ${zh ? d.nameZh : d.name}`,
  }));
  if (!withWebMapOffsets) return epsg;
  return [
    ...epsg.slice(0, 2),
    { value: 'GCJ02', label: webMapLabels.gcj02 },
    { value: 'BD09', label: webMapLabels.bd09 },
    ...epsg.slice(2),
  ];
}

/** Case-insensitive match on the whole label, for the select's search box. */
export function matchesCrs(input: string, option: CrsOption | undefined): boolean {
  const words = input.trim().toLowerCase().split(/\s+/);
  const label = (option?.label ?? '').toLowerCase();
  return words.every((w) => label.includes(w));
}

/** Text encodings offered for attribute text (the names the back end understands). */
export const ENCODINGS = [
  'UTF-8',
  'GBK',
  'GB18030',
  'BIG5',
  'WINDOWS-1252',
  'WINDOWS-1250',
  'WINDOWS-1251',
  'SHIFT_JIS',
  'CP949',
];
