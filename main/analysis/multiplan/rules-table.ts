/**
 * The workspace's conflict-rules table (cim_conflict_rules, migration 4): read in table order,
 * replaced as a whole (the UI's editor and CSV import both save a whole table), reset to the
 * defaults. Each runs in the caller's transaction. Environment: node.
 */
import type { Db } from '../../store/connection.js';
import { DEFAULT_RULES, type ConflictRule } from '../../../layers/plan-rules.js';
import { recordOf, ruleOf, rulesProblem } from './rules-check.js';

interface RuleRow {
  id: string;
  kind: ConflictRule['kind'];
  class_a: string;
  class_b: string;
  severity: ConflictRule['severity'];
  reason_zh: string;
  reason_en: string;
}

export function listRules(db: Db): ConflictRule[] {
  const rows = db
    .prepare(
      'SELECT id, kind, class_a, class_b, severity, reason_zh, reason_en FROM cim_conflict_rules ORDER BY position',
    )
    .all() as RuleRow[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    classA: r.class_a,
    classB: r.class_b,
    severity: r.severity,
    reasonZh: r.reason_zh,
    reasonEn: r.reason_en,
  }));
}

/** Replaces the whole table; refuses (changing nothing) a table with a bad rule. */
export function saveRules(db: Db, rules: readonly ConflictRule[]): ConflictRule[] {
  const problem = rulesProblem(rules.map(recordOf), 'cim_conflict_rules', 1);
  if (problem) throw problem;
  db.prepare('DELETE FROM cim_conflict_rules').run();
  const insert = db.prepare(
    'INSERT INTO cim_conflict_rules (position, id, kind, class_a, class_b, severity, reason_zh, reason_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  rules
    .map((r) => ruleOf(recordOf(r)))
    .forEach((r, i) => insert.run(i + 1, r.id, r.kind, r.classA, r.classB, r.severity, r.reasonZh, r.reasonEn));
  return listRules(db);
}

export function resetRules(db: Db): ConflictRule[] {
  return saveRules(db, DEFAULT_RULES);
}
