/**
 * The case workflow of GB/T 30428.1-2013《数字化城市管理信息系统 第1部分：单元网格》and its
 * 监督中心/指挥中心 split, as a pure state machine: 上报 → 立案 → 派遣 → 处置 → 核查 → 结案, with
 * 返工 (a failed check returns the case from 核查 to 处置) and 作废 (a report that is not a case,
 * refused at 上报 or 立案). Each transition says who may make it and what it needs; `decide`
 * answers either the changes to make or the reason it is refused, and changes nothing itself.
 * Environment: common.
 */
import { caseCategory, type CaseCategory, type CaseKind, type CaseStatus } from './cases.js';

/** The workflow's states: the six statuses and 作废 (voided, final). */
export const CASE_STATES = ['上报', '立案', '派遣', '处置', '核查', '结案', '作废'] as const;
export type CaseState = CaseStatus | '作废';

/** What a person does to a case; six of them are named after the state they lead to. */
export const CASE_ACTIONS = ['立案', '派遣', '处置', '核查', '结案', '返工', '作废'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Roles of a 数字城管 system: 监督员 report and check on site, the 监督中心's 受理员 register,
 * the 指挥中心's 派遣员 dispatch, the 处置部门 handle, the 值班长 closes, returns and voids.
 */
export const CASE_ROLES = ['inspector', 'acceptor', 'dispatcher', 'handler', 'supervisor', 'public'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const CHECK_RESULTS = ['pass', 'fail'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface Transition {
  from: readonly CaseState[];
  to: CaseState;
  roles: readonly CaseRole[];
  /** Inputs the transition cannot do without. */
  needs: readonly ('note' | 'assignee' | 'result')[];
}

export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  立案: { from: ['上报'], to: '立案', roles: ['acceptor', 'supervisor'], needs: [] },
  派遣: { from: ['立案'], to: '派遣', roles: ['dispatcher', 'supervisor'], needs: ['assignee'] },
  // the department reports what it did: the note is the 处置 result
  处置: { from: ['派遣'], to: '处置', roles: ['handler'], needs: ['note'] },
  // the inspector goes back and checks: passed or failed
  核查: { from: ['处置'], to: '核查', roles: ['inspector'], needs: ['result'] },
  结案: { from: ['核查'], to: '结案', roles: ['supervisor', 'acceptor'], needs: [] },
  返工: { from: ['核查'], to: '处置', roles: ['supervisor'], needs: ['note'] },
  作废: { from: ['上报', '立案'], to: '作废', roles: ['acceptor', 'supervisor'], needs: ['note'] },
};

/** What `decide` looks at: the case as it is. */
export interface CaseFacts {
  state: CaseState;
  kind: CaseKind;
  categoryCode: string;
  dept: string | null;
  assignee: string | null;
  checkResult: CheckResult | null;
}

export interface ActionInput {
  action: CaseAction;
  by: string;
  note?: string | undefined;
  assignee?: string | undefined;
  result?: CheckResult | undefined;
  /** When the action happens (UTC ms). */
  atMs: number;
}

/** The changes an allowed action makes to the case row. */
interface CasePatch {
  status: CaseState;
  assignee?: string;
  deadlineMs?: number;
  checkResult?: CheckResult | null;
  closedMs?: number;
}

type Refusal =
  | { code: 'cases.illegal_transition'; facts: { from: string; action: string } }
  | { code: 'cases.role_refused'; facts: { action: string; by: string; role: string; allowed: string } }
  | { code: 'cases.input_missing'; facts: { action: string; input: string } }
  | { code: 'cases.check_result'; facts: { action: string; result: string; needed: CheckResult } };

export type Decision = { ok: true; role: CaseRole; patch: CasePatch } | { ok: false; refusal: Refusal };

const ROLE_PREFIXES: readonly (readonly [string, CaseRole])[] = [
  ['监督员', 'inspector'],
  ['受理员', 'acceptor'],
  ['派遣员', 'dispatcher'],
  ['值班长', 'supervisor'],
];

/**
 * Whose hand an action is in, by the name it is made under: the names of a 数字城管 system
 * (`监督员012`, `受理员3`, `派遣员1`, `值班长2`) or the case's department or assignee (handler).
 */
export function roleOf(by: string, facts: Pick<CaseFacts, 'dept' | 'assignee'>): CaseRole {
  const name = by.trim();
  for (const [prefix, role] of ROLE_PREFIXES) if (name.startsWith(prefix)) return role;
  if (name.length > 0 && (name === facts.assignee || name === facts.dept)) return 'handler';
  return 'public';
}

/** The actions open to a case in a state (the panel's buttons). */
export function actionsFrom(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state));
}

