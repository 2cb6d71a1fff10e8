/**
 * Urban-management case classification of GB/T 30428.2-2013《数字化城市管理信息系统 第2部分：
 * 管理部件和事件》(carrying over CJ/T 214-2007): 部件 (managed components) and 事件 (events), each
 * in six 大类 with two-digit codes and 小类 coded 大类 + two digits. The 小类 here are the common
 * ones of the standard's tables as city systems implement them (e.g. part code
 * 320508 0101 000001 = 上水井盖 in a Suzhou 部件 record: district, 大类 01, 小类 01, serial);
 * a workspace may carry further local 小类. The case workflow of GB/T 30428.1 runs
 * 上报 -> 立案 -> 派遣 -> 处置 -> 核查 -> 结案; a failed check sends a case back (返工).
 * Environment: common.
 */

export type CaseKind = '部件' | '事件';

export interface CaseMajor {
  kind: CaseKind;
  code: string;
  name: string;
}

export interface CaseCategory {
  kind: CaseKind;
  /** 大类 code, two digits. */
  majorCode: string;
  majorName: string;
  /** 小类 code: 大类 + two digits, e.g. `0102`. */
  code: string;
  name: string;
  /** Time allowed for 处置 after 派遣 (hours), as city 立结案标准 set it. */
  deadlineH: number;
}

export const CASE_MAJORS: readonly CaseMajor[] = [
  { kind: '部件', code: '01', name: '公用设施' },
  { kind: '部件', code: '02', name: '道路交通' },
  { kind: '部件', code: '03', name: '市容环境' },
  { kind: '部件', code: '04', name: '园林绿化' },
  { kind: '部件', code: '05', name: '房屋土地' },
  { kind: '部件', code: '06', name: '其他设施' },
  { kind: '事件', code: '01', name: '市容环境' },
  { kind: '事件', code: '02', name: '宣传广告' },
  { kind: '事件', code: '03', name: '施工管理' },
  { kind: '事件', code: '04', name: '突发事件' },
  { kind: '事件', code: '05', name: '街面秩序' },
  { kind: '事件', code: '06', name: '其他事件' },
];

type Row = readonly [kind: CaseKind, code: string, name: string, deadlineH: number];

const MINORS: readonly Row[] = [
  ['部件', '0101', '上水井盖', 24],
  ['部件', '0102', '污水井盖', 24],
  ['部件', '0103', '雨水井盖', 24],
  ['部件', '0104', '雨水箅子', 24],
  ['部件', '0105', '电力井盖', 24],
  ['部件', '0106', '路灯井盖', 24],
  ['部件', '0107', '通信井盖', 24],
  ['部件', '0110', '热力井盖', 24],
  ['部件', '0111', '燃气井盖', 8],
  ['部件', '0113', '消防设施', 24],
  ['部件', '0117', '电杆', 48],
  ['部件', '0118', '路灯', 48],
  ['部件', '0121', '报刊亭', 72],
  ['部件', '0126', '健身设施', 72],
  ['部件', '0203', '公交站亭', 48],
  ['部件', '0209', '交通标志牌', 48],
  ['部件', '0211', '交通护栏', 48],
  ['部件', '0212', '存车支架', 72],
  ['部件', '0213', '路名牌', 72],
  ['部件', '0214', '交通信号灯', 8],
  ['部件', '0301', '公共厕所', 24],
  ['部件', '0304', '垃圾间', 24],
  ['部件', '0305', '垃圾箱', 24],
  ['部件', '0307', '广告牌匾', 72],
  ['部件', '0402', '行道树', 48],
  ['部件', '0403', '树池箅子', 72],
  ['部件', '0405', '绿地', 72],
  ['部件', '0407', '街头座椅', 72],
  ['部件', '0501', '宣传栏', 72],
  ['部件', '0502', '人防工事', 72],
  ['部件', '0602', '工地', 48],
  ['事件', '0101', '私搭乱建', 72],
  ['事件', '0102', '暴露垃圾', 2],
  ['事件', '0103', '积存垃圾渣土', 4],
  ['事件', '0104', '道路不洁', 4],
  ['事件', '0105', '水域不洁', 24],
  ['事件', '0106', '绿地脏乱', 8],
  ['事件', '0107', '废弃车辆', 72],
  ['事件', '0108', '废弃家具设备', 8],
  ['事件', '0109', '非装饰性树挂', 24],
  ['事件', '0201', '非法小广告', 4],
  ['事件', '0202', '违章张贴悬挂广告牌匾', 24],
  ['事件', '0203', '占道广告牌', 24],
  ['事件', '0204', '街头散发小广告', 2],
  ['事件', '0301', '施工扰民', 8],
  ['事件', '0302', '工地扬尘', 8],
  ['事件', '0304', '道路遗撒', 4],
  ['事件', '0305', '施工废弃料', 24],
  ['事件', '0306', '道路破损', 48],
  ['事件', '0307', '施工工地未围挡', 24],
  ['事件', '0401', '路面塌陷', 2],
  ['事件', '0402', '自来水管破裂', 2],
  ['事件', '0403', '燃气管道破裂', 1],
  ['事件', '0404', '下水道堵塞或破损', 4],
  ['事件', '0406', '架空线缆损坏', 8],
  ['事件', '0411', '火灾', 1],
  ['事件', '0501', '无照经营游商', 1],
  ['事件', '0502', '流浪乞讨', 4],
  ['事件', '0503', '占道废品收购', 2],
  ['事件', '0504', '店外经营', 2],
  ['事件', '0505', '机动车乱停放', 2],
  ['事件', '0506', '非机动车乱停放', 2],
  ['事件', '0507', '乱堆物堆料', 4],
  ['事件', '0510', '露天烧烤', 2],
  ['事件', '0601', '其他事件', 24],
];

function majorOf(kind: CaseKind, code: string): CaseMajor {
  const m = CASE_MAJORS.find((x) => x.kind === kind && x.code === code.slice(0, 2));
  if (!m) throw new RangeError(`no 大类 for ${kind} ${code}`);
  return m;
}

export const CASE_CATEGORIES: readonly CaseCategory[] = MINORS.map(([kind, code, name, deadlineH]) => {
  const major = majorOf(kind, code);
  return { kind, majorCode: major.code, majorName: major.name, code, name, deadlineH };
});

export function caseCategory(kind: CaseKind, code: string): CaseCategory | undefined {
  return CASE_CATEGORIES.find((c) => c.kind === kind && c.code === code);
}

/** GB/T 30428.1 workflow, in order. */
export const CASE_STATUSES = ['上报', '立案', '派遣', '处置', '核查', '结案'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** A step in a case's history that is not a status: a failed check returns the case. */
export const CASE_RETURN_STEP = '返工';

export const CASE_SOURCES = ['监督员', '公众举报', '12345', '视频AI'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Map colours of the workflow statuses (grey reported ... green closed). */
export const CASE_STATUS_COLOURS: Readonly<Record<CaseStatus, string>> = {
  上报: '#9e9e9e',
  立案: '#1e88e5',
  派遣: '#fb8c00',
  处置: '#fdd835',
  核查: '#8e24aa',
  结案: '#43a047',
};
