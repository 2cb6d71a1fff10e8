/**
 * Pipe network analyses (issue #14) on generated 100k-segment networks (bench/gen/pipe-network.ts):
 * burst isolation on a water grid and up/downstream traces on a sewer comb, median and p95
 * per query over random queries, plus the network build. The reference in the same run is one
 * plain flood fill over the whole network (every segment visited once): the ratio says what a
 * query costs in whole-network traversals. Target (issue #14): p95 under 200 ms per query.
 * Run alone: `npx tsx bench/pipes.ts [--segments N] [--queries N]`.
 */
import { performance } from 'node:perf_hooks';
import { isolateBurst, prepareIsolation } from '../main/analysis/pipes/isolate-core.js';
import { flowIndex, traceFlow } from '../main/analysis/pipes/trace-core.js';
import { buildNetwork, otherEnd, type PipeNetwork } from '../main/pipes/network.js';
import { sewerComb, waterGrid } from './gen/pipe-network.js';
import { ratio } from './lib/stats.js';

export interface PipesBenchOptions {
  seed: number;
  log: (line: string) => void;
  segments?: number;
  queries?: number;
}

interface Latency {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  queries: number;
}

export type PipesBenchResult =
  | {
      status: 'ok';
      water: { segments: number; nodes: number; buildMs: number; fullFloodMs: number };
      sewer: { segments: number; nodes: number; buildMs: number; fullFloodMs: number };
      isolate: Latency & { medianIsolatedSegments: number; ratioToFullFlood: number };
      trace: Latency & { ratioToFullFlood: number };
      targetP95Ms: number;
      targetMet: boolean;
    }
  | { status: 'failed'; error: string };

const TARGET_P95_MS = 200;

function latency(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const q = (f: number): number => Number((s[Math.min(s.length - 1, Math.floor(f * s.length))] ?? NaN).toFixed(2));
  return { medianMs: q(0.5), p95Ms: q(0.95), maxMs: q(1), queries: ms.length };
}

/** The reference: one flood fill from node 0 over every segment. */
function fullFlood(net: PipeNetwork): number {
  const t0 = performance.now();
  const seen = new Uint8Array(net.segments.length);
  const seenNode = new Uint8Array(net.nodes.length);
  const stack = [0];
  seenNode[0] = 1;
  while (stack.length > 0) {
    const n = stack.pop() as number;
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0); k++) {
      const i = net.adjSeg[k] ?? 0;
      if (seen[i]) continue;
      seen[i] = 1;
      const m = otherEnd(net, i, n);
      if (m >= 0 && !seenNode[m]) {
        seenNode[m] = 1;
        stack.push(m);
      }
    }
  }
  return performance.now() - t0;
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function runPipesBench(o: PipesBenchOptions): PipesBenchResult {
  const target = o.segments ?? 100_000;
  const queries = o.queries ?? 200;
  let state = o.seed >>> 0;
  const pick = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };

  const w = waterGrid(target, o.seed);
  let t0 = performance.now();
  const water = buildNetwork(w.nodes, w.segments);
  const waterBuildMs = performance.now() - t0;
  const waterFlood = medianOf([0, 1, 2, 3, 4].map(() => fullFlood(water)));
  o.log(`pipes: water grid ${String(water.segments.length)} segments, built in ${waterBuildMs.toFixed(0)} ms`);
  const ctx = prepareIsolation(water);
  const isoMs: number[] = [];
  const zones: number[] = [];
  for (let q = 0; q < queries; q++) {
    const burst = water.segments[pick(water.segments.length)]?.pipeId ?? '';
    t0 = performance.now();
    const r = isolateBurst(water, burst, {}, ctx);
    isoMs.push(performance.now() - t0);
    zones.push(r?.isolatedSegments.length ?? 0);
  }

  const s = sewerComb(target, o.seed + 1);
  t0 = performance.now();
  const sewer = buildNetwork(s.nodes, s.segments);
  const index = flowIndex(sewer);
  const sewerBuildMs = performance.now() - t0;
  const sewerFlood = medianOf([0, 1, 2, 3, 4].map(() => fullFlood(sewer)));
  o.log(`pipes: sewer comb ${String(sewer.segments.length)} segments, built in ${sewerBuildMs.toFixed(0)} ms`);
  const traceMs: number[] = [];
  for (let q = 0; q < queries; q++) {
    const from = sewer.nodes[pick(sewer.nodes.length)]?.nodeId ?? '';
    t0 = performance.now();
    traceFlow(sewer, from, q % 2 === 0 ? 'down' : 'up', index);
    traceMs.push(performance.now() - t0);
  }
  const iso = latency(isoMs);
  const tr = latency(traceMs);
  return {
    status: 'ok',
    water: {
      segments: water.segments.length,
      nodes: water.nodes.length,
      buildMs: Math.round(waterBuildMs),
      fullFloodMs: Number(waterFlood.toFixed(2)),
    },
    sewer: {
      segments: sewer.segments.length,
      nodes: sewer.nodes.length,
      buildMs: Math.round(sewerBuildMs),
      fullFloodMs: Number(sewerFlood.toFixed(2)),
    },
    isolate: { ...iso, medianIsolatedSegments: medianOf(zones), ratioToFullFlood: ratio(iso.medianMs, waterFlood) },
    trace: { ...tr, ratioToFullFlood: ratio(tr.medianMs, sewerFlood) },
    targetP95Ms: TARGET_P95_MS,
    targetMet: iso.p95Ms < TARGET_P95_MS && tr.p95Ms < TARGET_P95_MS,
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const arg = (flag: string): number | undefined => {
    const i = process.argv.indexOf(flag);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const result = runPipesBench({
    seed: 20240601,
    log: (l) => void process.stderr.write(`bench: ${l}\n`),
    segments: arg('--segments'),
    queries: arg('--queries'),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
