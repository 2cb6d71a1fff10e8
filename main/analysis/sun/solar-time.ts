/**
 * True solar time (真太阳时) and the calculation days of GB/T 50947-2014 (建筑日照计算参数
 * 标准). True solar time at longitude λ is
 *     TST = UTC + 4 min × λ + E = 北京时间 + 4 min × (λ − 120°) + E,
 * E the equation of time (spa.ts). A window given in true solar time (大寒日 08:00-16:00,
 * 冬至日 09:00-15:00) becomes Beijing time (UTC+8) by subtracting 4 min per degree east of
 * 120°E and that day's equation of time, taken at the window's true-solar noon (E changes by
 * under 30 s a day, so one value serves the whole window, as the standard's tables do).
 * The calculation days are the solar terms 冬至 (apparent solar longitude 270°) and 大寒 (300°),
 * dated in Beijing time. Environment: common.
 */
import { apparentSunLongitudeDeg, equationOfTimeMinutes } from './spa.js';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MIN = 8 * 60;

/** Minutes after true-solar midnight (0 ≤ m < 1440) at a UTC instant and longitude. */
export function trueSolarMinutes(utcMs: number, lonDeg: number, eotMin = equationOfTimeMinutes(utcMs)): number {
  const utcMin = (((utcMs / MIN_MS) % 1440) + 1440) % 1440;
  return (((utcMin + 4 * lonDeg + eotMin) % 1440) + 1440) % 1440;
}

/** `HH:MM` (or `HH:MM:SS` with seconds) of minutes after midnight, rounded to the unit shown. */
export function clockText(minutes: number, seconds = false): string {
  const total = Math.round((((minutes % 1440) + 1440) % 1440) * (seconds ? 60 : 1));
  const perDay = seconds ? 86_400 : 1440;
  const t = total % perDay;
  const h = Math.floor(t / (seconds ? 3600 : 60));
  const m = Math.floor((t / (seconds ? 60 : 1)) % 60);
  const parts = [h, m, ...(seconds ? [t % 60] : [])];
  return parts.map((n) => String(n).padStart(2, '0')).join(':');
}

/** Parses `HH:MM` into minutes after midnight, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** UTC ms of 00:00 Beijing time on a `YYYY-MM-DD` date, or null for a malformed date. */
function beijingMidnightUtcMs(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms - BEIJING_OFFSET_MIN * MIN_MS;
}

export interface DayConversion {
  /** Beijing time = true solar time − offsetMin. */
  offsetMin: number;
  /** The equation of time used, minutes. */
  equationOfTimeMin: number;
  /** 4 min × (λ − 120°). */
  longitudeCorrectionMin: number;
}

/** The day's true-solar ↔ Beijing-time offset at a longitude, E taken at true-solar noon. */
export function dayConversion(date: string, lonDeg: number): DayConversion | null {
  const midnight = beijingMidnightUtcMs(date);
  if (midnight === null) return null;
  const longitudeCorrectionMin = 4 * (lonDeg - 120);
  // Noon TST ≈ 12:00 BJT − longitude correction; E there (one refinement is plenty).
  let e = equationOfTimeMinutes(midnight + (12 * 60 - longitudeCorrectionMin) * MIN_MS);
  e = equationOfTimeMinutes(midnight + (12 * 60 - longitudeCorrectionMin - e) * MIN_MS);
  return { offsetMin: longitudeCorrectionMin + e, equationOfTimeMin: e, longitudeCorrectionMin };
}

/** The UTC instant of a true-solar clock time (minutes after midnight) on a Beijing date. */
export function trueSolarToUtcMs(date: string, tstMin: number, conv: DayConversion): number | null {
  const midnight = beijingMidnightUtcMs(date);
  return midnight === null ? null : midnight + (tstMin - conv.offsetMin) * MIN_MS;
}

export type SolarTerm = 'dahan' | 'dongzhi';

const TERM_LONGITUDE: Record<SolarTerm, number> = { dongzhi: 270, dahan: 300 };
/** Where to look: 冬至 is Dec 20-23 of the year, 大寒 Jan 19-22. */
const TERM_SEARCH: Record<SolarTerm, [number, number]> = { dongzhi: [11, 18], dahan: [0, 16] };

/** The Beijing date (`YYYY-MM-DD`) on which the solar term falls in a year. */
export function solarTermDate(year: number, term: SolarTerm): string {
  const target = TERM_LONGITUDE[term];
  const [month, day] = TERM_SEARCH[term];
  let lo = Date.UTC(year, month, day);
  let hi = lo + 10 * DAY_MS;
  const past = (ms: number): boolean => {
    const d = ((((apparentSunLongitudeDeg(ms) - target) % 360) + 540) % 360) - 180;
    return d >= 0;
  };
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (past(mid)) hi = mid;
    else lo = mid;
  }
  const bj = new Date(hi + BEIJING_OFFSET_MIN * MIN_MS);
  return bj.toISOString().slice(0, 10);
}

/** 'dahan' / 'dongzhi' when the date is that year's calculation day, else null. */
export function calculationDayOf(date: string): SolarTerm | null {
  const year = Number(date.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  if (solarTermDate(year, 'dahan') === date) return 'dahan';
  if (solarTermDate(year, 'dongzhi') === date) return 'dongzhi';
  return null;
}
