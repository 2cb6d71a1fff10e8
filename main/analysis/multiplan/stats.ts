/**
 * Statistics of a multi-plan review, gathered while the result layer is written: by rule,
 * by class pair and by district, with counts and areas (m², Gauss-Krüger zone). A class
 * pair is keyed in input order (the class of the earlier input layer first), whatever the
 * rule's orientation, so the figures compare directly with an overlay of layer 1 by layer 2
 * (QGIS `native:intersection` INPUT=1 OVERLAY=2). Environment: common.
 */
import { landUseClass } from '../../../layers/landuse.js';
import type { ConflictRule, RuleKind, Severity } from '../../../layers/plan-rules.js';

export interface RuleStat {
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  reasonZh: string;
  reasonEn: string;
  count: number;
  areaM2: number;
}

export interface PairStat {
  layerA: string;
  classA: string | null;
  nameA: string | null;
  layerB: string;
  /** Null for `outside` results (no feature of layer B). */
  classB: string | null;
  nameB: string | null;
  count: number;
  areaM2: number;
  /** Of which conflicts (a rule applies). */
  conflictCount: number;
  conflictAreaM2: number;
}

export interface DistrictStat {
  district: string | null;
  count: number;
  areaM2: number;
}

export interface MultiplanStats {
  /** Every result row (with `--all-pairs`, overlaps no rule applies to as well). */
  total: { count: number; areaM2: number };
  conflicts: { count: number; areaM2: number };
  bySeverity: Record<Severity, { count: number; areaM2: number }>;
  byRule: RuleStat[];
  byPair: PairStat[];
  /** Conflicts only. */
  byDistrict: DistrictStat[];
}

/** Class name for the report and the result layer: the land-use class name, else the value itself. */
export function className(value: string | null): string | null {
  if (value === null) return null;
  return landUseClass(value)?.nameZh ?? value;
}

export interface StatRow {
  rule: ConflictRule | null;
  areaM2: number;
  /** In input order (see the file comment). */
  first: { layer: string; classValue: string | null };
  second: { layer: string; classValue: string | null };
  district: string | null;
}

export class StatsAccumulator {
  private readonly total = { count: 0, areaM2: 0 };
  private readonly conflicts = { count: 0, areaM2: 0 };
  private readonly severity: MultiplanStats['bySeverity'] = {
    high: { count: 0, areaM2: 0 },
    medium: { count: 0, areaM2: 0 },
    low: { count: 0, areaM2: 0 },
  };
  private readonly rules = new Map<string, RuleStat>();
  private readonly pairs = new Map<string, PairStat>();
  private readonly districts = new Map<string | null, DistrictStat>();

  constructor(rules: readonly ConflictRule[]) {
    for (const r of rules) {
      this.rules.set(r.id, {
        ruleId: r.id,
        kind: r.kind,
        severity: r.severity,
        reasonZh: r.reasonZh,
        reasonEn: r.reasonEn,
        count: 0,
        areaM2: 0,
      });
    }
  }

  add(row: StatRow): void {
    this.total.count++;
    this.total.areaM2 += row.areaM2;
    const key = JSON.stringify([row.first.layer, row.first.classValue, row.second.layer, row.second.classValue]);
    let pair = this.pairs.get(key);
    if (!pair) {
      pair = {
        layerA: row.first.layer,
        classA: row.first.classValue,
        nameA: className(row.first.classValue),
        layerB: row.second.layer,
        classB: row.second.classValue,
        nameB: className(row.second.classValue),
        count: 0,
        areaM2: 0,
        conflictCount: 0,
        conflictAreaM2: 0,
      };
      this.pairs.set(key, pair);
    }
    pair.count++;
    pair.areaM2 += row.areaM2;
    if (!row.rule) return;
    pair.conflictCount++;
    pair.conflictAreaM2 += row.areaM2;
    this.conflicts.count++;
    this.conflicts.areaM2 += row.areaM2;
    const sev = this.severity[row.rule.severity];
    sev.count++;
    sev.areaM2 += row.areaM2;
    const rule = this.rules.get(row.rule.id);
    if (rule) {
      rule.count++;
      rule.areaM2 += row.areaM2;
    }
    const district = this.districts.get(row.district) ?? { district: row.district, count: 0, areaM2: 0 };
    district.count++;
    district.areaM2 += row.areaM2;
    this.districts.set(row.district, district);
  }

  result(): MultiplanStats {
    const byArea = <T extends { areaM2: number }>(a: T, b: T): number => b.areaM2 - a.areaM2;
    return {
      total: { ...this.total },
      conflicts: { ...this.conflicts },
      bySeverity: structuredClone(this.severity),
      byRule: [...this.rules.values()],
      byPair: [...this.pairs.values()].sort(byArea),
      byDistrict: [...this.districts.values()].sort(byArea),
    };
  }
}
