/**
 * Ground height (m, 1985 国家高程基准 like the survey data it stands for) as a pure function
 * of position: the 白河 water surface about 111 m, floodplains and banks, the city plain
 * rising gently to the west (about 127 m at the district edge) and the 独山 foothills on the
 * east bank up to about 178 m. Seeded value noise adds the small undulation of real ground.
 */
import type { XY } from '../geo/frame.js';
import { hashInts } from '../rng.js';
import { PLACES, RIVER, RIVER_CENTRELINE } from './layout.js';

export type HeightFn = (p: readonly [number, number]) => number;

/** Signed distance to the river centreline: negative on the city (north-west) bank. */
export function riverOffset(p: readonly [number, number]): number {
  let best = Infinity;
  let sign = 1;
  for (let i = 1; i < RIVER_CENTRELINE.length; i++) {
    const a = RIVER_CENTRELINE[i - 1] as XY;
    const b = RIVER_CENTRELINE[i] as XY;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)));
    const d = Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
    if (d < best) {
      best = d;
      // left of travel (north-east to south-west) is the south-east bank: positive
      sign = dx * (p[1] - a[1]) - dy * (p[0] - a[0]) > 0 ? 1 : -1;
    }
  }
  return sign * best;
}

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

/** Value noise in [-1, 1] on a lattice of `cellM`, from the seed. */
function valueNoise(seed: number, p: readonly [number, number], cellM: number, octave: number): number {
  const x = p[0] / cellM;
  const y = p[1] / cellM;
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const v = (i: number, j: number): number => (hashInts(seed, octave, i, j) / 4294967296) * 2 - 1;
  const a = v(ix, iy) + (v(ix + 1, iy) - v(ix, iy)) * fx;
  const b = v(ix, iy + 1) + (v(ix + 1, iy + 1) - v(ix, iy + 1)) * fx;
  return a + (b - a) * fy;
}

const WATER_SURFACE_M = 111.2;

export function createTerrain(seed: number): HeightFn {
  return (p) => {
    const d = riverOffset(p);
    const ad = Math.abs(d);
    if (ad <= RIVER.waterHalfWidthM) return WATER_SURFACE_M;
    const noise = 1.4 * valueNoise(seed, p, 420, 1) + 0.45 * valueNoise(seed, p, 110, 2);
    // floodplain 112.5 -> 114, bank up to 119 within 60 m, then the plain
    let h: number;
    if (ad <= RIVER.ecoHalfWidthM) {
      h = 112.5 + (1.5 * (ad - RIVER.waterHalfWidthM)) / (RIVER.ecoHalfWidthM - RIVER.waterHalfWidthM);
      return h + 0.15 * noise;
    }
    const bank = Math.min(1, (ad - RIVER.ecoHalfWidthM) / 60);
    h = 114 + 5 * smooth(bank);
    const plain = d < 0 ? 0.0035 * Math.max(0, ad - 230) : 0.002 * Math.max(0, ad - 230);
    let hills = 0;
    if (d > 0) {
      for (const hill of PLACES.hills) {
        const r2 = (p[0] - hill.at[0]) ** 2 + (p[1] - hill.at[1]) ** 2;
        hills += hill.heightM * Math.exp(-r2 / (2 * hill.sigmaM * hill.sigmaM));
      }
    }
    return h + plain + hills + bank * noise * (1 + hills / 40);
  };
}
