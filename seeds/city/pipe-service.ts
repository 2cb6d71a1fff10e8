/**
 * What the isolation and trace analyses need beyond the survey points (issue #14): water and
 * gas sources, valve states with some valves normally closed (常闭阀, the boundaries between
 * supply zones), service connections (接户点) with households, and cover depths at both ends of
 * every segment. Draws come from a stream forked per system, so the rest of the city is the
 * same with or without them.
 */
import type { PipeSystem } from '../../layers/pipelines.js';
import type { Rng } from '../rng.js';
import type { PipeNode, PipeSegment } from './pipe-types.js';

/** 水厂 at the west and east ends of the water network; one 调压站 (gas regulator) at the south. */
function markSources(system: PipeSystem, nodes: PipeNode[]): void {
  if (system !== '给水' && system !== '燃气') return;
  const junctions = nodes.filter((n) => ['三通', '四通', '弯头', '堵头', '变径'].includes(n.kind));
  if (junctions.length === 0) return;
  const by = (f: (n: PipeNode) => number): PipeNode =>
    junctions.reduce((best, n) => (f(n) < f(best) ? n : best), junctions[0] as PipeNode);
  if (system === '给水') {
    by((n) => n.at[0]).kind = '水源';
    by((n) => -n.at[0]).kind = '水源';
  } else by((n) => n.at[1]).kind = '调压站';
}

/**
 * Line valves beside junctions (GB 50013-2018 §7.5.1: valves on the branches of a distribution
 * network so a section can be shut): each water or gas segment leaving a tee or cross gets a
 * valve 5 m from the junction with probability 0.6, splitting the segment in two.
 */
function addJunctionValves(code: string, nodes: PipeNode[], segments: PipeSegment[], rng: Rng): void {
  let n = 0;
  for (const s of [...segments]) {
    if (s.lengthM < 20) continue;
    for (const atStart of [true, false]) {
      const j = atStart ? s.from : s.to;
      if ((j.kind !== '三通' && j.kind !== '四通') || !rng.chance(0.6)) continue;
      const other = atStart ? s.to : s.from;
      const t = 5 / s.lengthM;
      const at: [number, number] = [
        Math.round((j.at[0] + (other.at[0] - j.at[0]) * t) * 1000) / 1000,
        Math.round((j.at[1] + (other.at[1] - j.at[1]) * t) * 1000) / 1000,
      ];
      n++;
      const valve: PipeNode = {
        ...j,
        nodeId: `${code}V${String(n).padStart(4, '0')}`,
        kind: '阀门',
        at,
        groundM: Number((j.groundM + (other.groundM - j.groundM) * t).toFixed(2)),
      };
      nodes.push(valve);
      const stub: PipeSegment = { ...s, pipeId: `${s.pipeId}${atStart ? 'a' : 'b'}`, lengthM: 5 };
      if (atStart) {
        stub.to = valve;
        s.from = valve;
      } else {
        stub.from = valve;
        s.to = valve;
      }
      s.lengthM -= 5;
      segments.push(stub);
    }
  }
}

export function addServiceData(
  system: PipeSystem,
  code: string,
  nodes: PipeNode[],
  segments: PipeSegment[],
  rng: Rng,
): void {
  markSources(system, nodes);
  if (system === '给水' || system === '燃气') addJunctionValves(code, nodes, segments, rng);
  for (const n of nodes) {
    n.status = null;
    n.households = null;
    if (n.kind === '阀门') n.status = rng.chance(0.08) ? '关' : '开';
    // a third of the water hydrant points and half of the gas drip points become service taps
    const tap =
      (system === '给水' && n.kind === '消火栓' && rng.chance(0.35)) ||
      (system === '燃气' && n.kind === '凝水缸' && rng.chance(0.5));
    if (tap) {
      n.kind = '接户点';
      n.households = rng.int(12, 240);
    }
  }
  for (const s of segments) {
    const sizeM = (s.diameterMm ?? 0) / 1000;
    if (s.invStartM !== null && s.invEndM !== null) {
      s.startDepthM = Number((s.from.groundM - s.invStartM - sizeM).toFixed(2));
      s.endDepthM = Number((s.to.groundM - s.invEndM - sizeM).toFixed(2));
    } else {
      s.startDepthM = s.depthM ?? s.from.depthM;
      s.endDepthM = s.depthM ?? s.to.depthM;
    }
  }
}
