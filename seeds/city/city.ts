/**
 * The whole demo city from a seed and a scale: a pure function (no I/O, no clock).
 */
import { area, type Ring } from '../geo/polygon.js';
import { createRng } from '../rng.js';
import { subdivide, type Block } from './blocks.js';
import type { Box } from '../geo/polygon.js';
import { buildEpochs, type Epochs } from './epochs.js';
import { buildGreen, type GreenSpace } from './green.js';
import { buildGrid, type GridPartition, type RoadArea } from './grid.js';
import { limitsFor, violations, type Actuals, type IndicatorKey, type Indicators } from './indicators.js';
import { BRANCH_ROAD_NAMES, SCALES, type ScaleSpec, type SeedScale } from './layout.js';
import { buildNetwork, type RoadNetwork } from './network.js';
import { buildParcels, type Parcel } from './parcels.js';
import { plantConflicts, plantParcelConflicts, type ConflictTruth } from './plants.js';
import { buildPlans, type Plans } from './plans.js';
import { buildRiver, type River } from './river.js';
import { createTerrain, type HeightFn } from './terrain.js';
import { distanceToRing } from '../geo/polygon.js';
import { buildCases, type CaseRecord } from './cases.js';
import { buildPipes, type PipeNetworks } from './pipes.js';

interface ParcelViolation {
  dkbm: string;
  regFid: number;
  indicator: IndicatorKey;
  limit: number;
  actual: number;
}

export interface City {
  seed: number;
  spec: ScaleSpec;
  river: River;
  grid: GridPartition;
  blocks: Block[];
  branchAreas: RoadArea[];
  lanes: Ring[];
  network: RoadNetwork;
  parcels: Parcel[];
  epochs: Epochs;
  green: GreenSpace[];
  plans: Plans;
  /** plan_regulatory limits by parcel code. */
  limits: Map<string, Indicators>;
  actuals: Map<string, Actuals>;
  conflicts: ConflictTruth[];
  parcelViolations: ParcelViolation[];
  height: HeightFn;
  tracks: Map<string, Box | null>;
  pipes: PipeNetworks;
  cases: CaseRecord[];
}

/** What the buildings of 2024 and the green spaces give each regulatory parcel. */
function parcelActuals(
  ring: Ring,
  buildings: readonly { ring: Ring; floors: number; heightM: number }[],
  greenM2: number,
): Actuals {
  const a = area(ring);
  let gfa = 0;
  let fp = 0;
  let h = 0;
  let setback = Infinity;
  for (const b of buildings) {
    const f = area(b.ring);
    fp += f;
    gfa += f * b.floors;
    h = Math.max(h, b.heightM);
    for (const p of b.ring) setback = Math.min(setback, distanceToRing(p, ring));
  }
  return {
    far: gfa / a,
    densityPct: (100 * fp) / a,
    greenPct: (100 * greenM2) / a,
    heightM: h,
    setbackM: Number.isFinite(setback) ? setback : 0,
  };
}

export function generateCity(seed: number, scale: SeedScale): City {
  const spec = SCALES[scale];
  const half = spec.halfSizeM;
  const rng = createRng(seed);
  const height = createTerrain(seed);
  const river = buildRiver(half);
  const grid = buildGrid(river, half);
  const sub = subdivide(grid.cells, rng.fork('blocks'), BRANCH_ROAD_NAMES);
  const network = buildNetwork(river, half, sub.branchLines);
  const parcels = buildParcels(sub.blocks, rng.fork('parcels'), height);
  const parcelPlants = plantParcelConflicts(parcels, rng.fork('plants'), scale);
  const epochs = buildEpochs(parcels, river, rng.fork('epochs'), scale);
  const tracks = new Map([...epochs.layouts.entries()].map(([k, l]) => [k, l.track]));
  const greenTargets = new Map([...epochs.targets.entries()].map(([k, t]) => [k, t.greenMinPct]));
  const green = buildGreen(parcels, epochs.buildings, tracks, greenTargets, rng.fork('green'));
  const plans = buildPlans(river, grid, sub.blocks, parcels, sub.branchAreas, sub.lanes);
  const conflicts = plantConflicts(plans, parcels, parcelPlants, river);
  const { limits, actuals, parcelViolations } = regulatoryLimits(plans, epochs, green, rng.fork('violations'), scale);
  const pipes = buildPipes(network, height, rng.fork('pipes'));
  const cases = buildCases(
    { edges: network.edges, parcels, pipeNodes: pipes.nodes, floodplain: river.floodplainNw, count: spec.casesCount },
    rng.fork('cases'),
  );
  return {
    pipes,
    cases,
    seed,
    spec,
    river,
    grid,
    blocks: sub.blocks,
    branchAreas: sub.branchAreas,
    lanes: sub.lanes,
    network,
    parcels,
    epochs,
    green,
    plans,
    limits,
    actuals,
    conflicts,
    parcelViolations,
    height,
    tracks,
  };
}

