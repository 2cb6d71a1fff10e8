/**
 * ΔT = TT − UT, the seconds by which the ephemeris time SPA evaluates the Sun at runs ahead of
 * clock time. Observed yearly values (IERS Bulletins / USNO, rounded to 0.1 s) from 1990 to
 * 2025, linear in between; before 1990 and after 2025 the Espenak & Meeus (NASA, 2006)
 * polynomials. An error of 10 s in ΔT moves the Sun by about 0.0001°, so the model only has to
 * be roughly right. Environment: common.
 */

const OBSERVED: readonly (readonly [number, number])[] = [
  [1990, 56.9],
  [1995, 60.8],
  [2000, 63.8],
  [2005, 64.7],
  [2010, 66.1],
  [2015, 67.6],
  [2020, 69.4],
  [2025, 69.2],
];

/** ΔT in seconds at a decimal year (2024.5 = mid-2024). */
export function deltaTSeconds(year: number): number {
  const first = OBSERVED[0];
  const last = OBSERVED[OBSERVED.length - 1];
  if (first && last && year >= first[0] && year <= last[0]) {
    for (let i = 1; i < OBSERVED.length; i++) {
      const a = OBSERVED[i - 1];
      const b = OBSERVED[i];
      if (a && b && year <= b[0]) return a[1] + ((b[1] - a[1]) * (year - a[0])) / (b[0] - a[0]);
    }
  }
  if (year > 2025 && year < 2050) {
    // Espenak & Meeus 2005-2050, shifted to meet the 2025 observation.
    const t = year - 2000;
    const at = (u: number): number => 62.92 + 0.32217 * u + 0.005589 * u * u;
    return at(t) - at(25) + 69.2;
  }
  if (year > 1961 && year < 1990) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - (t * t) / 260 - (t * t * t) / 718;
  }
  // Long-term parabola (Morrison & Stephenson 2004), as Espenak & Meeus use outside their ranges.
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u;
}
