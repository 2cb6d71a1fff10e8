/**
 * A rolling hill country DEM for the viewshed benchmark: `n` × `n` cells of `cellM` metres in
 * GK zone 38 (EPSG:4526), the sum of 60 seeded Gaussian hills and hollows on a 100 m plain.
 */
import { makeDem, type Dem } from '../../main/analysis/terrain/dem.js';

export function hillCountry(n: number, cellM: number, seed: number): Dem {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const size = n * cellM;
  const hills = Array.from({ length: 60 }, () => ({
    x: rnd() * size,
    y: rnd() * size,
    r: (0.02 + rnd() * 0.1) * size,
    h: (rnd() - 0.3) * 80,
  }));
  const data = new Float32Array(n * n).fill(100);
  for (const b of hills) {
    const reach = 3 * b.r;
    const c0 = Math.max(0, Math.floor((b.x - reach) / cellM));
    const c1 = Math.min(n - 1, Math.ceil((b.x + reach) / cellM));
    const r0 = Math.max(0, Math.floor((b.y - reach) / cellM));
    const r1 = Math.min(n - 1, Math.ceil((b.y + reach) / cellM));
    for (let row = r0; row <= r1; row++) {
      const dy = (row + 0.5) * cellM - b.y;
      for (let col = c0; col <= c1; col++) {
        const dx = (col + 0.5) * cellM - b.x;
        data[row * n + col] = (data[row * n + col] ?? 0) + b.h * Math.exp(-(dx * dx + dy * dy) / (b.r * b.r));
      }
    }
  }
  return makeDem({
    width: n,
    height: n,
    originX: 38_500_000,
    originY: 3_660_000,
    cellX: cellM,
    cellY: cellM,
    data,
    nodata: null,
  });
}
