/**
 * Where cases arise and what they are: the share of each kind of place, the 小类 (GB/T
 * 30428.2, layers/cases) that arise there, and the department a category goes to.
 */
import type { CaseCategory, CaseKind } from '../../layers/cases.js';
import type { Rng } from '../rng.js';

export type Context = 'street' | 'manhole' | 'parcel' | 'hotspot' | 'site' | 'green';

export const CONTEXT_WEIGHTS: readonly (readonly [Context, number])[] = [
  ['street', 0.34],
  ['manhole', 0.12],
  ['parcel', 0.26],
  ['hotspot', 0.12],
  ['site', 0.09],
  ['green', 0.07],
];

/** Which 小类 arise where: [kind, code, weight]. */
export const CATEGORY_MIX: Record<Context, readonly (readonly [CaseKind, string, number])[]> = {
  street: [
    ['事件', '0505', 14],
    ['事件', '0506', 10],
    ['事件', '0504', 8],
    ['事件', '0102', 8],
    ['事件', '0104', 6],
    ['事件', '0201', 8],
    ['事件', '0204', 3],
    ['事件', '0203', 2],
    ['事件', '0306', 3],
    ['事件', '0401', 0.6],
    ['部件', '0118', 4],
    ['部件', '0117', 1.5],
    ['部件', '0209', 2],
    ['部件', '0211', 2],
    ['部件', '0213', 1],
    ['部件', '0214', 1],
    ['部件', '0212', 1],
    ['部件', '0203', 1],
    ['部件', '0402', 3],
    ['部件', '0403', 1.5],
    ['部件', '0305', 3],
    ['部件', '0121', 0.5],
    ['事件', '0107', 1],
    ['事件', '0109', 0.8],
    ['事件', '0601', 1],
  ],
  manhole: [],
  parcel: [
    ['事件', '0102', 10],
    ['事件', '0103', 6],
    ['事件', '0101', 5],
    ['事件', '0507', 6],
    ['事件', '0108', 3],
    ['事件', '0202', 2],
    ['事件', '0510', 1.5],
    ['事件', '0503', 1.5],
    ['部件', '0305', 2],
    ['部件', '0304', 1.5],
    ['部件', '0301', 1],
    ['部件', '0501', 0.5],
    ['部件', '0502', 0.3],
    ['事件', '0406', 1],
    ['事件', '0411', 0.1],
    ['事件', '0601', 1],
  ],
  hotspot: [
    ['事件', '0501', 12],
    ['事件', '0504', 8],
    ['事件', '0503', 2],
    ['事件', '0502', 1],
    ['事件', '0102', 3],
    ['事件', '0506', 4],
    ['事件', '0510', 2],
  ],
  site: [
    ['事件', '0302', 6],
    ['事件', '0301', 4],
    ['事件', '0304', 5],
    ['事件', '0305', 3],
    ['事件', '0307', 2],
    ['部件', '0602', 1],
    ['事件', '0103', 2],
  ],
  green: [
    ['事件', '0106', 6],
    ['事件', '0105', 4],
    ['部件', '0405', 2],
    ['部件', '0407', 1],
    ['部件', '0126', 1],
    ['事件', '0102', 2],
  ],
};

/** Manhole cover 小类 by pipe system; hydrants are 消防设施. */
export const COVER_OF: Record<string, string> = {
  给水: '0101',
  污水: '0102',
  雨水: '0103',
  电力: '0105',
  通信: '0107',
  热力: '0110',
  燃气: '0111',
};

const DEPT_OF: Record<string, string> = {
  '事件-01': '城市管理局环卫处',
  '事件-02': '城市管理执法大队',
  '事件-03': '住房和城乡建设局',
  '事件-05': '城市管理执法大队',
  '事件-06': '街道办事处',
  '部件-02': '交警支队',
  '部件-03': '城市管理局环卫处',
  '部件-04': '园林绿化中心',
  '部件-05': '街道办事处',
  '部件-06': '住房和城乡建设局',
};

export function deptOf(c: CaseCategory, rng: Rng): string {
  if (c.kind === '部件' && c.majorCode === '01') {
    if (['0101', '0113'].includes(c.code)) return '南阳市供水总公司';
    if (['0102', '0103'].includes(c.code)) return '市政工程管理处';
    if (c.code === '0111') return '南阳市燃气公司';
    if (['0105', '0117'].includes(c.code)) return '国网南阳供电公司';
    if (c.code === '0107') return rng.pick(['中国电信南阳分公司', '中国移动南阳分公司', '中国联通南阳分公司']);
    return '市政工程管理处';
  }
  if (c.kind === '事件' && c.majorCode === '04') {
    return (
      { '0402': '南阳市供水总公司', '0403': '南阳市燃气公司', '0404': '市政工程管理处', '0411': '消防救援支队' }[
        c.code
      ] ?? '应急管理局'
    );
  }
  return DEPT_OF[`${c.kind}-${c.majorCode}`] ?? '街道办事处';
}
