/** Parameters and summary of a multi-plan review run. Environment: common. */
import type { MultiplanStart, MultiplanSummary } from '../../../common/contract/index.js';
import type { SliverRule } from '../clip/clip-block.js';

/** The review's parameters, as the contract declares them (common/contract/multiplan.ts). */
export type MultiplanParams = MultiplanStart;

/** Defaults of the sliver rule: below 1 m², or thinner than 0.1 m (twice the 5 cm that 0.1 mm of drawing is at 1:500). */
export const DEFAULT_SLIVER: SliverRule = { minAreaM2: 1, minWidthM: 0.1 };

export interface FeatureProblem {
  layer: string;
  fid: number;
  /** Message key (errors namespace), e.g. `multiplan.geometry_repaired`. */
  code: string;
  detail: string;
}

/** What a review found: the contract's schema (common/contract/multiplan.ts) is its one declaration. */
export type { MultiplanSummary };
