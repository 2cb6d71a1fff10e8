/**
 * Underground pipeline systems with the codes and colours of CJJ 61-2017《城市地下管线探测技术
 * 规程》附录 B 管线的种类、代号、代码与颜色 (as tabulated at
 * github.com/BdJmLtd/BdJmLtd.github.io _pipeline/dict/pipeline-type-code-color.md):
 * 给水 JS 天蓝 (0,255,255); 排水 PS 褐 (76,57,38) with 雨水 YS and 污水 WS; 燃气 RQ 粉红
 * (255,0,255); 热力 RL 橘黄 (255,128,0); 电力 DL 大红 (255,0,0); 通信 TX 绿 (0,255,0).
 * Rain and sewage share the drainage colour, as the standard gives it. Environment: common.
 */

export type PipeSystem = '给水' | '雨水' | '污水' | '燃气' | '热力' | '电力' | '通信';

export interface PipeSystemInfo {
  system: PipeSystem;
  /** 代号 used in point and line numbers (small class for drainage, large class otherwise). */
  code: string;
  /** CJJ 61 large-class 代码 (1 给水 ... 6 通信). */
  classCode: number;
  nameEn: string;
  /** `#rrggbb`, CJJ 61-2017 附录 B. */
  colour: string;
  /** Gravity flow (invert elevations) rather than pressure or cable ducts (cover depth). */
  gravity: boolean;
  /** Kinds of pipeline points (管线点特征) used for this system. */
  nodeKinds: readonly string[];
}

export const PIPE_SYSTEMS: readonly PipeSystemInfo[] = [
  {
    system: '给水',
    code: 'JS',
    classCode: 1,
    nameEn: 'Water supply',
    colour: '#00ffff',
    gravity: false,
    nodeKinds: ['三通', '四通', '弯头', '变径', '阀门', '消火栓', '堵头'],
  },
  {
    system: '雨水',
    code: 'YS',
    classCode: 2,
    nameEn: 'Stormwater',
    colour: '#4c3926',
    gravity: true,
    nodeKinds: ['检查井', '出水口'],
  },
  {
    system: '污水',
    code: 'WS',
    classCode: 2,
    nameEn: 'Sewage',
    colour: '#4c3926',
    gravity: true,
    nodeKinds: ['检查井', '出水口'],
  },
  {
    system: '燃气',
    code: 'RQ',
    classCode: 3,
    nameEn: 'Gas',
    colour: '#ff00ff',
    gravity: false,
    nodeKinds: ['三通', '四通', '弯头', '阀门', '凝水缸', '堵头'],
  },
  {
    system: '热力',
    code: 'RL',
    classCode: 4,
    nameEn: 'District heating',
    colour: '#ff8000',
    gravity: false,
    nodeKinds: ['检查室', '阀门', '堵头'],
  },
  {
    system: '电力',
    code: 'DL',
    classCode: 5,
    nameEn: 'Electric power',
    colour: '#ff0000',
    gravity: false,
    nodeKinds: ['工作井', '手孔'],
  },
  {
    system: '通信',
    code: 'TX',
    classCode: 6,
    nameEn: 'Telecommunications',
    colour: '#00ff00',
    gravity: false,
    nodeKinds: ['人孔', '手孔'],
  },
];

const BY_SYSTEM = new Map(PIPE_SYSTEMS.map((s) => [s.system, s]));

export function pipeSystem(system: string): PipeSystemInfo | undefined {
  return BY_SYSTEM.get(system as PipeSystem);
}

/** CJJ 61 colour of a system, grey (不明管线 is purple in the standard; grey for unknown input). */
export function pipeColour(system: string): string {
  return pipeSystem(system)?.colour ?? '#808080';
}

/** Category colours for a layer styled by `system` (the renderer's `categories` thematic). */
export function pipeColourMap(): Record<string, string> {
  return Object.fromEntries(PIPE_SYSTEMS.map((s) => [s.system, s.colour]));
}

/**
 * 管线点特征 the network analyses act on (issue #14). Sources feed a pressure network (水源:
 * water works and pumping stations; 调压站: gas regulators; 热源: heat plants); valves stop a
 * flood fill; service connections (接户点) carry households; 出水口 ends a gravity system.
 */