/**
 * Limits above what was built for every regulatory parcel, then a handful of planted
 * violations (a limit set below what stands), listed in gt_parcel_violations.
 */
function regulatoryLimits(
  plans: Plans,
  epochs: Epochs,
  green: readonly GreenSpace[],
  rng: ReturnType<typeof createRng>,
  scale: SeedScale,
) {
  const byParcel = new Map<string, { ring: Ring; floors: number; heightM: number }[]>();
  for (const b of epochs.buildings) {
    if (!b.dkbm || !b.s2024) continue;
    const list = byParcel.get(b.dkbm) ?? [];
    list.push(b.s2024);
    byParcel.set(b.dkbm, list);
  }
  const greenBy = new Map<string, number>();
  for (const g of green) greenBy.set(g.dkbm, (greenBy.get(g.dkbm) ?? 0) + area(g.ring));
  const limits = new Map<string, Indicators>();
  const actuals = new Map<string, Actuals>();
  const parcelViolations: ParcelViolation[] = [];
  const candidates: { dkbm: string; fid: number; a: Actuals }[] = [];
  plans.reg.forEach((f, k) => {
    const dkbm = f.parcel.dkbm;
    const target = epochs.targets.get(dkbm);
    const a = parcelActuals(f.ring, byParcel.get(dkbm) ?? [], greenBy.get(dkbm) ?? 0);
    actuals.set(dkbm, a);
    if (!target || f.parcel.reg === null) return;
    if (['1704', '0103'].includes(f.yddm)) return;
    limits.set(dkbm, limitsFor(target, a));
    if (
      (byParcel.get(dkbm)?.length ?? 0) >= 3 &&
      ['residential', 'mall', 'office', 'oldTown'].includes(f.parcel.typology)
    ) {
      candidates.push({ dkbm, fid: k + 1, a });
    }
  });
  const n = scale === 'full' ? 6 : 4;
  const order = candidates
    .map((c) => ({ c, k: rng.next() }))
    .sort((x, y) => x.k - y.k)
    .slice(0, n);
  const kinds: IndicatorKey[] = ['rjl', 'xg', 'jzmd', 'ldl', 'rjl', 'xg'];
  order.forEach(({ c }, i) => {
    const lim = limits.get(c.dkbm);
    if (!lim) return;
    const kind = kinds[i % kinds.length] as IndicatorKey;
    if (kind === 'rjl') lim.farMax = Number((Math.floor(c.a.far * 0.85 * 10) / 10).toFixed(1));
    if (kind === 'xg') lim.heightMaxM = Math.max(9, Math.floor((c.a.heightM - 6) / 3) * 3);
    if (kind === 'jzmd') lim.densityMaxPct = Math.max(5, Math.floor(c.a.densityPct - 4));
    if (kind === 'ldl') lim.greenMinPct = Math.ceil(c.a.greenPct + 4);
  });
  plans.reg.forEach((f, k) => {
    const lim = limits.get(f.parcel.dkbm);
    const a = actuals.get(f.parcel.dkbm);
    if (!lim || !a) return;
    for (const v of violations(lim, a)) parcelViolations.push({ dkbm: f.parcel.dkbm, regFid: k + 1, ...v });
  });
  return { limits, actuals, parcelViolations };
}
