/**
 * 建筑变化识别: buildings of two survey epochs matched by footprint overlap, and each change
 * classified. Pure: footprints, heights and an overlay engine in, groups out.
 *
 * The rules, as stated to the user (defaults in MATCH_DEFAULTS):
 * - Two footprints of different epochs are **linked** when their overlap is at least
 *   `linkOverlap` (50 %) of the smaller one. Links join buildings into groups (connected
 *   components), so one building split in two (1:n) or two merged into one (n:1) is one
 *   group. Buildings of one epoch are taken not to overlap each other.
 * - A group's **IoU** is the area of intersection of its before and after footprints over the
 *   area of their union (Σ pairwise intersections / (Σ before + Σ after − Σ intersections)).
 * - Resurveys re-digitise every vertex by up to `noiseM` (0.5 m): a vertex moved by at most
 *   d keeps the whole outline within d of the old one, so the area **gained** is measured as
 *   the after footprint outside the before footprint grown by `noiseM`, and the area **lost**
 *   the other way round. An unchanged building re-digitised with 0.4 m noise gains 0 m².
 * - Classes: `new` (an after building with no link), `demolished` (a before building with
 *   none), `replaced` (a group with IoU under `iouSame` (0.5) that both lost and gained at
 *   least `extendMinM2`: a different building on the same ground), `extended` (gained at
 *   least `extendMinM2`, 5 m²), `raised` (height up by at least `raiseMinM`, 2.0 m, or one
 *   storey more; a rise of exactly the threshold counts), `reduced` (lost at least
 *   `extendMinM2` without gaining). A group may be both extended and raised. A group with no
 *   class is unchanged.
 * - The plain difference bounds the gain beyond the noise band from above, so the band is
 *   grown only where the plain gain (or loss) reaches `extendMinM2`; below it, it counts as 0.
 * - Each after building of a group is **changed** (and goes to the permit and zone checks)
 *   when its group is new or replaced, when it alone gained at least `extendMinM2`, or when
 *   it alone rose by the raise threshold over the tallest before building it is linked to.
 * Environment: common.
 */
import Flatbush from 'flatbush';
import type { Footprint, FootprintOps } from './footprint.js';

export interface EpochBuilding {
  footprint: Footprint;
  heightM: number | null;
  floors: number | null;
}

export interface MatchOptions {
  linkOverlap: number;
  iouSame: number;
  noiseM: number;
  extendMinM2: number;
  raiseMinM: number;
}

export const MATCH_DEFAULTS: MatchOptions = {
  linkOverlap: 0.5,
  iouSame: 0.5,
  noiseM: 0.5,
  extendMinM2: 5,
  raiseMinM: 2,
};

export type ChangeClass = 'new' | 'demolished' | 'replaced' | 'extended' | 'raised' | 'reduced';
type Relation = '1:0' | '0:1' | '1:1' | '1:n' | 'n:1' | 'n:m';

interface AfterChange {
  /** Index in the after epoch. */
  index: number;
  changed: boolean;
  /**
   * Area of this building outside the before buildings it is linked to (plain difference),
   * m²; 0 when it gained less than the extension threshold beyond the noise tolerance.
   */
  gainedM2: number;
  /** Its height over the tallest before building it is linked to (its height when new). */
  heightGainM: number | null;
  floorsGain: number | null;
}

export interface ChangeGroup {
  before: number[];
  after: number[];
  relation: Relation;
  classes: ChangeClass[];
  iou: number | null;
  /** Gained and lost beyond the noise tolerance, m². */
  gainedM2: number;
  lostM2: number;
  afters: AfterChange[];
}

const EPS = 1e-9;

function relationOf(nb: number, na: number): Relation {
  if (na === 0) return '1:0';
  if (nb === 0) return '0:1';
  if (nb === 1 && na === 1) return '1:1';
  if (nb === 1) return '1:n';
  if (na === 1) return 'n:1';
  return 'n:m';
}

function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  let j = i;
  while (parent[j] !== r) {
    const next = parent[j] ?? r;
    parent[j] = r;
    j = next;
  }
  return r;
}

function maxOf(values: (number | null)[]): number | null {
  let m: number | null = null;
  for (const v of values) if (v !== null && (m === null || v > m)) m = v;
  return m;
}

