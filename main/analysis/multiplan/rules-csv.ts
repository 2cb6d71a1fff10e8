/**
 * Conflict rules as CSV: columns `id,kind,class_a,class_b,severity,reason_zh,reason_en`, one
 * rule a row, in priority order. Read as UTF-8 (with or without BOM), or GBK when the bytes
 * are not UTF-8 (Excel on a Chinese Windows saves CSV in GBK); written as UTF-8 with a BOM so
 * that Excel opens it with the Chinese intact. A bad row is refused naming the row and problem.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { CimError } from '../../../common/errors.js';
import type { ConflictRule } from '../../../layers/plan-rules.js';
import { RULE_COLUMNS, recordOf, ruleOf, rulesProblem, type RuleRecord } from './rules-check.js';

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gbk');
  }
}

/** Parses CSV text (`file` names it in messages). */
export function parseRulesCsv(bytes: Uint8Array, file: string): ConflictRule[] {
  const parsed = Papa.parse<Record<string, string | undefined>>(decode(bytes), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  if (header.length === 0 && parsed.data.length === 0) throw new CimError('rules.csv_empty', { file });
  for (const column of RULE_COLUMNS) {
    if (!header.includes(column)) throw new CimError('rules.csv_missing_column', { file, column });
  }
  const broken = parsed.errors.find((e) => e.type === 'Quotes' || e.code === 'TooManyFields');
  if (broken) throw new CimError('rules.csv_bad_row', { file, row: (broken.row ?? 0) + 2, reason: broken.message });
  const records: RuleRecord[] = parsed.data.map((row) => ({
    id: row.id ?? '',
    kind: row.kind ?? '',
    class_a: row.class_a ?? '',
    class_b: row.class_b ?? '',
    severity: row.severity ?? '',
    reason_zh: row.reason_zh ?? '',
    reason_en: row.reason_en ?? '',
  }));
  if (records.length === 0) throw new CimError('rules.csv_empty', { file });
  const problem = rulesProblem(records, file, 2);
  if (problem) throw problem;
  return records.map(ruleOf);
}

export function readRulesCsv(file: string): ConflictRule[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CimError('rules.csv_not_found', { file });
  }
  return parseRulesCsv(bytes, path.basename(file));
}

export function formatRulesCsv(rules: readonly ConflictRule[]): string {
  const csv = Papa.unparse({
    fields: [...RULE_COLUMNS],
    data: rules.map((r) => RULE_COLUMNS.map((c) => recordOf(r)[c])),
  });
  return `\uFEFF${csv}\r\n`;
}
