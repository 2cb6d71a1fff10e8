/**
 * The Sun's position for an observer: NREL's Solar Position Algorithm (SPA), Reda & Andreas,
 * "Solar Position Algorithm for Solar Radiation Applications", Solar Energy 76(5) 577-589
 * (2004) and NREL/TP-560-34302 (revised January 2008), written from the paper's steps 3.1-3.15
 * and its tables (spa-tables.ts). Stated uncertainty ±0.0003° in zenith and azimuth for the
 * years −2000 to 6000; tests/unit/analysis/sun/spa.test.ts holds it to the paper's worked
 * example and to an independent implementation of the same algorithm at 24 Chinese sites.
 * The equation of time is the paper's Appendix A.1 (eq. A.1-A.2).
 *
 * Conventions: time is a UTC instant (ms since 1970, UT1 − UTC taken as 0: under 0.9 s);
 * azimuth in degrees clockwise from true north (east 90°); elevation is the geometric
 * topocentric elevation (centre of the disc, no atmosphere) unless `refraction` is given, then
 * SPA's refraction correction (Bennett/Saemundsson form, eq. 42) at that pressure and temperature.
 * Environment: common.
 */
import { deltaTSeconds } from './delta-t.js';
import { B_TERMS, L_TERMS, NUTATION_TERMS, R_TERMS, type EarthTerm } from './spa-tables.js';

export interface Refraction {
  /** Mean annual air pressure, hPa (mbar). */
  pressureHpa: number;
  /** Mean annual air temperature, °C. */
  temperatureC: number;
}

/** The standard atmosphere the refraction formula is normalised to (factor 1). */
export const STANDARD_REFRACTION: Refraction = { pressureHpa: 1010, temperatureC: 10 };

export interface SunOptions {
  /** Observer height above the ellipsoid, metres (parallax only; default 0). */
  heightM?: number;
  /** Apply atmospheric refraction to the elevation (default: geometric, none). */
  refraction?: Refraction | null;
  /** TT − UT in seconds (default: delta-t.ts for the date). */
  deltaTSec?: number;
}

export interface SunPosition {
  azimuthDeg: number;
  /** Geometric, or refracted when asked. */
  elevationDeg: number;
  /** Geometric topocentric elevation, whatever was asked. */
  geometricElevationDeg: number;
  /** Topocentric declination, degrees. */
  declinationDeg: number;
  /** Topocentric local hour angle, degrees in (−180, 180], 0 at the meridian. */
  hourAngleDeg: number;
  /** Equation of time, minutes (apparent − mean solar time). */
  equationOfTimeMin: number;
}

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const SUN_RADIUS_DEG = 0.26667;
const REFRACTION_AT_HORIZON_DEG = 0.5667;

function limitDegrees(d: number): number {
  const v = d % 360;
  return v < 0 ? v + 360 : v;
}

function limit180(d: number): number {
  const v = limitDegrees(d);
  return v > 180 ? v - 360 : v;
}

/** Julian day of a UTC instant (UT1 = UTC). */
function julianDay(utcMs: number): number {
  return utcMs / 86_400_000 + 2_440_587.5;
}

/** Decimal year of a UTC instant, for ΔT. */
function decimalYear(utcMs: number): number {
  return 2000 + (julianDay(utcMs) - 2_451_545) / 365.25;
}

function seriesValue(tables: readonly (readonly EarthTerm[])[], jme: number): number {
  let sum = 0;
  let power = 1;
  for (const terms of tables) {
    let s = 0;
    for (const [a, b, c] of terms) s += a * Math.cos(b + c * jme);
    sum += s * power;
    power *= jme;
  }
  return sum / 1e8;
}

function poly3(a: number, b: number, c: number, d: number, x: number): number {
  return ((a * x + b) * x + c) * x + d;
}

interface Geocentric {
  /** Apparent right ascension and declination, degrees. */
  alpha: number;
  delta: number;
  /** Apparent sidereal time at Greenwich, degrees. */
  nu: number;
  /** Earth-Sun distance, AU. */
  r: number;
  /** Apparent ecliptic longitude of the Sun, degrees. */
  lambda: number;
  eotMin: number;
}

