/**
 * Case times are ISO 8601 text in 北京时间 (UTC+8) with the offset, as city systems and the
 * demo city write them; one offset for all keeps them comparable as text.
 */
import { CimError } from '../../common/errors.js';
import { getWorkspaceMeta } from '../store/catalog.js';
import type { Db } from '../store/connection.js';

const HOUR_MS = 3_600_000;
const two = (n: number): string => String(n).padStart(2, '0');

/** `2024-05-04T09:12:30+08:00` for a UTC instant. */
export function isoBeijing(ms: number): string {
  const d = new Date(ms + 8 * HOUR_MS);
  return (
    `${String(d.getUTCFullYear())}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}+08:00`
  );
}

/**
 * A user's time bound as comparable text: a date (`2024-12`, `2024-12-01`) is a 北京时间 date
 * and stays as it is; a time with an offset or Z is converted to 北京时间.
 */
export function boundText(value: string, flag: string): string {
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CimError('cases.bad_time', { value, flag }, 'args');
  return isoBeijing(ms);
}

/** Parsed case time (UTC ms), null when empty or unreadable. */
export function caseMs(text: string | null | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * "Now" for overdue counts: the workspace's `cases_as_of` setting (the demo city's data end
 * on 2025-01-01, so its open cases are judged then), else the clock.
 */
export function casesAsOfMs(db: Db, nowMs: number): number {
  const meta = getWorkspaceMeta(db, 'cases_as_of');
  const ms = caseMs(meta);
  return ms ?? nowMs;
}
