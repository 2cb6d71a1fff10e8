import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatRulesCsv, parseRulesCsv } from '../../../../main/analysis/multiplan/rules-csv.js';
import { listRules, resetRules, saveRules } from '../../../../main/analysis/multiplan/rules-table.js';
import { openWorkspaceDb } from '../../../../main/store/connection.js';
import { DEFAULT_RULES } from '../../../../layers/plan-rules.js';
import { tempDir } from '../../helpers.js';

const HEADER = 'id,kind,class_a,class_b,severity,reason_zh,reason_en';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'), 'utf8');

describe('conflict rules as CSV', () => {
  it('round-trips the defaults through CSV (UTF-8 with BOM) unchanged', () => {
    const text = formatRulesCsv(DEFAULT_RULES);
    expect(text.startsWith('\uFEFFid,kind,class_a,class_b,severity,reason_zh,reason_en\r\n')).toBe(true);
    expect(parseRulesCsv(Buffer.from(text, 'utf8'), 'rules.csv')).toEqual(DEFAULT_RULES);
  });

  it('reads GBK (Excel on a Chinese Windows), trims cells and fills a missing English reason', () => {
    const bytes = iconv.encode(
      `${HEADER}\r\nX1, overlap ,group:construction,生态保护红线,high,建设用地占用红线,\r\n`,
      'gbk',
    );
    expect(parseRulesCsv(bytes, 'gbk.csv')).toEqual([
      {
        id: 'X1',
        kind: 'overlap',
        classA: 'group:construction',
        classB: '生态保护红线',
        severity: 'high',
        reasonZh: '建设用地占用红线',
        reasonEn: '建设用地占用红线',
      },
    ]);
  });

  it.each([
    [csv('R1,touches,07*,*,high,x,x'), /rules\.bad_kind.*"row":2.*"value":"touches"/],
    [csv('R1,overlap,07*,*,high,x,x', 'R2,overlap,07*,*,urgent,x,x'), /rules\.bad_severity.*"row":3/],
    [csv('R1,overlap,07*,*,high,x,x', 'R1,overlap,08*,*,high,x,x'), /rules\.duplicate_id.*"row":3/],
    [csv('R1,overlap,,*,high,x,x'), /rules\.empty_field.*"row":2.*"column":"class_a"/],
    [csv('R1,overlap,group:building,*,high,x,x'), /rules\.bad_group.*"column":"class_a".*"value":"group:building"/],
    [csv('R1,overlap,-07*,*,high,x,x'), /rules\.bad_pattern.*"row":2/],
    [csv('R 1,overlap,07*,*,high,x,x'), /rules\.bad_id/],
    [
      Buffer.from('id,kind,class_a,class_b,severity,reason_zh\nR1,overlap,07*,*,high,x'),
      /rules\.csv_missing_column.*reason_en/,
    ],
    [Buffer.from(''), /rules\.csv_empty/],
    [csv(), /rules\.csv_empty/],
  ])('refuses a bad table naming the row and problem (%#)', (bytes, message) => {
    expect(() => parseRulesCsv(bytes, 'r.csv')).toThrow(message);
  });
});

describe('the workspace rules table', () => {
  it('saves a whole table in order, refuses a bad one unchanged, and resets to the defaults', () => {
    const db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    const mine = parseRulesCsv(csv('B,outside,07*,城镇开发边界,medium,外,out', 'A,overlap,*,*,low,叠,over'), 'm.csv');
    expect(saveRules(db, mine).map((r) => r.id)).toEqual(['B', 'A']);
    expect(() => saveRules(db, [...mine, { ...mine[0]!, id: 'A' }])).toThrow(
      /rules\.duplicate_id.*cim_conflict_rules.*"row":3/,
    );
    expect(listRules(db)).toEqual(mine);
    expect(resetRules(db)).toEqual(DEFAULT_RULES);
    db.close();
  });
});
