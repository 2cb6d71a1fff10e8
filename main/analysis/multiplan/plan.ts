/**
 * Plans an overlay: candidate pairs from a flatbush index of each layer's envelopes, the
 * rule of each pair, and spatial blocks for the clip workers. Groups (a feature and its
 * candidates) are sorted along a Morton curve of their centres and cut into blocks of about
 * equal work, so each block's features sit together (the worker projects and prepares each
 * once) and blocks stream back while others run. Pure: typed arrays in, typed arrays out.
 * Environment: common.
 */
import Flatbush from 'flatbush';
import { OP_INTERSECT, OP_OUTSIDE, type ClipBlockTask } from '../clip/clip-block.js';
import {
  hasSelfPairRules,
  matchesSide,
  outsideChecks,
  pairRuleCode,
  selfPairRuleCode,
  type CompiledRules,
} from './rules.js';

/** What the planner needs of a layer (OverlayLayer has it). */
export interface PlanLayer {
  count: number;
  /** minX, minY, maxX, maxY per feature. */
  envelopes: Float64Array;
  classIds: Int32Array;
  classCounts: readonly number[];
}

/** The main thread's copy of a block: the groups as sent, and each position's rule code. */
export interface PlannedBlock {
  groups: Int32Array;
  /** Rule code (see rules.pairRuleCode) at each candidate's position; for `outside`, at the group's start. */
  codes: Int32Array;
}

export interface OverlayPlan {
  tasks: ClipBlockTask[];
  blocks: PlannedBlock[];
  groups: number;
  pairs: number;
}

interface Group {
  op: number;
  x: number;
  i: number;
  y: number;
  candidates: number[];
  codes: number[];
  key: number;
}

/** Work of a block, in candidate pairs (plus one per group), that keeps both cores busy and results streaming. */
const MIN_BLOCK_WORK = 2000;
const BLOCKS_PER_WORKER = 8;

function indexOf(layer: PlanLayer): Flatbush | null {
  if (layer.count === 0) return null;
  const index = new Flatbush(layer.count);
  const e = layer.envelopes;
  for (let i = 0; i < layer.count; i++)
    index.add(e[4 * i] ?? 0, e[4 * i + 1] ?? 0, e[4 * i + 2] ?? 0, e[4 * i + 3] ?? 0);
  index.finish();
  return index;
}

function search(index: Flatbush | null, e: Float64Array, i: number): number[] {
  return index ? index.search(e[4 * i] ?? 0, e[4 * i + 1] ?? 0, e[4 * i + 2] ?? 0, e[4 * i + 3] ?? 0) : [];
}

/** Interleaves the bits of two 16-bit cell numbers (Z-order). */
function morton(x: number, y: number): number {
  let key = 0;
  for (let b = 15; b >= 0; b--) key = key * 4 + ((y >> b) & 1) * 2 + ((x >> b) & 1);
  return key;
}

function keysOf(groups: Group[], layers: readonly PlanLayer[]): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const centre = (g: Group): [number, number] => {
    const e = layers[g.x]?.envelopes ?? new Float64Array(4);
    return [((e[4 * g.i] ?? 0) + (e[4 * g.i + 2] ?? 0)) / 2, ((e[4 * g.i + 1] ?? 0) + (e[4 * g.i + 3] ?? 0)) / 2];
  };
  for (const g of groups) {
    const [cx, cy] = centre(g);
    minX = Math.min(minX, cx);
    maxX = Math.max(maxX, cx);
    minY = Math.min(minY, cy);
    maxY = Math.max(maxY, cy);
  }
  const sx = maxX > minX ? 65535 / (maxX - minX) : 0;
  const sy = maxY > minY ? 65535 / (maxY - minY) : 0;
  for (const g of groups) {
    const [cx, cy] = centre(g);
    g.key = morton(Math.round((cx - minX) * sx), Math.round((cy - minY) * sy));
  }
}

