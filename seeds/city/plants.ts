/**
 * Planted plan conflicts and their ground truth. Phase 1 changes parcel classes before the
 * buildings are generated (an industrial parcel outside the 城镇开发边界, a village planned onto
 * 永久基本农田, 控规 classes that differ from the 总规, a pond); phase 2 bends plan geometry
 * by known polygons (a 控规 parcel into the river 生态保护红线, the 城镇开发边界 and a farmland
 * patch into it). Every conflict row names its rule (layers/plan-rules DEFAULT_RULES), the two
 * features (layer_a matches the rule's classA) and the overlap polygon, whose area is the
 * exact area of that part in GK zone 38 metres.
 */
import type { RuleKind } from '../../layers/plan-rules.js';
import { DEFAULT_RULES } from '../../layers/plan-rules.js';
import type { XY } from '../geo/frame.js';
import { area, ccw, distanceToSegment, lerp, type Ring } from '../geo/polygon.js';
import { RIVER } from './layout.js';
import type { Parcel } from './parcels.js';
import type { Plans } from './plans.js';
import type { River } from './river.js';

import type { ParcelPlant } from './plant-parcels.js';

export { plantParcelConflicts, type ParcelPlant } from './plant-parcels.js';

type PlanLayer = 'plan_master' | 'plan_regulatory' | 'control_lines';

export interface ConflictTruth {
  ruleId: string;
  kind: RuleKind;
  layerA: PlanLayer;
  fidA: number;
  layerB: PlanLayer;
  /** null for `outside` rules: no single feature of layer B. */
  fidB: number | null;
  ring: Ring;
  areaM2: number;
  note: string;
}

function ruleKind(id: string): RuleKind {
  const r = DEFAULT_RULES.find((x) => x.id === id);
  if (!r) throw new RangeError(`unknown rule ${id}`);
  return r.kind;
}

/** Ring edges lying on a polyline (both ends within 1 mm of one of its segments). */
function edgesOn(ring: Ring, line: readonly XY[]): { i: number; a: XY; b: XY; len: number }[] {
  const on = (p: XY): boolean => line.slice(1).some((q, k) => distanceToSegment(p, line[k] as XY, q) < 1e-3);
  const out: { i: number; a: XY; b: XY; len: number }[] = [];
  ring.forEach((a, i) => {
    const b = ring[(i + 1) % ring.length] as XY;
    if (on(a) && on(b) && on(lerp(a, b, 0.5))) out.push({ i, a, b, len: Math.hypot(b[0] - a[0], b[1] - a[1]) });
  });
  return out;
}

/**
 * Pushes a rectangular bump out of a counter-clockwise ring across edge i (a -> b): returns
 * the new ring and the bump polygon.
 */
function bump(ring: Ring, i: number, centre: number, lengthM: number, depthM: number): { ring: Ring; piece: Ring } {
  const a = ring[i] as XY;
  const b = ring[(i + 1) % ring.length] as XY;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const t0 = centre - lengthM / 2 / len;
  const t1 = centre + lengthM / 2 / len;
  const p0 = lerp(a, b, t0);
  const p1 = lerp(a, b, t1);
  // outward of a counter-clockwise ring: right of the edge direction
  const n: XY = [(b[1] - a[1]) / len, -(b[0] - a[0]) / len];
  const q0: XY = [p0[0] + n[0] * depthM, p0[1] + n[1] * depthM];
  const q1: XY = [p1[0] + n[0] * depthM, p1[1] + n[1] * depthM];
  const out = [...ring.slice(0, i + 1), p0, q0, q1, p1, ...ring.slice(i + 1)];
  return { ring: out, piece: [p0, p1, q1, q0] };
}

function truth(
  ruleId: string,
  layerA: PlanLayer,
  fidA: number,
  layerB: PlanLayer,
  fidB: number | null,
  ring: Ring,
  note: string,
): ConflictTruth {
  return { ruleId, kind: ruleKind(ruleId), layerA, fidA, layerB, fidB, ring: ccw(ring), areaM2: area(ring), note };
}

