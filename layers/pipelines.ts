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

/** 压力等级 of water and gas pipes (GB 50028-2006 表 6.1.6 names the gas classes). */
export const PRESSURE_CLASSES = ['低压', '中压', '次高压'] as const;
