/** Parcels (地块): their classes in the three plans, typology and development between the surveys. */
import type { Ring } from '../geo/polygon.js';
import type { Block } from './blocks.js';
import type { Era } from './zoning.js';

export type Typology =
  | 'residential'
  | 'village'
  | 'oldTown'
  | 'oldTownHouses'
  | 'mall'
  | 'office'
  | 'industrial'
  | 'warehouse'
  | 'school'
  | 'hospital'
  | 'government'
  | 'culture'
  | 'park'
  | 'utility'
  | 'community'
  | 'shops'
  | 'market'
  | 'none';

/**
 * Development between the 2022 and 2024 surveys: `built` stands in both, `new` was bare in
 * 2022 and built by 2024, `construction` was bare in 2022 and is half built in 2024,
 * `redevelop` was a village in 2022, cleared and rebuilding in 2024, `vacant` is bare in both.
 */
export type Status = 'built' | 'new' | 'construction' | 'redevelop' | 'vacant';

export interface Parcel {
  dkbm: string;
  block: Block;
  ring: Ring;
  areaM2: number;
  /** Cut axis and the strip's extent along it (plans merge neighbouring strips by these). */
  axis: 'x' | 'y';
  span: [number, number];
  /** 现状用地 (2024). */
  current: string;
  /** 国土空间总体规划 class. */
  master: string;
  /** 控制性详细规划 class; null outside the regulatory plan (the rural bank). */
  reg: string | null;
  typology: Typology;
  status: Status;
  era: Era;
  /** 地块名称: a compound, school, village or field name. */
  name: string;
  /** 永久基本农田 (rural fields only). */
  basicFarmland: boolean;
  /** Forest inside the hill 生态保护红线. */
  ecoForest: boolean;
}