/** Phase 2: geometry bumps on the built plans, then the complete ground truth. */
export function plantConflicts(
  plans: Plans,
  parcels: readonly Parcel[],
  plants: readonly ParcelPlant[],
  river: River,
): ConflictTruth[] {
  const rows: ConflictTruth[] = [];
  const byCode = new Map(parcels.map((p) => [p.dkbm, p]));
  const mFid = (dkbm: string): number => plans.masterFidOf.get(dkbm) ?? 0;
  const rFid = (dkbm: string): number => plans.regFidOf.get(dkbm) ?? 0;
  const cFid = (dkbm: string): number => plans.controlFidOf.get(dkbm) ?? 0;
  const ecoNw = river.edge(-RIVER.ecoHalfWidthM);
  const ecoSe = river.edge(RIVER.ecoHalfWidthM);

  // A: a 控规 residential parcel drawn 25 m into the river floodplain (生态保护红线, outside the 城镇开发边界).
  const candidatesA = plans.reg
    .map((f, k) => ({ f, k, edges: edgesOn(f.ring, ecoNw).filter((e) => e.len >= 30 && (e.a[1] + e.b[1]) / 2 < -440) }))
    .filter((c) => c.f.yddm.startsWith('07') && c.edges.length > 0)
    .sort(
      (x, y) =>
        Number(x.f.yddm !== '0701') - Number(y.f.yddm !== '0701') || (y.edges[0]?.len ?? 0) - (x.edges[0]?.len ?? 0),
    );
  const inDistrict = (piece: Ring): boolean =>
    piece.every(([x, y]) => Math.abs(x) < river.halfSizeM - 1 && Math.abs(y) < river.halfSizeM - 1);
  const a = candidatesA.find((c) =>
    inDistrict(
      bump(c.f.ring, (c.edges[0] as { i: number }).i, 0.5, Math.min(60, (c.edges[0] as { len: number }).len * 0.6), 25)
        .piece,
    ),
  );
  if (a) {
    const e = a.edges[0] as { i: number; len: number };
    const { ring, piece } = bump(a.f.ring, e.i, 0.5, Math.min(60, e.len * 0.6), 25);
    const urban = a.f.yddm !== '0703' && a.f.yddm !== '0704';
    a.f.ring = ring;
    const fid = a.k + 1;
    rows.push(
      truth(
        'R01',
        'plan_regulatory',
        fid,
        'control_lines',
        plans.ecoRiverFid,
        piece,
        '控规居住用地伸入白河生态保护红线',
      ),
    );
    rows.push(
      truth(
        'R04',
        'plan_regulatory',
        fid,
        'plan_master',
        plans.floodplainNwFid,
        piece,
        '控规建设用地与总规内陆滩涂重叠',
      ),
    );
    if (urban)
      rows.push(
        truth('R03', 'plan_regulatory', fid, 'control_lines', null, piece, '控规城镇住宅用地位于城镇开发边界外'),
      );
  }

  // G: the 城镇开发边界 drawn 18 m into the floodplain north of 中州路.
  const udb = plans.controls[plans.udbFid - 1];
  if (udb) {
    const edges = edgesOn(udb.ring, ecoNw).filter((e) => e.len >= 140 && Math.min(e.a[1], e.b[1]) > -300);
    const e = edges.sort((x, y) => y.len - x.len).find((x) => inDistrict(bump(udb.ring, x.i, 0.5, 50, 18).piece));
    if (e) {
      const { ring, piece } = bump(udb.ring, e.i, 0.5, 50, 18);
      udb.ring = ring;
      rows.push(
        truth(
          'R07',
          'control_lines',
          plans.udbFid,
          'control_lines',
          plans.ecoRiverFid,
          piece,
          '城镇开发边界伸入白河生态保护红线',
        ),
      );
    }
  }

  // E: a 永久基本农田 patch drawn 15 m into the floodplain on the rural bank.
  const farm = plans.controls
    .map((f, k) => ({
      f,
      k,
      edges: f.kzxlx === '永久基本农田' ? edgesOn(f.ring, ecoSe).filter((e) => e.len >= 60) : [],
    }))
    .find((c) => c.edges.length > 0 && inDistrict(bump(c.f.ring, (c.edges[0] as { i: number }).i, 0.5, 40, 15).piece));
  if (farm) {
    const e = farm.edges[0] as { i: number; len: number };
    const { ring, piece } = bump(farm.f.ring, e.i, 0.5, 40, 15);
    farm.f.ring = ring;
    rows.push(
      truth(
        'R05',
        'control_lines',
        farm.k + 1,
        'control_lines',
        plans.ecoRiverFid,
        piece,
        '永久基本农田与白河生态保护红线重叠',
      ),
    );
  }

  for (const plant of plants) {
    const p = byCode.get(plant.dkbm);
    if (!p) continue;
    switch (plant.kind) {
      case 'industrialOutsideUdb': {
        const m = plans.master[mFid(p.dkbm) - 1];
        if (m)
          rows.push(
            truth('R03', 'plan_master', mFid(p.dkbm), 'control_lines', null, m.ring, '总规工业用地位于城镇开发边界外'),
          );
        break;
      }
      case 'villageOnFarmland':
        rows.push(
          truth(
            'R02',
            'plan_master',
            mFid(p.dkbm),
            'control_lines',
            cFid(p.dkbm),
            p.ring,
            '总规村庄建设用地占用永久基本农田',
          ),
        );
        break;
      case 'regCommercialOverResidential':
      case 'regResidentialOverShops':
      case 'regResidentialOverIndustrial':
        rows.push(
          truth(
            'R08',
            'plan_master',
            mFid(p.dkbm),
            'plan_regulatory',
            rFid(p.dkbm),
            p.ring,
            `总规${p.master}与控规${p.reg ?? ''}一级类不一致`,
          ),
        );
        break;
      case 'pondInPlan':
        rows.push(
          truth(
            'R04',
            'plan_master',
            mFid(p.dkbm),
            'plan_regulatory',
            rFid(p.dkbm),
            p.ring,
            '总规建设用地、控规坑塘水面',
          ),
        );
        break;
      case 'templeInEcoLine':
        rows.push(
          truth(
            'R01',
            'plan_master',
            mFid(p.dkbm),
            'control_lines',
            cFid(p.dkbm),
            p.ring,
            '总规宗教用地位于独山生态保护红线内',
          ),
        );
        break;
    }
  }

  // The urban-fringe block: remnant 永久基本农田 inside the 城镇开发边界, planned for storage in the 控规.
  for (const p of parcels) {
    if (p.block.kind !== 'fringe' || p.reg === null || p.master !== '0103') continue;
    if (p.basicFarmland) {
      rows.push(
        truth(
          'R06',
          'control_lines',
          plans.udbFid,
          'control_lines',
          cFid(p.dkbm),
          p.ring,
          '城镇开发边界内划有永久基本农田',
        ),
      );
      rows.push(
        truth(
          'R02',
          'plan_regulatory',
          rFid(p.dkbm),
          'control_lines',
          cFid(p.dkbm),
          p.ring,
          '控规仓储用地占用永久基本农田',
        ),
      );
    }
    rows.push(
      truth('R04', 'plan_regulatory', rFid(p.dkbm), 'plan_master', mFid(p.dkbm), p.ring, '控规建设用地、总规耕地'),
    );
  }
  return rows;
}