function pairGroups(
  layers: readonly PlanLayer[],
  rules: CompiledRules,
  x: number,
  y: number,
  allPairs: boolean,
): Group[] {
  const lx = layers[x];
  const ly = layers[y];
  if (!lx || !ly) return [];
  const index = indexOf(ly);
  const groups: Group[] = [];
  for (let i = 0; i < lx.count; i++) {
    const candidates: number[] = [];
    const codes: number[] = [];
    const cx = lx.classIds[i] ?? -1;
    for (const j of search(index, lx.envelopes, i)) {
      const code = pairRuleCode(rules, x, cx, y, ly.classIds[j] ?? -1);
      if (code < 0 && !allPairs) continue;
      candidates.push(j);
      codes.push(code);
    }
    if (candidates.length > 0) groups.push({ op: OP_INTERSECT, x, i, y, candidates, codes, key: 0 });
  }
  for (const check of outsideChecks(
    rules,
    x,
    y,
    layers.map((l) => l.classCounts),
  )) {
    const from = layers[check.from];
    const against = layers[check.against];
    if (!from || !against) continue;
    const againstIndex = check.against === y ? index : indexOf(against);
    for (let i = 0; i < from.count; i++) {
      if (!matchesSide(rules, check.rule, check.from, 'A', from.classIds[i] ?? -1)) continue;
      const candidates = search(againstIndex, from.envelopes, i).filter((j) =>
        matchesSide(rules, check.rule, check.against, 'B', against.classIds[j] ?? -1),
      );
      groups.push({ op: OP_OUTSIDE, x: check.from, i, y: check.against, candidates, codes: [check.rule * 2], key: 0 });
    }
  }
  return groups;
}

/**
 * Features of one layer against the later features of the same layer (each pair once) where a
 * within-layer rule applies (rules.selfPairRuleCode); conflict or not, other pairs are not
 * part of an overlay of layers against each other, so `allPairs` leaves them out too.
 */
function selfGroups(layers: readonly PlanLayer[], rules: CompiledRules, x: number): Group[] {
  const l = layers[x];
  if (!l || !hasSelfPairRules(rules, x, l.classCounts)) return [];
  const index = indexOf(l);
  const groups: Group[] = [];
  for (let i = 0; i < l.count; i++) {
    const candidates: number[] = [];
    const codes: number[] = [];
    for (const j of search(index, l.envelopes, i)) {
      const code = j > i ? selfPairRuleCode(rules, x, l.classIds[i] ?? -1, l.classIds[j] ?? -1) : -1;
      if (code < 0) continue;
      candidates.push(j);
      codes.push(code);
    }
    if (candidates.length > 0) groups.push({ op: OP_INTERSECT, x, i, y: x, candidates, codes, key: 0 });
  }
  return groups;
}

function flatten(groups: Group[], index: number): { task: ClipBlockTask; block: PlannedBlock } {
  const size = groups.reduce((s, g) => s + 5 + g.candidates.length, 0);
  const flat = new Int32Array(size);
  const codes = new Int32Array(size).fill(-1);
  let at = 0;
  for (const g of groups) {
    flat.set([g.op, g.x, g.i, g.y, g.candidates.length], at);
    flat.set(g.candidates, at + 5);
    if (g.op === OP_OUTSIDE) codes[at] = g.codes[0] ?? -1;
    else codes.set(g.codes, at + 5);
    at += 5 + g.candidates.length;
  }
  return { task: { index, groups: flat.slice() }, block: { groups: flat, codes } };
}

/** Every layer pair (x < y in input order) and each layer with itself, its candidate pairs, rules and blocks. */
export function planOverlay(
  layers: readonly PlanLayer[],
  rules: CompiledRules,
  options: { allPairs: boolean; workers: number },
): OverlayPlan {
  const groups: Group[] = [];
  for (let x = 0; x < layers.length; x++) {
    groups.push(...selfGroups(layers, rules, x));
    for (let y = x + 1; y < layers.length; y++) groups.push(...pairGroups(layers, rules, x, y, options.allPairs));
  }
  keysOf(groups, layers);
  groups.sort((a, b) => a.key - b.key || a.x - b.x || a.i - b.i || a.y - b.y || a.op - b.op);
  const pairs = groups.reduce((s, g) => s + g.candidates.length, 0);
  const target = Math.max(MIN_BLOCK_WORK, Math.ceil((pairs + groups.length) / (options.workers * BLOCKS_PER_WORKER)));
  const plan: OverlayPlan = { tasks: [], blocks: [], groups: groups.length, pairs };
  let current: Group[] = [];
  let work = 0;
  const cut = (): void => {
    if (current.length === 0) return;
    const { task, block } = flatten(current, plan.tasks.length);
    plan.tasks.push(task);
    plan.blocks.push(block);
    current = [];
    work = 0;
  };
  for (const g of groups) {
    current.push(g);
    work += 1 + g.candidates.length;
    if (work >= target) cut();
  }
  cut();
  return plan;
}
