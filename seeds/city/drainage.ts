/**
 * Gravity drains: outfalls (rain into the 白河 floodplain, sewage to the treatment plant and
 * the lift station) and invert elevations that fall towards them by at least the minimum
 * slope of GB 50014-2021 §5.2.10 for the pipe's diameter.
 */
import type { PipeSystem } from '../../layers/pipelines.js';
import type { XY } from '../geo/frame.js';
import { PLACES } from './layout.js';
import type { RoadEdge } from './network.js';
import { round3 } from './pipe-geometry.js';
import type { Draft, PipeNode, PipeSegment } from './pipe-types.js';
import { riverOffset } from './terrain.js';

/** Minimum fall by diameter (GB 50014-2021 §5.2.10: DN300 3 permille; larger pipes less). */
function minSlope(diameterMm: number | null): number {
  const d = diameterMm ?? 300;
  return d >= 800 ? 0.0008 : d >= 500 ? 0.0012 : d >= 400 ? 0.0015 : 0.003;
}

/**
 * Rain outfalls: where a drain reaches the bank (a road end at the eco line, or 滨河西路) it
 * discharges through a short pipe into the floodplain. Sewage: the point nearest the plant.
 */
export function addOutfalls(
  system: PipeSystem,
  drafts: Map<string, Draft>,
  pairs: { a: string; b: string; edge: RoadEdge }[],
  runs: { edge: RoadEdge; keys: string[] }[],
): string[] {
  const all = [...drafts.values()];
  if (system === '污水') {
    // the treatment plant and the 白河新区 lift station (污水提升泵站) take the sewage
    return [PLACES.sewagePlant, PLACES.sewageLiftStation].flatMap((target) => {
      const best = all
        .filter((d) => d.junction)
        .sort(
          (p, q) =>
            Math.hypot(p.at[0] - target[0], p.at[1] - target[1]) - Math.hypot(q.at[0] - target[0], q.at[1] - target[1]),
        )[0];
      if (!best) return [];
      const len = Math.hypot(target[0] - best.at[0], target[1] - best.at[1]) || 1;
      const to: XY = [
        round3(best.at[0] + ((target[0] - best.at[0]) * 20) / len),
        round3(best.at[1] + ((target[1] - best.at[1]) * 20) / len),
      ];
      return [outfallFrom(best, to, drafts, pairs, runs)];
    });
  }
  // junctions within 45 m of the eco line, at most one per 250 m of bank
  const bank = all
    .filter((d) => d.junction && riverOffset(d.at) > -235)
    .sort((p, q) => p.at[1] - q.at[1] || p.at[0] - q.at[0]);
  const chosen: Draft[] = [];
  for (const d of bank) if (chosen.every((c) => Math.hypot(c.at[0] - d.at[0], c.at[1] - d.at[1]) > 250)) chosen.push(d);
  return chosen.map((d) => {
    // towards the river (the offset's gradient), to the middle of the floodplain
    const off = riverOffset(d.at);
    const gx = riverOffset([d.at[0] + 1, d.at[1]]) - off;
    const gy = riverOffset([d.at[0], d.at[1] + 1]) - off;
    const len = Math.hypot(gx, gy) || 1;
    const dist = Math.max(10, Math.min(80, -145 - off));
    const to: XY = [round3(d.at[0] + (gx / len) * dist), round3(d.at[1] + (gy / len) * dist)];
    return outfallFrom(d, to, drafts, pairs, runs);
  });
}

function outfallFrom(
  d: Draft,
  to: XY,
  drafts: Map<string, Draft>,
  pairs: { a: string; b: string; edge: RoadEdge }[],
  runs: { edge: RoadEdge; keys: string[] }[],
): string {
  const key = `${to[0].toFixed(3)},${to[1].toFixed(3)}`;
  drafts.set(key, { key, at: to, road: d.road, junction: true, degree: 1 });
  const edge = runs.find((r) => r.keys.includes(d.key))?.edge;
  if (edge) pairs.push({ a: d.key, b: key, edge });
  d.degree++;
  return key;
}

