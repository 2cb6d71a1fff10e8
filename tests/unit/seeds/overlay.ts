/**
 * An exact multi-plan overlay for checking the demo city's ground truth, independent of the
 * generator: GEOS (geos-wasm) intersections and differences of the plan features in metres,
 * every DEFAULT_RULES rule over every pair of plan layers, slivers under 1 m^2 ignored.
 * Conflict keys follow the ground truth's convention (layer_a matches the rule's classA; a
 * rule whose two patterns are the same is listed once, in plan_master, plan_regulatory,
 * control_lines order; `outside` rules have no fid_b).
 */
import initGeosJs from 'geos-wasm';
import { geojsonToGeosGeom } from 'geos-wasm/helpers';
import Flatbush from 'flatbush';
import { classMatches, DEFAULT_RULES, firstLevelClass, type ConflictRule } from '../../../layers/plan-rules.js';

export type PlanLayer = 'plan_master' | 'plan_regulatory' | 'control_lines';
export const PLAN_LAYERS: readonly PlanLayer[] = ['plan_master', 'plan_regulatory', 'control_lines'];

export interface PlanFeatureIn {
  layer: PlanLayer;
  fid: number;
  cls: string;
  /** Outer ring in metres (closed or open). */
  ring: [number, number][];
}

export interface FoundConflict {
  key: string;
  ruleId: string;
  areaM2: number;
}

export const SLIVER_M2 = 1;

type Geos = Awaited<ReturnType<typeof initGeosJs>>;

export function conflictKey(ruleId: string, layerA: string, fidA: number, layerB: string, fidB: number | null): string {
  return `${ruleId}|${layerA}:${String(fidA)}|${layerB}:${fidB === null ? '-' : String(fidB)}`;
}

function closed(ring: [number, number][]): [number, number][] {
  const f = ring[0];
  const l = ring[ring.length - 1];
  return f && l && (f[0] !== l[0] || f[1] !== l[1]) ? [...ring, f] : ring;
}

export async function overlayConflicts(
  features: readonly PlanFeatureIn[],
  rules: readonly ConflictRule[] = DEFAULT_RULES,
): Promise<FoundConflict[]> {
  const geos: Geos = await initGeosJs();
  const areaPtr = geos.Module._malloc(8);
  const areaOf = (g: number): number => {
    geos.GEOSArea(g, areaPtr);
    return geos.Module.getValue(areaPtr, 'double');
  };
  const geoms = features.map((f) => geojsonToGeosGeom({ type: 'Polygon', coordinates: [closed(f.ring)] }, geos));
  const index = new Flatbush(features.length);
  for (const f of features) {
    const xs = f.ring.map((p) => p[0]);
    const ys = f.ring.map((p) => p[1]);
    index.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  index.finish();
  const found: FoundConflict[] = [];
  const order = (l: PlanLayer): number => PLAN_LAYERS.indexOf(l);
  try {
    for (const rule of rules) {
      const symmetric = rule.classA === rule.classB;
      features.forEach((fa, ia) => {
        if (!classMatches(rule.classA, fa.cls)) return;
        if (rule.kind === 'outside') {
          // the part of fa not covered by classB features of another layer
          let rest = geos.GEOSGeom_clone(geoms[ia] as number);
          for (const ib of index.search(...bboxOf(fa))) {
            const fb = features[ib] as PlanFeatureIn;
            if (fb.layer === fa.layer || !classMatches(rule.classB, fb.cls)) continue;
            const next = geos.GEOSDifference(rest, geoms[ib] as number);
            geos.GEOSGeom_destroy(rest);
            rest = next;
          }
          const a = areaOf(rest);
          geos.GEOSGeom_destroy(rest);
          if (a > SLIVER_M2)
            found.push({
              key: conflictKey(rule.id, fa.layer, fa.fid, 'control_lines', null),
              ruleId: rule.id,
              areaM2: a,
            });
          return;
        }
        for (const ib of index.search(...bboxOf(fa))) {
          const fb = features[ib] as PlanFeatureIn;
          if (ib === ia || !classMatches(rule.classB, fb.cls)) continue;
          // land-use rules compare two plans; control-line rules compare lines with each other too
          if (fb.layer === fa.layer && fa.layer !== 'control_lines') continue;
          if (symmetric && (order(fa.layer) > order(fb.layer) || (fa.layer === fb.layer && fa.fid > fb.fid))) continue;
          if (rule.kind === 'mismatch' && firstLevelClass(fa.cls) === firstLevelClass(fb.cls)) continue;
          const g = geos.GEOSIntersection(geoms[ia] as number, geoms[ib] as number);
          const a = areaOf(g);
          geos.GEOSGeom_destroy(g);
          if (a > SLIVER_M2)
            found.push({ key: conflictKey(rule.id, fa.layer, fa.fid, fb.layer, fb.fid), ruleId: rule.id, areaM2: a });
        }
      });
    }
  } finally {
    for (const g of geoms) geos.GEOSGeom_destroy(g);
    geos.Module._free(areaPtr);
  }
  return found;
}

function bboxOf(f: PlanFeatureIn): [number, number, number, number] {
  const xs = f.ring.map((p) => p[0]);
  const ys = f.ring.map((p) => p[1]);
  return [Math.min(...xs) - 0.01, Math.min(...ys) - 0.01, Math.max(...xs) + 0.01, Math.max(...ys) + 0.01];
}
