/**
 * Conflict rules (layers/plan-rules) compiled against the class values the input layers
 * hold, so that choosing the rule of a pair of features is a few array look-ups.
 * Semantics, exactly as layers/plan-rules.ts states them:
 * - `overlap`: class A of one layer over class B of the other;
 * - `mismatch`: the same, when both are land-use codes whose first-level classes differ;
 * - `outside`: the part of a class-A feature no class-B feature of the other layer covers.
 * Every rule applies to each pair of input layers in either orientation; `overlap` rules
 * between classes that are not land-use codes (control lines) also apply within one layer,
 * as a layer of 三条控制线 holds all three lines, which may not overlap one another (R05-R07;
 * see selfPairRuleCode). Where several
 * rules match one pair of features, the first in table order wins (the table's order is
 * its priority; the defaults list the severe ones first). An `outside` rule applies to a
 * layer pair only when the other layer holds some feature of class B at all: a 控规 layer
 * has no 城镇开发边界, so it cannot put every parcel "outside" one.
 * Environment: common.
 */
import { classMatches, firstLevelClass, type ConflictRule } from '../../../layers/plan-rules.js';

/** A layer's distinct class values; features refer to them by index (-1: no class). */
export interface LayerClasses {
  values: readonly string[];
}

interface CompiledSide {
  /** [rule][classIndex] */
  matchesA: Uint8Array[];
  matchesB: Uint8Array[];
  firstLevel: (string | null)[];
}

export interface CompiledRules {
  rules: readonly ConflictRule[];
  sides: CompiledSide[];
}

export function compileRules(rules: readonly ConflictRule[], layers: readonly LayerClasses[]): CompiledRules {
  const sides = layers.map((layer) => ({
    matchesA: rules.map((r) => Uint8Array.from(layer.values, (v) => (classMatches(r.classA, v) ? 1 : 0))),
    matchesB: rules.map((r) => Uint8Array.from(layer.values, (v) => (classMatches(r.classB, v) ? 1 : 0))),
    firstLevel: layer.values.map((v) => firstLevelClass(v)),
  }));
  return { rules, sides };
}

/**
 * Rule code of a pair of features: `rule index * 2 + reversed`, where reversed means the
 * feature of layer `y` is the rule's side A; -1 when no overlap or mismatch rule applies.
 */
export function pairRuleCode(c: CompiledRules, x: number, classX: number, y: number, classY: number): number {
  if (classX < 0 || classY < 0) return -1;
  const sx = c.sides[x];
  const sy = c.sides[y];
  if (!sx || !sy) return -1;
  for (let r = 0; r < c.rules.length; r++) {
    const rule = c.rules[r];
    if (!rule || rule.kind === 'outside') continue;
    if (rule.kind === 'mismatch') {
      const fx = sx.firstLevel[classX];
      const fy = sy.firstLevel[classY];
      if (!fx || !fy || fx === fy) continue;
    }
    if (sx.matchesA[r]?.[classX] === 1 && sy.matchesB[r]?.[classY] === 1) return r * 2;
    if (sy.matchesA[r]?.[classY] === 1 && sx.matchesB[r]?.[classX] === 1) return r * 2 + 1;
  }
  return -1;
}

/**
 * Rule code of two features of one layer (`rule index * 2 + reversed`, reversed: the second
 * feature is side A), or -1. Only `overlap` rules, and only between two classes that are not
 * land-use codes: two parcels of one land-use plan overlapping is that plan's own topology,
 * not a conflict between plans, while two control lines of one layer overlapping is the
 * conflict the 三区三线 rules name.
 */
export function selfPairRuleCode(c: CompiledRules, x: number, classI: number, classJ: number): number {
  const s = c.sides[x];
  if (!s || classI < 0 || classJ < 0 || s.firstLevel[classI] || s.firstLevel[classJ]) return -1;
  for (let r = 0; r < c.rules.length; r++) {
    if (c.rules[r]?.kind !== 'overlap') continue;
    if (s.matchesA[r]?.[classI] === 1 && s.matchesB[r]?.[classJ] === 1) return r * 2;
    if (s.matchesA[r]?.[classJ] === 1 && s.matchesB[r]?.[classI] === 1) return r * 2 + 1;
  }
  return -1;
}

/**
 * Whether some pair of classes a layer holds has a within-layer rule (selfPairRuleCode): some
 * held non-land-use class matches an `overlap` rule's side A and some its side B. Linear in
 * the classes, as a layer may hold thousands of distinct values.
 */
export function hasSelfPairRules(c: CompiledRules, x: number, classCounts: readonly number[]): boolean {
  const s = c.sides[x];
  if (!s) return false;
  const held = (i: number): boolean => (classCounts[i] ?? 0) > 0 && !s.firstLevel[i];
  return c.rules.some(
    (rule, r) =>
      rule.kind === 'overlap' &&
      s.matchesA[r]?.some((m, i) => m === 1 && held(i)) === true &&
      s.matchesB[r]?.some((m, i) => m === 1 && held(i)) === true,
  );
}

/** An `outside` rule applied from layer `from` (its class-A features) against layer `against`. */
export interface OutsideCheck {
  rule: number;
  from: number;
  against: number;
}

/** The `outside` checks for the layer pair (x, y), both orientations, as the file comment says. */
export function outsideChecks(
  c: CompiledRules,
  x: number,
  y: number,
  classCounts: readonly (readonly number[])[],
): OutsideCheck[] {
  const checks: OutsideCheck[] = [];
  c.rules.forEach((rule, r) => {
    if (rule.kind !== 'outside') return;
    for (const [from, against] of [
      [x, y],
      [y, x],
    ] as const) {
      const hasA = c.sides[from]?.matchesA[r]?.some((m, i) => m === 1 && (classCounts[from]?.[i] ?? 0) > 0);
      const hasB = c.sides[against]?.matchesB[r]?.some((m, i) => m === 1 && (classCounts[against]?.[i] ?? 0) > 0);
      if (hasA && hasB) checks.push({ rule: r, from, against });
    }
  });
  return checks;
}

export function matchesSide(
  c: CompiledRules,
  rule: number,
  layer: number,
  side: 'A' | 'B',
  classIndex: number,
): boolean {
  if (classIndex < 0) return false;
  const s = c.sides[layer];
  return (side === 'A' ? s?.matchesA[rule]?.[classIndex] : s?.matchesB[rule]?.[classIndex]) === 1;
}