/** Inverts from the outfalls upstream (multi-source shortest paths), then each segment's fall. */
export function assignInverts(segments: PipeSegment[], outfalls: PipeNode[]): void {
  const adj = new Map<PipeNode, { other: PipeNode; len: number; slope: number }[]>();
  for (const s of segments) {
    const slope = minSlope(s.diameterMm);
    adj.set(s.from, [...(adj.get(s.from) ?? []), { other: s.to, len: s.lengthM, slope }]);
    adj.set(s.to, [...(adj.get(s.to) ?? []), { other: s.from, len: s.lengthM, slope }]);
  }
  const slopeTo = new Map<PipeNode, number>();
  const dist = new Map<PipeNode, number>();
  const parent = new Map<PipeNode, PipeNode | null>();
  const heap = new MinHeap<PipeNode>();
  for (const o of outfalls) {
    dist.set(o, 0);
    parent.set(o, null);
    heap.push(0, o);
  }
  const done = new Set<PipeNode>();
  const order: PipeNode[] = [];
  for (let item = heap.pop(); item; item = heap.pop()) {
    const [d, node] = item;
    if (done.has(node)) continue;
    done.add(node);
    order.push(node);
    for (const { other, len } of adj.get(node) ?? []) {
      const nd = d + len;
      if (!done.has(other) && nd < (dist.get(other) ?? Infinity)) {
        dist.set(other, nd);
        parent.set(other, node);
        heap.push(nd, other);
      }
    }
  }
  for (const [node, p] of parent) {
    if (p) slopeTo.set(node, (adj.get(node) ?? []).find((x) => x.other === p)?.slope ?? 0.003);
  }
  // Farthest upstream first: each node as shallow as its cover allows, and below every
  // upstream neighbour by the minimum fall (so depth grows towards the outfall where it must).
  const lowest = new Map<PipeNode, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as PipeNode;
    const p = parent.get(node) ?? null;
    const cover = p === null ? 1.0 : node.system === '污水' ? 2.0 : 1.5;
    const inv = Math.min(node.groundM - cover, lowest.get(node) ?? Infinity);
    node.invertM = Number(inv.toFixed(3));
    node.depthM = Number((node.groundM - node.invertM).toFixed(2));
    if (p) {
      const need =
        node.invertM - (slopeTo.get(node) ?? 0.003) * Math.hypot(node.at[0] - p.at[0], node.at[1] - p.at[1]) - 0.005;
      lowest.set(p, Math.min(lowest.get(p) ?? Infinity, need));
    }
  }
  for (const s of segments) {
    // flow from the higher invert to the lower one; a drop manhole takes up any extra
    const reversed = (s.from.invertM ?? 0) < (s.to.invertM ?? 0);
    if (reversed) {
      const f = s.from;
      s.from = s.to;
      s.to = f;
    }
    const loInv = s.to.invertM ?? 0;
    s.invStartM = Number(Math.max(s.from.invertM ?? 0, loInv + minSlope(s.diameterMm) * s.lengthM).toFixed(3));
    s.invEndM = Number(loInv.toFixed(3));
  }
}

/** A binary min-heap keyed by distance (ties keep insertion order stable enough: keys are distinct floats). */
class MinHeap<T> {
  private readonly items: [number, T][] = [];

  push(key: number, value: T): void {
    const a = this.items;
    a.push([key, value]);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if ((a[up] as [number, T])[0] <= key) break;
      [a[i], a[up]] = [a[up] as [number, T], a[i] as [number, T]];
      i = up;
    }
  }

  pop(): [number, T] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as [number, T])[0] < (a[m] as [number, T])[0]) m = l;
        if (r < a.length && (a[r] as [number, T])[0] < (a[m] as [number, T])[0]) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as [number, T], a[i] as [number, T]];
        i = m;
      }
    }
    return top;
  }
}
