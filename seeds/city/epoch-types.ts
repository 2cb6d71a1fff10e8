/** Buildings in the two surveys, permits and illegal builds: the records epochs and changes share. */
import type { Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import type { ParcelLayout } from './buildings/generate.js';
import type { BuildingUse } from './buildings/place.js';
import type { Parcel } from './parcels.js';

export interface BuildingState {
  ring: Ring;
  floors: number;
  heightM: number;
}

export interface Building {
  id: string;
  dkbm: string | null;
  use: BuildingUse;
  buildYear: number;
  s2022: BuildingState | null;
  s2024: BuildingState | null;
}

export interface Permit {
  xkzh: string;
  bldgId: string;
  ring: Ring;
  heightM: number;
  floors: number;
  gfaM2: number;
  /** ISO date. */
  issued: string;
  dkbm: string | null;
  project: string;
  builder: string;
}

type IllegalKind = 'no_permit' | 'beyond_footprint' | 'beyond_height' | 'in_redline_or_farmland';

export interface IllegalBuild {
  bldgId: string;
  kind: IllegalKind;
  xkzh: string | null;
  excessAreaM2: number;
  excessHeightM: number;
}

export interface Slot {
  building: Building;
  layout: ParcelLayout;
  index: number;
  parcel: Parcel;
}

export type PendingPermit = Omit<Permit, 'xkzh'>;

export type PermitFn = (
  b: Building,
  p: Parcel | null,
  s: BuildingState,
  issued: string,
  what: string,
  r: Rng,
) => PendingPermit;

/** A day between two months (inclusive of the first, up to the 28th of the last), ISO date. */
export function isoDate(rng: Rng, from: [number, number], to: [number, number]): string {
  const start = Date.UTC(from[0], from[1] - 1, 1);
  const end = Date.UTC(to[0], to[1] - 1, 28);
  const t = start + Math.floor(rng.next() * ((end - start) / 86_400_000)) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