export const SOURCE_KINDS: readonly string[] = ['水源', '调压站', '热源'];
export const VALVE_KINDS: readonly string[] = ['阀门'];
export const SERVICE_KINDS: readonly string[] = ['接户点'];
export const OUTFALL_KINDS: readonly string[] = ['出水口'];
/** Points where a line may end without being a dangle (cable and heat networks end in their pits and chambers). */
export const END_KINDS: readonly string[] = [
  '堵头',
  '出水口',
  '水源',
  '调压站',
  '热源',
  '接户点',
  '工作井',
  '人孔',
  '手孔',
  '检查室',
];

export type ValveStatus = 'open' | 'closed';

/** 开/关, open/closed, 1/0: a valve's state; null when it says nothing (treated as open). */
export function valveStatus(value: unknown): ValveStatus | null {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
  const t = String(value).trim().toLowerCase();
  if (['开', '开启', '常开', 'open', 'o', '1', 'true'].includes(t)) return 'open';
  if (['关', '关闭', '常闭', 'closed', 'close', 'c', '0', 'false'].includes(t)) return 'closed';
  return null;
}

/** 敷设方式 (laying): direct-buried, duct bank (排管, incl. protective conduit) or trench. */
export type Laying = '直埋' | '排管' | '管沟';

/**
 * Cover (to the pipe top) assumed when a pressure or cable segment has no depth: the minimum
 * covers the design codes require, so a defaulted pipe is never reported shallower than the
 * code allows. 给水 GB 50013-2018 §7.4.5 (≥ 0.7 m under carriageways, frost line ~1.0 m in
 * 驻马店); 燃气 GB 50028-2006 §6.3.4 (≥ 0.9 m under carriageways); 热力 CJJ 34-2010 §8.2.8
 * (≥ 0.7 m); 电力 GB 50217-2018 §5.3.1 (≥ 0.7 m); 通信 GB 50373 (≥ 0.7 m). Drains without
 * inverts take 1.5 m to the top. Every defaulted pipe is flagged in the analyses' output.
 */
export const DEFAULT_COVER_M: Record<PipeSystem, number> = {
  给水: 1.0,
  雨水: 1.5,
  污水: 1.5,
  燃气: 0.9,
  热力: 0.7,
  电力: 0.7,
  通信: 0.7,
};

/**
 * Field names of the network model and the usual survey names that map onto them (CJJ 61
 * 成果表 headings and common English exports). The first name found in a layer wins.
 */
export const SEGMENT_FIELD_ALIASES = {
  pipe_id: ['pipe_id', '管线编号', '管段编号', '编号', 'id', 'PIPEID'],
  system: ['system', '管线类别', '管线类型', '类别', 'type'],
  from_node: ['from_node', '起点点号', '起点', 'start_node', 'FROM'],
  to_node: ['to_node', '终点点号', '终点', 'end_node', 'TO'],
  diameter_mm: ['diameter_mm', '管径', 'diameter', 'DN', 'dn'],
  width_mm: ['width_mm', '宽'],
  height_mm: ['height_mm', '高'],
  section: ['section', '断面', '规格'],
  material: ['material', '材质', '管材'],
  pressure: ['pressure', '压力', '压力等级'],
  laying: ['laying', '埋设方式', '敷设方式'],
  start_depth_m: ['start_depth_m', '起点埋深'],
  end_depth_m: ['end_depth_m', '终点埋深'],
  depth_m: ['depth_m', '埋深'],
  inv_start_m: ['inv_start_m', '起点管底高程', '起点管底'],
  inv_end_m: ['inv_end_m', '终点管底高程', '终点管底'],
  laid_year: ['laid_year', '埋设年代', '建设年代', 'year'],
} as const;

export const NODE_FIELD_ALIASES = {
  node_id: ['node_id', '物探点号', '点号', '管线点号', 'id', 'NODEID'],
  system: ['system', '管线类别', '管线类型', '类别', 'type'],
  kind: ['kind', '特征', '附属物', '特征点', 'feature'],
  status: ['status', '状态', '阀门状态', '开关状态'],
  households: ['households', '户数', '用户数'],
  ground_m: ['ground_m', '地面高程'],
  depth_m: ['depth_m', '埋深', '井深'],
  invert_m: ['invert_m', '管底高程', '井底高程'],
} as const;
