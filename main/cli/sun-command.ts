/**
 * `cim sun --lon X --lat Y --from ISO --to ISO --step-min N [--refraction] [--height-m H] [--json]`:
 * the Sun's position over a time range, for a planner checking a sunlight result by hand.
 * Times without an offset are Beijing time (UTC+8). JSON: `positions`, each with `at`
 * (ISO, +08:00), `azimuthDeg` (clockwise from true north), `elevationDeg` (geometric, or
 * refracted with --refraction at 1010 hPa, 10 °C) and `trueSolarTime` (HH:MM:SS).
 */
import { CimError } from '../../common/errors.js';
import { STANDARD_REFRACTION, sunPosition } from '../analysis/sun/spa.js';
import { clockText, trueSolarMinutes } from '../analysis/sun/solar-time.js';
import { parse, report, required } from './args.js';

const MAX_POSITIONS = 100_000;
const BEIJING_MS = 8 * 3_600_000;

function number(value: string | undefined, flag: string, min: number, max: number): number {
  const v = Number(required(value, flag));
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new CimError(
      'cli.usage',
      { message: `${flag} must be a number from ${String(min)} to ${String(max)}` },
      'args',
    );
  }
  return v;
}

function instant(value: string | undefined, flag: string): number {
  const text = required(value, flag);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = Date.parse(hasOffset ? text : `${text}+08:00`);
  if (!Number.isFinite(ms)) {
    throw new CimError(
      'cli.usage',
      { message: `${flag} must be an ISO date-time (2025-01-20T08:00), not ${text}` },
      'args',
    );
  }
  return ms;
}

/** ISO text of an instant in Beijing time, to the second. */
function beijingIso(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000 + BEIJING_MS).toISOString().slice(0, 19) + '+08:00';
}

export interface SunTablePosition {
  at: string;
  azimuthDeg: number;
  elevationDeg: number;
  trueSolarTime: string;
  equationOfTimeMin: number;
}

export function sunTable(
  lonDeg: number,
  latDeg: number,
  fromMs: number,
  toMs: number,
  stepMin: number,
  refraction: boolean,
  heightM: number,
): SunTablePosition[] {
  const out: SunTablePosition[] = [];
  const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
  for (let t = fromMs; t <= toMs; t += stepMin * 60_000) {
    const p = sunPosition(t, lonDeg, latDeg, { heightM, refraction: refraction ? STANDARD_REFRACTION : null });
    out.push({
      at: beijingIso(t),
      azimuthDeg: round(p.azimuthDeg, 4),
      elevationDeg: round(p.elevationDeg, 4),
      trueSolarTime: clockText(trueSolarMinutes(t, lonDeg, p.equationOfTimeMin), true),
      equationOfTimeMin: round(p.equationOfTimeMin, 3),
    });
  }
  return out;
}

export async function runSunCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    lon: { type: 'string' },
    lat: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'step-min': { type: 'string' },
    'height-m': { type: 'string' },
    refraction: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const lon = number(values.lon, '--lon', -180, 180);
  const lat = number(values.lat, '--lat', -90, 90);
  const from = instant(values.from, '--from');
  const to = values.to === undefined ? from : instant(values.to, '--to');
  const step = values['step-min'] === undefined ? 60 : number(values['step-min'], '--step-min', 1 / 60, 1440 * 366);
  const heightM = values['height-m'] === undefined ? 0 : number(values['height-m'], '--height-m', -500, 9000);
  if (to < from) throw new CimError('cli.usage', { message: '--to is before --from' }, 'args');
  if ((to - from) / (step * 60_000) + 1 > MAX_POSITIONS) {
    throw new CimError(
      'cli.usage',
      { message: `more than ${String(MAX_POSITIONS)} positions: use a larger --step-min` },
      'args',
    );
  }
  const positions = sunTable(lon, lat, from, to, step, values.refraction, heightM);
  const summary = {
    lon,
    lat,
    heightM,
    refraction: values.refraction ? STANDARD_REFRACTION : null,
    algorithm: 'NREL SPA (Reda & Andreas 2004/2008), ±0.0003°',
    count: positions.length,
    positions,
  };
  const human = [
    'at (Beijing time)           true solar  azimuth°  elevation°',
    ...positions.map(
      (p) =>
        `${p.at}  ${p.trueSolarTime}    ${p.azimuthDeg.toFixed(2).padStart(7)}  ${p.elevationDeg.toFixed(2).padStart(9)}`,
    ),
  ].join('\n');
  report(values.json, summary, human);
  return Promise.resolve(0);
}
