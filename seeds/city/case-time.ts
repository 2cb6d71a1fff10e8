/** The cases' time frame and its text form: ISO 8601 in 北京时间 (UTC+8). */

/** 2023-01-01T00:00+08:00 and the survey's end 2025-01-01T00:00+08:00, as UTC ms. */
export const CASES_FROM_MS = Date.UTC(2022, 11, 31, 16);
export const CASES_TO_MS = Date.UTC(2024, 11, 31, 16);
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const two = (n: number): string => (n < 10 ? `0${String(n)}` : String(n));

/** ISO 8601 in 北京时间 with its offset, e.g. `2023-05-04T09:12:30+08:00`. */
export function isoBeijing(ms: number): string {
  const t = Math.floor((ms + 8 * HOUR_MS) / 1000);
  const days = Math.floor(t / 86_400);
  const secs = t - days * 86_400;
  // civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${String(y)}-${two(m)}-${two(d)}T${two(hh)}:${two(mm)}:${two(secs % 60)}+08:00`;
}
