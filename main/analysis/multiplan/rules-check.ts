/**
 * Checks conflict rules as a table, whether they came from CSV or the UI's editor: the
 * first problem found, as a CimError naming the file (or table), the row and the column.
 * Environment: common.
 */
import { CimError } from '../../../common/errors.js';
import type { ConflictRule } from '../../../layers/plan-rules.js';

/** A rule as text, the way a CSV row holds it (column names as in the CSV header). */
export interface RuleRecord {
  id: string;
  kind: string;
  class_a: string;
  class_b: string;
  severity: string;
  reason_zh: string;
  reason_en: string;
}

export const RULE_COLUMNS = ['id', 'kind', 'class_a', 'class_b', 'severity', 'reason_zh', 'reason_en'] as const;

const KINDS = new Set(['overlap', 'outside', 'mismatch']);
const SEVERITIES = new Set(['high', 'medium', 'low']);
const GROUPS = new Set(['farmland', 'agricultural', 'ecological', 'construction', 'water', 'other']);
const ID = /^[A-Za-z0-9_.-]{1,32}$/;

function patternProblem(file: string, row: number, column: string, pattern: string): CimError | null {
  const items = pattern.split('|').map((s) => s.trim());
  if (items.every((s) => s === '' || s.startsWith('-'))) {
    return new CimError('rules.bad_pattern', { file, row, column, value: pattern });
  }
  for (const raw of items) {
    const item = raw.startsWith('-') ? raw.slice(1).trim() : raw;
    if (item === '' && raw !== '') return new CimError('rules.bad_pattern', { file, row, column, value: pattern });
    if (item.startsWith('group:') && !GROUPS.has(item.slice('group:'.length))) {
      return new CimError('rules.bad_group', { file, row, column, value: item });
    }
  }
  return null;
}

/** The first problem of a rule table, or null; `firstRow` is the row number of the first record (2 in a CSV with a header). */
export function rulesProblem(records: readonly RuleRecord[], file: string, firstRow: number): CimError | null {
  const ids = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r) continue;
    const row = firstRow + i;
    for (const column of ['id', 'kind', 'class_a', 'class_b', 'severity', 'reason_zh'] as const) {
      if (r[column].trim() === '') return new CimError('rules.empty_field', { file, row, column });
    }
    if (!ID.test(r.id.trim())) return new CimError('rules.bad_id', { file, row, value: r.id });
    if (ids.has(r.id.trim())) return new CimError('rules.duplicate_id', { file, row, value: r.id });
    ids.add(r.id.trim());
    if (!KINDS.has(r.kind.trim())) return new CimError('rules.bad_kind', { file, row, value: r.kind });
    if (!SEVERITIES.has(r.severity.trim())) return new CimError('rules.bad_severity', { file, row, value: r.severity });
    const pattern = patternProblem(file, row, 'class_a', r.class_a) ?? patternProblem(file, row, 'class_b', r.class_b);
    if (pattern) return pattern;
  }
  return null;
}

export function recordOf(rule: ConflictRule): RuleRecord {
  return {
    id: rule.id,
    kind: rule.kind,
    class_a: rule.classA,
    class_b: rule.classB,
    severity: rule.severity,
    reason_zh: rule.reasonZh,
    reason_en: rule.reasonEn,
  };
}

/** A checked record as a rule (trimmed; an empty English reason takes the Chinese one). */
export function ruleOf(r: RuleRecord): ConflictRule {
  return {
    id: r.id.trim(),
    kind: r.kind.trim() as ConflictRule['kind'],
    classA: r.class_a.trim(),
    classB: r.class_b.trim(),
    severity: r.severity.trim() as ConflictRule['severity'],
    reasonZh: r.reason_zh.trim(),
    reasonEn: r.reason_en.trim() || r.reason_zh.trim(),
  };
}
