/** Words of the multi-plan review's PDF report, Chinese first. Environment: common. */
import type { ReportLang } from '../../report/document.js';

export type { ReportLang };

const ZH = {
  title: '多规合一冲突分析报告',
  subtitle: '国土空间规划“一张图”冲突检测',
  date: '生成时间',
  workspace: '工作空间',
  resultLayer: '结果图层',
  inputs: '参与比对的图层',
  layer: '图层',
  classField: '分类字段',
  features: '要素数',
  rules: '冲突规则',
  sliver: '碎片控制',
  sliverRule: '面积 < {{area}} m² 或平均宽度 < {{width}} m 的碎片不计（已剔除 {{count}} 个，合计 {{dropped}} m²）',
  zone: '面积计算坐标系',
  totals: '冲突 {{count}} 处，合计 {{area}} m²（{{ha}} 公顷）',
  map: '冲突分布图',
  mapNote: '输入图层要素过多（{{count}} 个），图中只画冲突',
  legendHigh: '严重',
  legendMedium: '较重',
  legendLow: '一般',
  byRule: '按规则统计',
  bySeverity: '按严重程度（面积）',
  byPair: '按用地分类对统计（前 {{n}} 项）',
  byDistrict: '按区域统计',
  topConflicts: '面积最大的冲突（前 {{n}} 处）',
  rule: '规则',
  severity: '严重程度',
  reason: '冲突原因',
  count: '数量',
  area: '面积 (m²)',
  classA: '甲方分类',
  classB: '乙方分类',
  district: '区域',
  noDistrict: '（未指定）',
  none: '无',
  page: '第 {{n}} 页',
  high: '严重',
  medium: '较重',
  low: '一般',
} as const;

type Labels = Record<keyof typeof ZH, string>;

const EN: Labels = {
  title: 'Multi-plan conflict review',
  subtitle: 'Conflicts between the territorial plans of one area',
  date: 'Generated',
  workspace: 'Workspace',
  resultLayer: 'Result layer',
  inputs: 'Layers compared',
  layer: 'Layer',
  classField: 'Class field',
  features: 'Features',
  rules: 'Conflict rules',
  sliver: 'Sliver control',
  sliverRule:
    'Parts under {{area}} m² or under {{width}} m mean width are not counted ({{count}} dropped, {{dropped}} m² in all)',
  zone: 'Areas measured in',
  totals: '{{count}} conflicts, {{area}} m² ({{ha}} ha) in all',
  map: 'Map of the conflicts',
  mapNote: 'The input layers have too many features ({{count}}): the map shows only the conflicts',
  legendHigh: 'High',
  legendMedium: 'Medium',
  legendLow: 'Low',
  byRule: 'By rule',
  bySeverity: 'By severity (area)',
  byPair: 'By class pair (top {{n}})',
  byDistrict: 'By district',
  topConflicts: 'Largest conflicts (top {{n}})',
  rule: 'Rule',
  severity: 'Severity',
  reason: 'Reason',
  count: 'Count',
  area: 'Area (m²)',
  classA: 'Class A',
  classB: 'Class B',
  district: 'District',
  noDistrict: '(none)',
  none: 'none',
  page: 'Page {{n}}',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export type LabelKey = keyof typeof ZH;

export function labels(lang: ReportLang): (key: LabelKey, facts?: Record<string, string | number>) => string {
  const table: Labels = lang === 'en' ? EN : ZH;
  return (key, facts = {}) => table[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(facts[k] ?? ''));
}

/** Severity colours of the globe's hatching and the report: one table, in layers/plan-rules. */
export { SEVERITY_COLOURS } from '../../../layers/plan-rules.js';
