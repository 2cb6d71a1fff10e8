/**
 * Buildings of one parcel under its indicator targets, by the parcel's typology.
 */
import type { Rng } from '../../rng.js';
import type { Indicators } from '../indicators.js';
import type { Parcel, Typology } from '../parcels.js';
import type { Era } from '../zoning.js';
import { Placer, usableBox, type BuildingDraft } from './place.js';
import * as ty from './typologies.js';
import type { Box } from '../../geo/polygon.js';

export interface ParcelLayout {
  placer: Placer;
  drafts: BuildingDraft[];
  /** A school's sports ground (kept free of buildings and green). */
  track: Box | null;
}

const YEARS: Record<Era, [number, number]> = { old: [1982, 1998], mid: [1999, 2012], new: [2013, 2021] };

/**
 * Lays out a parcel. `margin` < 1 leaves room under the targets so the built indicators stay
 * inside the plan's limits; `years` overrides the build years (new buildings).
 */
export function layoutParcel(
  parcel: Parcel,
  typology: Typology,
  targets: Indicators,
  rng: Rng,
  era: Era,
  years?: [number, number],
): ParcelLayout {
  const a = parcel.areaM2;
  const margin = 0.93;
  const placer = new Placer(parcel.ring, {
    gfaM2: targets.farMax * a * margin,
    footprintM2: (targets.densityMaxPct / 100) * a * margin,
    maxHeightM: targets.heightMaxM - 1,
    setbackM: targets.setbackMinM + 0.5,
  });
  const [y0, y1] =
    years ??
    (typology === 'village'
      ? [1988, 2019]
      : typology === 'industrial' || typology === 'warehouse'
        ? [1995, 2016]
        : YEARS[era]);
  const input: ty.TypologyInput = {
    placer,
    usable: usableBox(parcel.ring, targets.setbackMinM + 0.5),
    rng,
    era,
    year: () => rng.int(y0, y1),
  };
  let track: Box | null = null;
  switch (typology) {
    case 'residential':
      ty.residential(input);
      break;
    case 'oldTown':
      ty.oldTown(input);
      break;
    case 'oldTownHouses':
      ty.village(
        input,
        false,
        () =>
          rng.weighted([
            [1, 0.25],
            [2, 0.45],
            [3, 0.3],
          ] as const),
        '住宅',
      );
      break;
    case 'village':
      ty.village(input, parcel.block.cell.bank === 'rural');
      break;
    case 'mall':
      ty.mall(input);
      break;
    case 'office':
      ty.office(input);
      break;
    case 'industrial':
      ty.industrial(input, false);
      break;
    case 'warehouse':
      ty.industrial(input, true);
      break;
    case 'school':
      track = ty.school(input).track;
      break;
    case 'hospital':
      ty.hospital(input);
      break;
    case 'government':
      ty.civic(input, '办公', [62, 18], [8, 10]);
      break;
    case 'culture':
      ty.civic(input, '文化', [48, 36], [3, 4]);
      break;
    case 'community':
      ty.civic(input, '公共服务', [30, 20], [3, 4]);
      break;
    case 'park':
      ty.park(input);
      break;
    case 'utility':
      ty.utility(input);
      break;
    case 'shops':
      ty.shops(input);
      break;
    case 'market':
      ty.market(input);
      break;
    case 'none':
      break;
  }
  return { placer, drafts: placer.buildings, track };
}