/** Links (before index, after index, intersection m²) between overlapping footprints. */
function linkEpochs(
  ops: FootprintOps,
  before: readonly EpochBuilding[],
  after: readonly EpochBuilding[],
  o: MatchOptions,
  areasBefore: readonly number[],
  areasAfter: readonly number[],
): { b: number; a: number; m2: number }[] {
  const links: { b: number; a: number; m2: number }[] = [];
  if (before.length === 0 || after.length === 0) return links;
  const index = new Flatbush(before.length);
  for (const b of before) index.add(...b.footprint.bbox);
  index.finish();
  after.forEach((a, ai) => {
    const [minX, minY, maxX, maxY] = a.footprint.bbox;
    for (const bi of index.search(minX, minY, maxX, maxY)) {
      const b = before[bi];
      if (!b) continue;
      const m2 = ops.intersectionArea(b.footprint, a.footprint);
      const smaller = Math.min(areasBefore[bi] ?? 0, areasAfter[ai] ?? 0);
      if (m2 > EPS && m2 >= o.linkOverlap * smaller - EPS) links.push({ b: bi, a: ai, m2 });
    }
  });
  return links;
}

export function matchEpochs(
  ops: FootprintOps,
  before: readonly EpochBuilding[],
  after: readonly EpochBuilding[],
  options: Partial<MatchOptions> = {},
): ChangeGroup[] {
  const o = { ...MATCH_DEFAULTS, ...options };
  const areasBefore = before.map((b) => ops.area(b.footprint));
  const areasAfter = after.map((a) => ops.area(a.footprint));
  const links = linkEpochs(ops, before, after, o, areasBefore, areasAfter);
  // union-find over before (0..nb-1) and after (nb..nb+na-1)
  const nb = before.length;
  const parent = Int32Array.from({ length: nb + after.length }, (_, i) => i);
  for (const l of links) {
    const x = find(parent, l.b);
    const y = find(parent, nb + l.a);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  const members = new Map<number, { before: number[]; after: number[] }>();
  for (let i = 0; i < parent.length; i++) {
    const r = find(parent, i);
    let m = members.get(r);
    if (!m) members.set(r, (m = { before: [], after: [] }));
    if (i < nb) m.before.push(i);
    else m.after.push(i - nb);
  }
  const linksOfAfter = new Map<number, number[]>();
  const overlapOf = new Map<number, number>();
  const overlapOfAfter = new Map<number, number>();
  const overlapOfBefore = new Map<number, number>();
  for (const l of links) {
    overlapOfAfter.set(l.a, (overlapOfAfter.get(l.a) ?? 0) + l.m2);
    overlapOfBefore.set(l.b, (overlapOfBefore.get(l.b) ?? 0) + l.m2);
    linksOfAfter.set(l.a, [...(linksOfAfter.get(l.a) ?? []), l.b]);
    const rootKey = find(parent, l.b);
    overlapOf.set(rootKey, (overlapOf.get(rootKey) ?? 0) + l.m2);
  }
  const groups: ChangeGroup[] = [];
  for (const [root, m] of members) {
    groups.push(
      classify(ops, before, after, o, m, overlapOf.get(root) ?? 0, areasBefore, areasAfter, linksOfAfter, {
        overlapOfAfter,
        overlapOfBefore,
      }),
    );
  }
  return groups.sort(
    (x, y) => (x.before[0] ?? Infinity) - (y.before[0] ?? Infinity) || (x.after[0] ?? 0) - (y.after[0] ?? 0),
  );
}

function classify(
  ops: FootprintOps,
  before: readonly EpochBuilding[],
  after: readonly EpochBuilding[],
  o: MatchOptions,
  m: { before: number[]; after: number[] },
  overlapM2: number,
  areasBefore: readonly number[],
  areasAfter: readonly number[],
  linksOfAfter: ReadonlyMap<number, number[]>,
  overlaps: { overlapOfAfter: ReadonlyMap<number, number>; overlapOfBefore: ReadonlyMap<number, number> },
): ChangeGroup {
  const relation = relationOf(m.before.length, m.after.length);
  if (m.after.length === 0) {
    const lost = m.before.reduce((s, i) => s + (areasBefore[i] ?? 0), 0);
    return { ...m, relation, classes: ['demolished'], iou: null, gainedM2: 0, lostM2: lost, afters: [] };
  }
  if (m.before.length === 0) {
    const afters = m.after.map((i): AfterChange => ({
      index: i,
      changed: true,
      gainedM2: areasAfter[i] ?? 0,
      heightGainM: after[i]?.heightM ?? null,
      floorsGain: after[i]?.floors ?? null,
    }));
    const gained = afters.reduce((s, a) => s + a.gainedM2, 0);
    return { ...m, relation, classes: ['new'], iou: null, gainedM2: gained, lostM2: 0, afters };
  }
  const bFoot = m.before.map((i) => before[i]?.footprint).filter((f): f is Footprint => f !== undefined);
  const aFoot = m.after.map((i) => after[i]?.footprint).filter((f): f is Footprint => f !== undefined);
  const sumB = m.before.reduce((s, i) => s + (areasBefore[i] ?? 0), 0);
  const sumA = m.after.reduce((s, i) => s + (areasAfter[i] ?? 0), 0);
  const iou = overlapM2 / Math.max(EPS, sumB + sumA - overlapM2);
  // The plain difference bounds the gain beyond the noise band from above (before buildings do
  // not overlap, so a's area outside them is its area less its overlaps): under the threshold,
  // the band need not be grown and the gain counts as 0.
  const { overlapOfAfter, overlapOfBefore } = overlaps;
  const lostM2 = m.before.reduce((s, i) => {
    const plain = (areasBefore[i] ?? 0) - (overlapOfBefore.get(i) ?? 0);
    const f = before[i]?.footprint;
    return s + (f && plain >= o.extendMinM2 - EPS ? ops.outsideArea(f, aFoot, o.noiseM) : 0);
  }, 0);
  const beforeTop = maxOf(m.before.map((i) => before[i]?.heightM ?? null));
  const beforeFloors = maxOf(m.before.map((i) => before[i]?.floors ?? null));
  let gainedM2 = 0;
  const afters = m.after.map((i): AfterChange => {
    const a = after[i];
    const linked = linksOfAfter.get(i) ?? [];
    const own = linked.map((bi) => before[bi]?.footprint).filter((f): f is Footprint => f !== undefined);
    const plain = (areasAfter[i] ?? 0) - (overlapOfAfter.get(i) ?? 0);
    const gainedNoise = a && plain >= o.extendMinM2 - EPS ? ops.outsideArea(a.footprint, bFoot, o.noiseM) : 0;
    gainedM2 += gainedNoise;
    const top = maxOf(linked.map((bi) => before[bi]?.heightM ?? null)) ?? beforeTop;
    const floors = maxOf(linked.map((bi) => before[bi]?.floors ?? null)) ?? beforeFloors;
    const h = a?.heightM ?? null;
    const f = a?.floors ?? null;
    const heightGainM = h !== null && top !== null ? h - top : null;
    const floorsGain = f !== null && floors !== null ? f - floors : null;
    const raised = (heightGainM !== null && heightGainM >= o.raiseMinM - EPS) || (floorsGain ?? 0) >= 1;
    return {
      index: i,
      changed: gainedNoise >= o.extendMinM2 || raised,
      gainedM2: a && gainedNoise >= o.extendMinM2 ? ops.outsideArea(a.footprint, own.length ? own : bFoot, 0) : 0,
      heightGainM,
      floorsGain,
    };
  });
  const classes: ChangeClass[] = [];
  const replaced = iou < o.iouSame && lostM2 >= o.extendMinM2 && gainedM2 >= o.extendMinM2;
  if (replaced) {
    classes.push('replaced');
    for (const a of afters) a.changed = true;
  } else {
    if (gainedM2 >= o.extendMinM2) classes.push('extended');
    if (afters.some((a) => (a.heightGainM !== null && a.heightGainM >= o.raiseMinM - EPS) || (a.floorsGain ?? 0) >= 1))
      classes.push('raised');
    if (lostM2 >= o.extendMinM2 && gainedM2 < o.extendMinM2) classes.push('reduced');
  }
  return { ...m, relation, classes, iou, gainedM2, lostM2, afters };
}
