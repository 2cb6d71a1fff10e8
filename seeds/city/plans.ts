/**
 * The three plans, derived from the same partition so they agree edge for edge:
 * - plan_master (国土空间总体规划 用地规划): every block's parcels merged into runs of one
 *   first-level class, road areas 1207, river 1701, floodplains 0506, farm lanes 0601.
 * - plan_regulatory (控制性详细规划): one feature per city-bank parcel.
 * - control_lines (三条控制线): the river and hill 生态保护红线, 永久基本农田 runs of fields,
 *   the 城镇开发边界 (the city bank, whose edge is the river eco line).
 */
import { landUseClass } from '../../layers/landuse.js';
import { CONTROL_LINES, firstLevelClass } from '../../layers/plan-rules.js';
import { clipConvex, rect, type Ring } from '../geo/polygon.js';
import type { Block } from './blocks.js';
import type { GridPartition, RoadArea } from './grid.js';
import type { Parcel } from './parcels.js';
import type { River } from './river.js';

interface MasterFeature {
  ring: Ring;
  dlbm: string;
  dlmc: string;
  /** Parcels the feature was merged from (empty for roads and the river). */
  parcels: string[];
}

interface RegFeature {
  ring: Ring;
  parcel: Parcel;
  yddm: string;
  ydmc: string;
}

type ControlKind = (typeof CONTROL_LINES)[keyof typeof CONTROL_LINES];

interface ControlFeature {
  ring: Ring;
  kzxlx: ControlKind;
  name: string;
  parcels: string[];
}

export interface Plans {
  master: MasterFeature[];
  reg: RegFeature[];
  controls: ControlFeature[];
  /** 1-based feature ids (the order features are written in). */
  masterFidOf: Map<string, number>;
  regFidOf: Map<string, number>;
  controlFidOf: Map<string, number>;
  udbFid: number;
  ecoRiverFid: number;
  floodplainNwFid: number;
}

function className(code: string): string {
  return landUseClass(code)?.nameZh ?? code;
}

/** Consecutive strips of a block grouped while `same` holds; the union is one clip. */
function runs(
  block: Block,
  parcels: readonly Parcel[],
  same: (a: Parcel, b: Parcel) => boolean,
  keep: (p: Parcel) => boolean,
): { ring: Ring; members: Parcel[] }[] {
  const strips = parcels.filter((p) => p.block === block).sort((a, b) => a.span[0] - b.span[0]);
  const out: { ring: Ring; members: Parcel[] }[] = [];
  let current: Parcel[] = [];
  const flush = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (!first || !last) return;
    const b = block.box;
    // the same cut lines the strips were cut with (parcels.cutStrips)
    const box =
      first.axis === 'x'
        ? rect(first.span[0], b.minY - 1, last.span[1], b.maxY + 1)
        : rect(b.minX - 1, first.span[0], b.maxX + 1, last.span[1]);
    const ring = current.length === 1 ? first.ring : clipConvex(block.ring, box);
    out.push({ ring, members: current });
    current = [];
  };
  for (const p of strips) {
    if (!keep(p)) {
      flush();
      continue;
    }
    const prev = current[current.length - 1];
    if (prev && !same(prev, p)) flush();
    current.push(p);
  }
  flush();
  return out;
}

function majority(members: readonly Parcel[], code: (p: Parcel) => string): string {
  const score = new Map<string, number>();
  for (const m of members) score.set(code(m), (score.get(code(m)) ?? 0) + m.areaM2);
  return (
    [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? code(members[0] as Parcel)
  );
}

export function buildPlans(
  river: River,
  grid: GridPartition,
  blocks: readonly Block[],
  parcels: readonly Parcel[],
  branchAreas: readonly RoadArea[],
  lanes: readonly Ring[],
): Plans {
  const master: MasterFeature[] = [];
  const masterFidOf = new Map<string, number>();
  const sameFirst = (a: Parcel, b: Parcel): boolean => firstLevelClass(a.master) === firstLevelClass(b.master);
  for (const block of blocks) {
    for (const run of runs(block, parcels, sameFirst, () => true)) {
      const dlbm = majority(run.members, (p) => p.master);
      master.push({ ring: run.ring, dlbm, dlmc: className(dlbm), parcels: run.members.map((m) => m.dkbm) });
      for (const m of run.members) masterFidOf.set(m.dkbm, master.length);
    }
  }
  const road = (ring: Ring): void => void master.push({ ring, dlbm: '1207', dlmc: className('1207'), parcels: [] });
  for (const r of grid.roads) road(r.ring);
  for (const r of branchAreas) road(r.ring);
  if (river.riversideRoad.corridor.length > 0) road(river.riversideRoad.corridor);
  for (const l of lanes) master.push({ ring: l, dlbm: '0601', dlmc: className('0601'), parcels: [] });
  master.push({ ring: river.water, dlbm: '1701', dlmc: className('1701'), parcels: [] });
  master.push({ ring: river.floodplainNw, dlbm: '0506', dlmc: className('0506'), parcels: [] });
  const floodplainNwFid = master.length;
  master.push({ ring: river.floodplainSe, dlbm: '0506', dlmc: className('0506'), parcels: [] });

  const reg: RegFeature[] = [];
  const regFidOf = new Map<string, number>();
  for (const p of parcels) {
    if (p.reg === null) continue;
    reg.push({ ring: p.ring, parcel: p, yddm: p.reg, ydmc: className(p.reg) });
    regFidOf.set(p.dkbm, reg.length);
  }

  const controls: ControlFeature[] = [];
  const controlFidOf = new Map<string, number>();
  controls.push({
    ring: river.cityBank,
    kzxlx: CONTROL_LINES.urbanBoundary,
    name: '中心城区城镇开发边界',
    parcels: [],
  });
  const udbFid = controls.length;
  controls.push({ ring: river.eco, kzxlx: CONTROL_LINES.ecoRedLine, name: '白河生态保护红线', parcels: [] });
  const ecoRiverFid = controls.length;
  let bf = 0;
  for (const block of blocks) {
    for (const run of runs(
      block,
      parcels,
      () => true,
      (p) => p.ecoForest,
    )) {
      controls.push({
        ring: run.ring,
        kzxlx: CONTROL_LINES.ecoRedLine,
        name: '独山生态保护红线',
        parcels: run.members.map((m) => m.dkbm),
      });
      for (const m of run.members) controlFidOf.set(m.dkbm, controls.length);
    }
    for (const run of runs(
      block,
      parcels,
      () => true,
      (p) => p.basicFarmland,
    )) {
      bf++;
      controls.push({
        ring: run.ring,
        kzxlx: CONTROL_LINES.basicFarmland,
        name: `永久基本农田保护图斑${String(bf).padStart(3, '0')}`,
        parcels: run.members.map((m) => m.dkbm),
      });
      for (const m of run.members) controlFidOf.set(m.dkbm, controls.length);
    }
  }
  return { master, reg, controls, masterFidOf, regFidOf, controlFidOf, udbFid, ecoRiverFid, floodplainNwFid };
}