/** Steps 3.1-3.9 of the paper, and the equation of time (A.1). */
function geocentricSun(utcMs: number, deltaTSec: number): Geocentric {
  const jd = julianDay(utcMs);
  const jc = (jd - 2_451_545) / 36_525;
  const jde = jd + deltaTSec / 86_400;
  const jce = (jde - 2_451_545) / 36_525;
  const jme = jce / 10;

  const l = limitDegrees(seriesValue(L_TERMS, jme) * R2D);
  const b = seriesValue(B_TERMS, jme) * R2D;
  const r = seriesValue(R_TERMS, jme);
  const theta = limitDegrees(l + 180);
  const beta = -b;

  const x = [
    poly3(1 / 189_474, -0.0019142, 445_267.11148, 297.85036, jce),
    poly3(-1 / 300_000, -0.0001603, 35_999.05034, 357.52772, jce),
    poly3(1 / 56_250, 0.0086972, 477_198.867398, 134.96298, jce),
    poly3(1 / 327_270, -0.0036825, 483_202.017538, 93.27191, jce),
    poly3(1 / 450_000, 0.0020708, -1_934.136261, 125.04452, jce),
  ];
  let sumPsi = 0;
  let sumEps = 0;
  for (const row of NUTATION_TERMS) {
    let arg = 0;
    for (let j = 0; j < 5; j++) arg += (x[j] ?? 0) * (row[j] ?? 0);
    arg *= D2R;
    sumPsi += ((row[5] ?? 0) + jce * (row[6] ?? 0)) * Math.sin(arg);
    sumEps += ((row[7] ?? 0) + jce * (row[8] ?? 0)) * Math.cos(arg);
  }
  const dPsi = sumPsi / 36_000_000;
  const dEps = sumEps / 36_000_000;

  const u = jme / 10;
  const eps0 =
    84_381.448 +
    u *
      (-4_680.93 +
        u *
          (-1.55 +
            u *
              (1_999.25 +
                u * (-51.38 + u * (-249.67 + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const eps = eps0 / 3600 + dEps;
  const dTau = -20.4898 / (3600 * r);
  const lambda = theta + dPsi + dTau;

  const nu0 = limitDegrees(
    280.46061837 + 360.98564736629 * (jd - 2_451_545) + jc * jc * (0.000387933 - jc / 38_710_000),
  );
  const nu = nu0 + dPsi * Math.cos(eps * D2R);

  const lr = lambda * D2R;
  const er = eps * D2R;
  const br = beta * D2R;
  const alpha = limitDegrees(Math.atan2(Math.sin(lr) * Math.cos(er) - Math.tan(br) * Math.sin(er), Math.cos(lr)) * R2D);
  const delta = Math.asin(Math.sin(br) * Math.cos(er) + Math.cos(br) * Math.sin(er) * Math.sin(lr)) * R2D;

  // Appendix A.1: the Sun's mean longitude and the equation of time.
  const m = limitDegrees(
    280.4664567 +
      jme * (360_007.6982779 + jme * (0.03032028 + jme * (1 / 49_931 + jme * (-1 / 15_300 + jme * (-1 / 2_000_000))))),
  );
  let eotMin = 4 * (m - 0.0057183 - alpha + dPsi * Math.cos(er));
  eotMin = ((((eotMin + 720) % 1440) + 1440) % 1440) - 720;

  return { alpha, delta, nu, r, lambda: limitDegrees(lambda), eotMin };
}

/** Refraction correction in degrees for a geometric elevation (SPA eq. 42; 0 well below the horizon). */
function refractionDeg(geometricElevationDeg: number, refraction: Refraction): number {
  const e0 = geometricElevationDeg;
  if (e0 < -(SUN_RADIUS_DEG + REFRACTION_AT_HORIZON_DEG)) return 0;
  return (
    (refraction.pressureHpa / 1010) *
    (283 / (273 + refraction.temperatureC)) *
    (1.02 / (60 * Math.tan((e0 + 10.3 / (e0 + 5.11)) * D2R)))
  );
}

/** Steps 3.10-3.15 for one observer, from the geocentric values of the instant. */
function topocentricSun(
  geo: Geocentric,
  lonDeg: number,
  latDeg: number,
  heightM: number,
  refraction: Refraction | null,
): SunPosition {
  const h = limitDegrees(geo.nu + lonDeg - geo.alpha);
  const xi = (8.794 / (3600 * geo.r)) * D2R;
  const latR = latDeg * D2R;
  const uu = Math.atan(0.99664719 * Math.tan(latR));
  const y = 0.99664719 * Math.sin(uu) + (heightM / 6_378_140) * Math.sin(latR);
  const x = Math.cos(uu) + (heightM / 6_378_140) * Math.cos(latR);
  const hR = h * D2R;
  const dR = geo.delta * D2R;
  const dAlpha = Math.atan2(-x * Math.sin(xi) * Math.sin(hR), Math.cos(dR) - x * Math.sin(xi) * Math.cos(hR));
  const deltaPrime = Math.atan2(
    (Math.sin(dR) - y * Math.sin(xi)) * Math.cos(dAlpha),
    Math.cos(dR) - x * Math.sin(xi) * Math.cos(hR),
  );
  const hPrime = hR - dAlpha;
  const e0 =
    Math.asin(Math.sin(latR) * Math.sin(deltaPrime) + Math.cos(latR) * Math.cos(deltaPrime) * Math.cos(hPrime)) * R2D;
  const gamma =
    Math.atan2(Math.sin(hPrime), Math.cos(hPrime) * Math.sin(latR) - Math.tan(deltaPrime) * Math.cos(latR)) * R2D;
  return {
    azimuthDeg: limitDegrees(gamma + 180),
    elevationDeg: refraction ? e0 + refractionDeg(e0, refraction) : e0,
    geometricElevationDeg: e0,
    declinationDeg: deltaPrime * R2D,
    hourAngleDeg: limit180(hPrime * R2D),
    equationOfTimeMin: geo.eotMin,
  };
}

/** The Sun seen from (lon, lat) at a UTC instant. */
export function sunPosition(utcMs: number, lonDeg: number, latDeg: number, options: SunOptions = {}): SunPosition {
  const geo = geocentricSun(utcMs, options.deltaTSec ?? deltaTSeconds(decimalYear(utcMs)));
  return topocentricSun(geo, lonDeg, latDeg, options.heightM ?? 0, options.refraction ?? null);
}

/** Equation of time in minutes at a UTC instant. */
export function equationOfTimeMinutes(utcMs: number): number {
  return geocentricSun(utcMs, deltaTSeconds(decimalYear(utcMs))).eotMin;
}

/** The Sun's apparent ecliptic longitude in degrees (the solar terms: 冬至 270°, 大寒 300°). */
export function apparentSunLongitudeDeg(utcMs: number): number {
  return geocentricSun(utcMs, deltaTSeconds(decimalYear(utcMs))).lambda;
}
