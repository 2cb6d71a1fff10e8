/** Parameters and summary of a multi-plan review run. Environment: common. */
import type { ConflictRule } from '../../../layers/plan-rules.js';
import type { SliverRule } from '../clip/clip-block.js';
import type { MultiplanStats } from './stats.js';

export interface MultiplanParams {
  /** Two or more polygon layers of the workspace, by table name. */
  layers: string[];
  /** Class field per layer; others take the first of CLASS_FIELD_CANDIDATES they have. */
  classFields?: Record<string, string> | undefined;
  /** Rules for this run; the workspace's table (cim_conflict_rules) when absent. */
  rules?: ConflictRule[] | undefined;
  /** Where the rules came from, for the record (a CSV file name). */
  rulesSource?: string | undefined;
  /** Write every overlapping part, conflict or not (rule fields empty where none applies). */
  allPairs?: boolean | undefined;
  /** Result layer name; `conflicts_<n>` by default. */
  name?: string | undefined;
  districtLayer?: string | undefined;
  districtField?: string | undefined;
  minAreaM2?: number | undefined;
  minWidthM?: number | undefined;
  workers?: number | undefined;
}

/** Defaults of the sliver rule: below 1 m², or thinner than 0.1 m (twice the 5 cm that 0.1 mm of drawing is at 1:500). */
export const DEFAULT_SLIVER: SliverRule = { minAreaM2: 1, minWidthM: 0.1 };

export interface FeatureProblem {
  layer: string;
  fid: number;
  /** Message key (errors namespace), e.g. `multiplan.geometry_repaired`. */
  code: string;
  detail: string;
}

export interface MultiplanSummary extends MultiplanStats {
  resultLayer: string;
  /** Rows written (with `allPairs`, every overlap; else only conflicts). */
  count: number;
  allPairs: boolean;
  layers: { name: string; classField: string; features: number; withoutGeometry: number }[];
  rules: { source: string; count: number };
  /** EPSG code of the Gauss-Krüger zone areas are measured in (0: a zone outside the EPSG range). */
  gkZoneEpsg: number;
  gkDefinition: string;
  sliver: SliverRule & { dropped: number; droppedAreaM2: number };
  districtSource: string | null;
  pairsTested: number;
  /** Input features that were repaired or could not be used (the first 100; `problemCount` has them all). */
  problems: FeatureProblem[];
  problemCount: number;
  workers: number;
  durationMs: number;
}
