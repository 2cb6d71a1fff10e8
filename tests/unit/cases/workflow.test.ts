import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATES,
  actionsFrom,
  decide,
  roleOf,
  type ActionInput,
  type CaseAction,
  type CaseFacts,
  type CaseState,
} from '../../../layers/case-workflow.js';

// GB/T 30428.1's flow written out by hand (not read from the table under test):
// from -> action -> to
const LEGAL: readonly (readonly [CaseState, CaseAction, CaseState])[] = [
  ['上报', '立案', '立案'],
  ['上报', '作废', '作废'],
  ['立案', '派遣', '派遣'],
  ['立案', '作废', '作废'],
  ['派遣', '处置', '处置'],
  ['处置', '核查', '核查'],
  ['核查', '结案', '结案'],
  ['核查', '返工', '处置'],
];

/** Someone who may do it, with what it needs. */
const RIGHT_HAND: Record<CaseAction, Omit<ActionInput, 'action' | 'atMs'>> = {
  立案: { by: '受理员2' },
  派遣: { by: '派遣员1' },
  处置: { by: '市政工程管理处', note: '已更换井盖' },
  核查: { by: '监督员012', result: 'pass' },
  结案: { by: '值班长1' },
  返工: { by: '值班长1', note: '井盖仍松动' },
  作废: { by: '受理员2', note: '重复上报' },
};

const facts = (state: CaseState, over: Partial<CaseFacts> = {}): CaseFacts => ({
  state,
  kind: '部件',
  categoryCode: '0102',
  dept: '市政工程管理处',
  assignee: state === '上报' || state === '立案' ? null : '市政工程管理处',
  // a case at 核查 carries the check's result: 结案 needs it passed, 返工 failed
  checkResult: null,
  ...over,
});

const AT = Date.UTC(2024, 11, 20, 2); // 2024-12-20 10:00 北京时间

describe('case workflow (GB/T 30428.1)', () => {
  it('allows exactly the eight legal transitions and refuses every other pair with the reason', () => {
    let legal = 0;
    for (const state of CASE_STATES) {
      for (const action of CASE_ACTIONS) {
        const expected = LEGAL.find(([f, a]) => f === state && a === action);
        const checkResult = action === '返工' ? 'fail' : 'pass';
        const d = decide(facts(state, { checkResult }), { action, atMs: AT, ...RIGHT_HAND[action] });
        if (expected) {
          legal++;
          expect(d.ok, `${state} -${action}->`).toBe(true);
          if (d.ok) expect(d.patch.status).toBe(expected[2]);
        } else {
          expect(d.ok, `${state} -${action}->`).toBe(false);
          if (!d.ok) expect(d.refusal).toEqual({ code: 'cases.illegal_transition', facts: { from: state, action } });
        }
      }
    }
    expect(legal).toBe(8);
    expect(actionsFrom('核查')).toEqual(['结案', '返工']);
    expect(actionsFrom('结案')).toEqual([]);
    expect(actionsFrom('作废')).toEqual([]);
  });

  it('checks who makes each step', () => {
    const refused = (state: CaseState, action: CaseAction, by: string): string | undefined => {
      const d = decide(facts(state, { checkResult: action === '返工' ? 'fail' : 'pass' }), {
        ...RIGHT_HAND[action],
        action,
        by,
        atMs: AT,
      });
      return d.ok ? undefined : d.refusal.code;
    };
    expect(refused('上报', '立案', '监督员003')).toBe('cases.role_refused');
    expect(refused('上报', '立案', '值班长1')).toBeUndefined();
    expect(refused('立案', '派遣', '受理员1')).toBe('cases.role_refused');
    // the command centre does not handle on site, nor check its own work
    expect(refused('派遣', '处置', '值班长1')).toBe('cases.role_refused');
    expect(refused('派遣', '处置', '南阳市燃气公司')).toBe('cases.role_refused');
    expect(refused('处置', '核查', '市政工程管理处')).toBe('cases.role_refused');
    expect(refused('核查', '返工', '监督员001')).toBe('cases.role_refused');
    expect(refused('立案', '作废', '市民')).toBe('cases.role_refused');
    expect(roleOf('市政工程管理处', { dept: '市政工程管理处', assignee: null })).toBe('handler');
    expect(roleOf('张三', { dept: '市政工程管理处', assignee: '张三' })).toBe('handler');
    expect(roleOf('张三', { dept: '市政工程管理处', assignee: null })).toBe('public');
  });

  it('asks for the inputs each step needs', () => {
    const missing = (state: CaseState, action: CaseAction, patch: Partial<ActionInput>) => {
      const d = decide(facts(state), { ...RIGHT_HAND[action], action, atMs: AT, ...patch });
      return d.ok ? null : d.refusal;
    };
    expect(missing('派遣', '处置', { note: '  ' })).toEqual({
      code: 'cases.input_missing',
      facts: { action: '处置', input: 'note' },
    });
    expect(missing('处置', '核查', { result: undefined })).toEqual({
      code: 'cases.input_missing',
      facts: { action: '核查', input: 'result' },
    });
    expect(missing('上报', '作废', { note: undefined })?.code).toBe('cases.input_missing');
    // 结案 needs a passed check, 返工 a failed one
    expect(decide(facts('核查', { checkResult: 'fail' }), { action: '结案', by: '值班长1', atMs: AT })).toEqual({
      ok: false,
      refusal: { code: 'cases.check_result', facts: { action: '结案', result: 'fail', needed: 'pass' } },
    });
    expect(
      decide(facts('核查', { checkResult: 'pass' }), { action: '返工', by: '值班长1', note: 'x', atMs: AT }),
    ).toEqual({
      ok: false,
      refusal: { code: 'cases.check_result', facts: { action: '返工', result: 'pass', needed: 'fail' } },
    });
  });

  it('dispatches to the named assignee or the case department, with the category deadline', () => {
    // 部件 0102 污水井盖: 24 h (layers/cases.ts)
    const d = decide(facts('立案'), { action: '派遣', by: '派遣员1', atMs: AT });
    expect(d).toEqual({
      ok: true,
      role: 'dispatcher',
      patch: { status: '派遣', assignee: '市政工程管理处', deadlineMs: AT + 24 * 3_600_000 },
    });
    // 事件 0403 燃气管道破裂: 1 h; no department on the case -> the category's
    const g = decide(facts('立案', { kind: '事件', categoryCode: '0403', dept: null }), {
      action: '派遣',
      by: '派遣员1',
      atMs: AT,
    });
    expect(g.ok && g.patch).toEqual({ status: '派遣', assignee: '南阳市燃气公司', deadlineMs: AT + 3_600_000 });
    const named = decide(facts('立案'), { action: '派遣', by: '值班长1', assignee: '李四', atMs: AT });
    expect(named.ok && named.patch.assignee).toBe('李四');
  });

  it('records the check result and clears it on 返工', () => {
    const c = decide(facts('处置'), { action: '核查', by: '监督员007', result: 'fail', atMs: AT });
    expect(c.ok && c.patch).toEqual({ status: '核查', checkResult: 'fail' });
    const r = decide(facts('核查', { checkResult: 'fail' }), {
      action: '返工',
      by: '值班长2',
      note: '未清理',
      atMs: AT,
    });
    expect(r.ok && r.patch).toEqual({ status: '处置', checkResult: null });
    const z = decide(facts('核查', { checkResult: 'pass' }), { action: '结案', by: '值班长2', atMs: AT });
    expect(z.ok && z.patch).toEqual({ status: '结案', closedMs: AT });
  });
});