const HOUR_MS = 3_600_000;

/** The department a category goes to when the dispatcher names none. */
function categoryDept(category: Pick<CaseCategory, 'kind' | 'majorCode' | 'code'>): string {
  if (category.kind === '部件' && category.majorCode === '01') {
    if (['0101', '0113'].includes(category.code)) return '南阳市供水总公司';
    if (category.code === '0111') return '南阳市燃气公司';
    if (['0105', '0117'].includes(category.code)) return '国网南阳供电公司';
    if (category.code === '0107') return '中国电信南阳分公司';
    return '市政工程管理处';
  }
  if (category.kind === '事件' && category.majorCode === '04') {
    const special: Record<string, string> = {
      '0402': '南阳市供水总公司',
      '0403': '南阳市燃气公司',
      '0404': '市政工程管理处',
      '0411': '消防救援支队',
    };
    return special[category.code] ?? '应急管理局';
  }
  const byMajor: Record<string, string> = {
    '事件-01': '城市管理局环卫处',
    '事件-02': '城市管理执法大队',
    '事件-03': '住房和城乡建设局',
    '事件-05': '城市管理执法大队',
    '部件-02': '交警支队',
    '部件-03': '城市管理局环卫处',
    '部件-04': '园林绿化中心',
    '部件-06': '住房和城乡建设局',
  };
  return byMajor[`${category.kind}-${category.majorCode}`] ?? '街道办事处';
}

/** The 处置 deadline set at 派遣: the category's hours (layers/cases.ts) from then. */
function deadlineFor(kind: CaseKind, code: string, dispatchedMs: number): number {
  return dispatchedMs + (caseCategory(kind, code)?.deadlineH ?? 24) * HOUR_MS;
}

/** Whether `input` may move a case in `facts`, and what it changes if so. Pure. */
export function decide(facts: CaseFacts, input: ActionInput): Decision {
  const t = TRANSITIONS[input.action];
  if (!t.from.includes(facts.state)) {
    return {
      ok: false,
      refusal: { code: 'cases.illegal_transition', facts: { from: facts.state, action: input.action } },
    };
  }
  const role = roleOf(input.by, facts);
  if (!t.roles.includes(role)) {
    return {
      ok: false,
      refusal: {
        code: 'cases.role_refused',
        facts: { action: input.action, by: input.by, role, allowed: t.roles.join(',') },
      },
    };
  }
  const note = input.note?.trim() ?? '';
  if (t.needs.includes('note') && note.length === 0) {
    return { ok: false, refusal: { code: 'cases.input_missing', facts: { action: input.action, input: 'note' } } };
  }
  if (t.needs.includes('result') && input.result === undefined) {
    return { ok: false, refusal: { code: 'cases.input_missing', facts: { action: input.action, input: 'result' } } };
  }
  const patch: CasePatch = { status: t.to };
  switch (input.action) {
    case '派遣': {
      const category = caseCategory(facts.kind, facts.categoryCode);
      const assignee = input.assignee?.trim() || facts.dept || (category ? categoryDept(category) : '') || '';
      if (assignee.length === 0) {
        return { ok: false, refusal: { code: 'cases.input_missing', facts: { action: '派遣', input: 'assignee' } } };
      }
      patch.assignee = assignee;
      patch.deadlineMs = deadlineFor(facts.kind, facts.categoryCode, input.atMs);
      break;
    }
    case '核查':
      patch.checkResult = input.result ?? null;
      break;
    case '结案':
      if (facts.checkResult !== 'pass') {
        return {
          ok: false,
          refusal: {
            code: 'cases.check_result',
            facts: { action: '结案', result: facts.checkResult ?? 'none', needed: 'pass' },
          },
        };
      }
      patch.closedMs = input.atMs;
      break;
    case '返工':
      if (facts.checkResult !== 'fail') {
        return {
          ok: false,
          refusal: {
            code: 'cases.check_result',
            facts: { action: '返工', result: facts.checkResult ?? 'none', needed: 'fail' },
          },
        };
      }
      patch.checkResult = null;
      break;
    default:
      break;
  }
  return { ok: true, role, patch };
}
