/**
 * The time player's steps over the cases' report times: days, weeks (Monday to Sunday) or
 * months of 北京时间 (UTC+8, the case times' offset), each a half-open window [start, end).
 * Environment: common.
 */

export type TimeStep = 'day' | 'week' | 'month';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const OFFSET_MS = 8 * HOUR_MS;

/** Start (UTC ms) of the 北京时间 day, week or month holding `ms`. */
export function stepStart(ms: number, step: TimeStep): number {
  const local = new Date(ms + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  if (step === 'month') return Date.UTC(y, m, 1) - OFFSET_MS;
  const day = Date.UTC(y, m, d) - OFFSET_MS;
  if (step === 'day') return day;
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

/** Start of the step after the one starting at `start`. */
export function nextStepStart(start: number, step: TimeStep): number {
  if (step === 'day') return start + DAY_MS;
  if (step === 'week') return start + 7 * DAY_MS;
  const local = new Date(start + OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - OFFSET_MS;
}

export interface StepWindow {
  start: number;
  end: number;
}

/** Every step from the one holding `minMs` to the one holding `maxMs`. */
export function timeSteps(minMs: number, maxMs: number, step: TimeStep): StepWindow[] {
  if (!(maxMs >= minMs)) return [];
  const out: StepWindow[] = [];
  for (let s = stepStart(minMs, step); s <= maxMs;) {
    const e = nextStepStart(s, step);
    out.push({ start: s, end: e });
    s = e;
  }
  return out;
}

/** Indices of the times inside the window (a case reported at `end` belongs to the next step). */
export function inWindow(times: ArrayLike<number>, w: StepWindow, among?: readonly number[]): number[] {
  const out: number[] = [];
  const consider = among ?? Array.from({ length: times.length }, (_, i) => i);
  for (const i of consider) {
    const t = times[i] as number;
    if (t >= w.start && t < w.end) out.push(i);
  }
  return out;
}

/** `2024-12`, `2024-12-03`, `2024-12-02 – 12-08` for a step's label (北京时间). */
export function stepLabel(w: StepWindow, step: TimeStep): string {
  const fmt = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
  if (step === 'month') return fmt(w.start).slice(0, 7);
  if (step === 'day') return fmt(w.start);
  return `${fmt(w.start)} – ${fmt(w.end - DAY_MS).slice(5)}`;
}
