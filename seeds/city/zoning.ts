/**
 * What each part of the city is: a zone per lattice cell from the named places of
 * city/layout, refined per block (the government block, the hospital, the 城中村...).
 */
import type { XY } from '../geo/frame.js';
import { PLACES } from './layout.js';

export type CellZone = 'cbd' | 'oldTown' | 'residential' | 'newDistrict' | 'industrial' | 'park';

export type BlockKind =
  | 'cbd'
  | 'oldTown'
  | 'residential'
  | 'newDistrict'
  | 'industrial'
  | 'warehouse'
  | 'village'
  | 'government'
  | 'hospital'
  | 'park'
  | 'utility'
  | 'fringe'
  | 'riverGreen';

/** Residential era decides the building typology (walk-ups, slabs, towers). */
export type Era = 'old' | 'mid' | 'new';

const dist = (a: XY, b: readonly [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

export function cellZone(centre: XY): CellZone {
  if (dist(centre, PLACES.park) < 120) return 'park';
  if (dist(centre, PLACES.cbd.at) < PLACES.cbd.radiusM) return 'cbd';
  if (centre[0] < PLACES.industrialCorner[0] && centre[1] < PLACES.industrialCorner[1]) return 'industrial';
  if (dist(centre, PLACES.oldTown.at) < PLACES.oldTown.radiusM) return 'oldTown';
  if (centre[0] > PLACES.newDistrictCorner[0] && centre[1] > PLACES.newDistrictCorner[1] && centre[1] < 1000) {
    return 'newDistrict';
  }
  return 'residential';
}

/** Era of a residential block: older towards the old town, newer towards the edges. */
export function eraAt(centre: XY): Era {
  const d = dist(centre, PLACES.oldTown.at);
  if (d < 700) return 'old';
  if (d < 1300) return 'mid';
  return 'new';
}

/** Blocks with a use of their own, each given to the city block nearest its point. */
export const SPECIAL_BLOCKS: readonly { kind: BlockKind; at: XY; name: string | null }[] = [
  { kind: 'government', at: PLACES.government, name: null },
  { kind: 'hospital', at: PLACES.hospital, name: null },
  { kind: 'fringe', at: PLACES.fringe, name: null },
  { kind: 'utility', at: PLACES.sewagePlant, name: null },
  ...PLACES.villages.map(([at, name]) => ({ kind: 'village' as const, at, name })),
];
