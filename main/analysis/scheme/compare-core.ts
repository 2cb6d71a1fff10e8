/**
 * 方案审查 (scheme review): the same sample points before and after a proposed scheme, and the
 * heights of the scheme's buildings. The question the meeting asks is which homes the scheme
 * pushes below the sunlight requirement: a point that met it before and does not after
 * (`newly_failing`). The others are listed too: still failing (and whether it lost minutes),
 * reduced but still meeting, unchanged, improved. Points are matched by id; a point missing on
 * either side is reported, not guessed. Pure. Environment: common.
 */
import type { BuildingLimit } from '../height-limit/height-limit-core.js';
import type { PointResult } from '../sunlight/sunlight-core.js';

type SunlightChange = 'newly_failing' | 'still_failing_worse' | 'still_failing' | 'reduced' | 'unchanged' | 'improved';

interface PointChange {
  id: string;
  buildingId: string | null;
  floor: number | null;
  beforeMin: number;
  afterMin: number;
  deltaMin: number;
  beforeMeets: boolean;
  afterMeets: boolean;
  change: SunlightChange;
}

export interface SchemeComparison {
  points: PointChange[];
  /** Ids of the points the scheme pushes below the requirement. */
  newlyFailing: string[];
  counts: Record<SunlightChange, number>;
  /** Point ids present on one side only. */
  unmatched: { beforeOnly: string[]; afterOnly: string[] };
  /** The scheme's buildings over the height limit. */
  heightExceeding: BuildingLimit[];
}

function changeOf(b: PointResult, a: PointResult): SunlightChange {
  const delta = a.sunlitMinutes - b.sunlitMinutes;
  if (b.meets && !a.meets) return 'newly_failing';
  if (!b.meets && !a.meets) return delta < 0 ? 'still_failing_worse' : 'still_failing';
  if (delta < 0) return 'reduced';
  return delta > 0 ? 'improved' : 'unchanged';
}

export function compareScheme(
  before: readonly PointResult[],
  after: readonly PointResult[],
  schemeHeights: readonly BuildingLimit[] = [],
): SchemeComparison {
  const afterById = new Map(after.map((p) => [p.id, p]));
  const beforeIds = new Set(before.map((p) => p.id));
  const counts: Record<SunlightChange, number> = {
    newly_failing: 0,
    still_failing_worse: 0,
    still_failing: 0,
    reduced: 0,
    unchanged: 0,
    improved: 0,
  };
  const points: PointChange[] = [];
  const beforeOnly: string[] = [];
  for (const b of before) {
    const a = afterById.get(b.id);
    if (!a) {
      beforeOnly.push(b.id);
      continue;
    }
    const change = changeOf(b, a);
    counts[change]++;
    points.push({
      id: b.id,
      buildingId: b.buildingId,
      floor: b.floor,
      beforeMin: b.sunlitMinutes,
      afterMin: a.sunlitMinutes,
      deltaMin: a.sunlitMinutes - b.sunlitMinutes,
      beforeMeets: b.meets,
      afterMeets: a.meets,
      change,
    });
  }
  // Worst first: newly failing by the loss, then the rest by the loss.
  const rank: Record<SunlightChange, number> = {
    newly_failing: 0,
    still_failing_worse: 1,
    reduced: 2,
    still_failing: 3,
    unchanged: 4,
    improved: 5,
  };
  points.sort((x, y) => rank[x.change] - rank[y.change] || x.deltaMin - y.deltaMin || (x.id < y.id ? -1 : 1));
  return {
    points,
    newlyFailing: points.filter((p) => p.change === 'newly_failing').map((p) => p.id),
    counts,
    unmatched: { beforeOnly, afterOnly: after.filter((p) => !beforeIds.has(p.id)).map((p) => p.id) },
    heightExceeding: schemeHeights.filter((h) => h.exceeds),
  };
}
