import { describe, expect, it } from 'vitest';
import { readCaseStats } from '../../../main/cases/stats.js';
import { fiveCaseWorkspace } from './fixture.js';

const AS_OF = Date.parse('2025-01-01T00:00:00+08:00');

describe('case statistics (worked by hand on the five fixture cases)', () => {
  it('counts, 按时核查率, 结案率 and overdue', () => {
    const { db } = fiveCaseWorkspace();
    const s = readCaseStats(db, {}, AS_OF);
    expect(s).toMatchObject({
      total: 5,
      byStatus: { 结案: 1, 派遣: 1, 立案: 1, 上报: 1, 核查: 1 },
      byCategory: { 部件01: 3, 事件05: 1, 事件01: 1 },
      byStreet: { 东关街道: 3, 新华街道: 2 },
      byMonth: { '2024-11': 1, '2024-12': 4 },
      // checked: NY202412010001 (核查 12-01 16:00, deadline 12-02 09:30: on time) and
      // NY202411280001 (核查 12-01 12:00, deadline 11-30 10:00: late) -> 1 / 2
      checked: 2,
      checkedOnTime: 1,
      onTimeRate: 0.5,
      // registered (立案 in the history): all but the 上报 one -> 4; closed: 1 -> 1 / 4
      registered: 4,
      closed: 1,
      closureRate: 0.25,
      // NY202412020001 waits at 派遣 since its deadline 12-02 12:20
      overdue: 1,
      target: 0.97,
      asOf: '2025-01-01T00:00:00+08:00',
    });
    expect(s.hotspots[0]).toEqual({ community: '东关街道社区', street: '东关街道', count: 3 });
    // before the 派遣 case's deadline it is not overdue
    expect(readCaseStats(db, {}, Date.parse('2024-12-02T11:00:00+08:00')).overdue).toBe(0);
    // the window is on the report time: 12-01 and 12-02
    const w = readCaseStats(db, { from: '2024-12', to: '2024-12-03' }, AS_OF);
    expect(w).toMatchObject({ total: 2, registered: 2, closed: 1, closureRate: 0.5, checked: 1, onTimeRate: 1 });
    expect(readCaseStats(db, { from: '2030-01-01' }, AS_OF)).toMatchObject({
      total: 0,
      onTimeRate: null,
      closureRate: null,
    });
    db.close();
  });
});
