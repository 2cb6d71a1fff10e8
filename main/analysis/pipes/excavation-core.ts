/**
 * Excavation impact (开挖影响分析): the pipes a dig polygon meets, each with the shallowest
 * cover inside the polygon (sampled where the pipe enters and leaves it and at its vertices
 * inside, interpolated along the pipe) and a risk level for a dig to `digDepthM` below ground:
 * - `high`: the dig reaches the pipe top and the pipe carries gas, power or heat (a strike can
 *   explode, electrocute or scald);
 * - `medium`: the dig reaches another pipe, or comes within the 0.5 m margin of a gas, power or
 *   heat pipe;
 * - `low`: the pipe lies under the dig deeper than that.
 * The margin is this workstation's rule, stated here (hand-digging zones of utility practice),
 * not a number from a standard. Environment: common.
 */
import { pointInPolygon } from '../../../layers/geom.js';
import { segmentElevation } from '../../pipes/elevation.js';
import { chainage, crossing } from '../../pipes/geometry.js';
import type { XY } from '../../pipes/model.js';
import type { PipeNetwork } from '../../pipes/network.js';

export const EXCAVATION_MARGIN_M = 0.5;
const HAZARDOUS = new Set(['燃气', '电力', '热力']);

type RiskLevel = 'high' | 'medium' | 'low';

export interface ExcavationHit {
  pipeId: string;
  system: string;
  /** Shallowest cover to the pipe top inside the polygon, metres. */
  minCoverM: number;
  /** Length of the pipe inside the polygon, metres. */
  insideM: number;
  risk: RiskLevel;
  depthDefaulted: boolean;
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

function riskOf(system: string, coverM: number, digDepthM: number): RiskLevel {
  const hazardous = HAZARDOUS.has(system);
  if (digDepthM >= coverM) return hazardous ? 'high' : 'medium';
  if (hazardous && digDepthM >= coverM - EXCAVATION_MARGIN_M) return 'medium';
  return 'low';
}

export function excavationImpact(
  net: PipeNetwork,
  polygon: readonly (readonly XY[])[],
  digDepthM: number,
): ExcavationHit[] {
  const hits: ExcavationHit[] = [];
  const edges: [XY, XY][] = [];
  for (const ring of polygon) for (let k = 1; k < ring.length; k++) edges.push([ring[k - 1] as XY, ring[k] as XY]);
  net.segments.forEach((s, i) => {
    const ch = chainage(s.xy);
    const total = net.lengthM[i] ?? 0;
    const e = segmentElevation(net, i);
    const coverAt = (along: number): number => {
      const f = total > 0 ? along / total : 0;
      const ground = e.groundStartM + (e.groundEndM - e.groundStartM) * f;
      return ground - (e.topStartM + (e.topEndM - e.topStartM) * f);
    };
    let minCover = Infinity;
    let inside = 0;
    for (let p = 1; p < s.xy.length; p++) {
      const a = s.xy[p - 1] as XY;
      const b = s.xy[p] as XY;
      const base = ch[p - 1] ?? 0;
      const len = (ch[p] ?? 0) - base;
      const ts = [0, 1];
      for (const [c, d] of edges) {
        const x = crossing(a, b, c, d);
        if (x) ts.push(x.t);
      }
      ts.sort((x, y) => x - y);
      for (let k = 1; k < ts.length; k++) {
        const t0 = ts[k - 1] ?? 0;
        const t1 = ts[k] ?? 0;
        const tm = (t0 + t1) / 2;
        if (!pointInPolygon(a[0] + tm * (b[0] - a[0]), a[1] + tm * (b[1] - a[1]), polygon)) continue;
        inside += (t1 - t0) * len;
        minCover = Math.min(minCover, coverAt(base + t0 * len), coverAt(base + t1 * len));
      }
    }
    if (inside <= 0 || !Number.isFinite(minCover)) return;
    hits.push({
      pipeId: s.pipeId,
      system: s.system,
      minCoverM: r3(minCover),
      insideM: r3(inside),
      risk: riskOf(s.system, minCover, digDepthM),
      depthDefaulted: e.defaulted,
    });
  });
  const order: Record<RiskLevel, number> = { high: 0, medium: 1, low: 2 };
  return hits.sort(
    (x, y) => order[x.risk] - order[y.risk] || x.minCoverM - y.minCoverM || x.pipeId.localeCompare(y.pipeId),
  );
}
