/**
 * Land-use classification of 国土空间调查、规划、用途管制用地用海分类指南 (自然资源部, 2023 edition;
 * land classes only, sea classes 18-22 omitted), with the map colours of
 * 市级国土空间总体规划制图规范（试行）附录 B 用地用海分类配色指引. A second-level class without a
 * colour of its own in 附录 B takes its first-level colour. Environment: common.
 *
 * Groups follow the guide's 三大类 as used in plan review: 建设用地 (construction: 07-16),
 * 农用地 (agricultural: 01 耕地, 02 园地, 06 农业设施建设用地; 03 林地 and 04 草地 are counted
 * as ecological here, as 生态保护红线 reviews treat them), 生态/未利用 (03, 04, 05, 17, 23).
 */

export type LandUseGroup = 'farmland' | 'agricultural' | 'ecological' | 'construction' | 'water' | 'other';

export interface LandUseClass {
  /** Two-digit first-level or four-digit second-level code, e.g. `07`, `0701`. */
  code: string;
  nameZh: string;
  nameEn: string;
  /** `#rrggbb` fill colour (附录 B). */
  colour: string;
  group: LandUseGroup;
  /** `B`: the colour is 附录B's; `tone`: a tone of the first-level colour (siblingTone). */
  source: 'B' | 'tone';
}

type Row = readonly [code: string, nameZh: string, nameEn: string, colour?: string];

const FIRST_LEVEL: readonly (readonly [...Row, LandUseGroup])[] = [
  ['01', '耕地', 'Cropland', '#f5f8dc', 'farmland'],
  ['02', '园地', 'Orchard and plantation', '#bfe9aa', 'agricultural'],
  ['03', '林地', 'Forest', '#68b167', 'ecological'],
  ['04', '草地', 'Grassland', '#cdf57a', 'ecological'],
  ['05', '湿地', 'Wetland', '#65cdaa', 'ecological'],
  ['06', '农业设施建设用地', 'Agricultural facilities', '#d8d79f', 'agricultural'],
  ['07', '居住用地', 'Residential', '#ffff2d', 'construction'],
  ['08', '公共管理与公共服务用地', 'Public administration and services', '#ff00ff', 'construction'],
  ['09', '商业服务业用地', 'Commercial and business', '#ff0000', 'construction'],
  ['10', '工矿用地', 'Industrial and mining', '#bb9674', 'construction'],
  ['11', '仓储用地', 'Warehousing', '#8761d3', 'construction'],
  ['12', '交通运输用地', 'Transport', '#b7b7b7', 'construction'],
  ['13', '公用设施用地', 'Public utilities', '#006380', 'construction'],
  ['14', '绿地与开敞空间用地', 'Green and open space', '#00ff00', 'construction'],
  ['15', '特殊用地', 'Special use', '#859156', 'construction'],
  ['16', '留白用地', 'Reserved', '#ffffff', 'construction'],
  ['17', '陆地水域', 'Inland water', '#338ec0', 'water'],
  ['23', '其他土地', 'Other land', '#eeeeee', 'other'],
];

/**
 * Second-level classes of the 2023 guide. A colour here is 附录B's own for that class; a class
 * without one gets a tone of its first-level colour (see `siblingTone`), so that siblings such
 * as 0901 商业用地 and 0902 商务金融用地 never share a colour. landuse-colours.md lists which
 * is which.
 */
const SECOND_LEVEL: readonly Row[] = [
  ['0101', '水田', 'Paddy field'],
  ['0102', '水浇地', 'Irrigated land'],
  ['0103', '旱地', 'Dry land'],
  ['0201', '果园', 'Orchard'],
  ['0202', '茶园', 'Tea garden'],
  ['0203', '橡胶园地', 'Rubber plantation'],
  ['0204', '油料园地', 'Oil-crop plantation'],
  ['0205', '其他园地', 'Other plantation'],
  ['0301', '乔木林地', 'Arbor forest'],
  ['0302', '竹林地', 'Bamboo forest'],
  ['0303', '灌木林地', 'Shrub forest'],
  ['0304', '其他林地', 'Other forest'],
  ['0401', '天然牧草地', 'Natural pasture'],
  ['0402', '人工牧草地', 'Artificial pasture'],
  ['0403', '其他草地', 'Other grassland'],
  ['0501', '森林沼泽', 'Forest swamp'],
  ['0502', '灌丛沼泽', 'Shrub swamp'],
  ['0503', '沼泽草地', 'Marsh meadow'],
  ['0504', '其他沼泽地', 'Other marsh'],
  ['0505', '沿海滩涂', 'Coastal tidal flat'],
  ['0506', '内陆滩涂', 'Inland tidal flat'],
  ['0507', '红树林地', 'Mangrove'],
  ['0601', '农村道路', 'Rural road'],
  ['0602', '设施农用地', 'Agricultural facility land'],
  ['0701', '城镇住宅用地', 'Urban housing', '#ffff2d'],
  ['0702', '城镇社区服务设施用地', 'Urban community services'],
  ['0703', '农村宅基地', 'Rural homestead', '#ffd380'],
  ['0704', '农村社区服务设施用地', 'Rural community services'],
  ['0801', '机关团体用地', 'Government and organisations', '#ff00ff'],
  ['0802', '科研用地', 'Research', '#e6005c'],
  ['0803', '文化用地', 'Culture', '#ff7f00'],
  ['0804', '教育用地', 'Education', '#ff85c9'],
  ['0805', '体育用地', 'Sports', '#00a57c'],
  ['0806', '医疗卫生用地', 'Health care', '#ff7f7e'],
  ['0807', '社会福利用地', 'Social welfare', '#ff9f7f'],
  ['0901', '商业用地', 'Commercial'],
  ['0902', '商务金融用地', 'Business and finance'],
  ['0903', '娱乐康体用地', 'Entertainment and recreation'],
  ['0904', '其他商业服务业用地', 'Other commercial services'],
  ['1001', '工业用地', 'Industrial', '#bb9674'],
  ['1002', '采矿用地', 'Mining', '#9e6c54'],
  ['1003', '盐田', 'Salt pan', '#0000ff'],
  ['1101', '物流仓储用地', 'Logistics and warehousing', '#8761d3'],
  ['1102', '储备库用地', 'Strategic reserve depots', '#9999ff'],
  ['1201', '铁路用地', 'Railway'],
  ['1202', '公路用地', 'Highway', '#adadad'],
  ['1203', '机场用地', 'Airport'],
  ['1204', '港口码头用地', 'Port and wharf'],
  ['1205', '管道运输用地', 'Pipeline transport', '#999999'],
  ['1206', '城市轨道交通用地', 'Urban rail transit'],
  ['1207', '城镇村道路用地', 'Urban and village roads', '#a3a3a3'],
  ['1208', '交通场站用地', 'Transport stations'],
  ['1209', '其他交通设施用地', 'Other transport facilities'],
  ['1301', '供水用地', 'Water supply'],
  ['1302', '排水用地', 'Drainage'],
  ['1303', '供电用地', 'Power supply'],
  ['1304', '供燃气用地', 'Gas supply'],
  ['1305', '供热用地', 'Heat supply'],
  ['1306', '通信用地', 'Telecommunications'],
  ['1307', '邮政用地', 'Postal services'],
  ['1308', '广播电视设施用地', 'Broadcasting facilities'],
  ['1309', '环卫用地', 'Sanitation'],
  ['1310', '消防用地', 'Fire services'],
  ['1311', '水工设施用地', 'Hydraulic structures'],
  ['1312', '其他公用设施用地', 'Other utilities'],
  ['1401', '公园绿地', 'Park', '#00ff00'],
  ['1402', '防护绿地', 'Protective green belt', '#148d4a'],
  ['1403', '广场用地', 'Square', '#acffcf'],
  ['1501', '军事设施用地', 'Military'],
  ['1502', '使领馆用地', 'Embassies and consulates'],
  ['1503', '宗教用地', 'Religious'],
  ['1504', '文物古迹用地', 'Cultural heritage'],
  ['1505', '监教场所用地', 'Detention and correction'],
  ['1506', '殡葬用地', 'Cemetery'],
  ['1507', '其他特殊用地', 'Other special use'],
  ['1601', '留白用地', 'Reserved'],
  ['1701', '河流水面', 'River'],
  ['1702', '湖泊水面', 'Lake'],
  ['1703', '水库水面', 'Reservoir'],
  ['1704', '坑塘水面', 'Pond'],
  ['1705', '沟渠', 'Ditch'],
  ['1706', '冰川及常年积雪', 'Glacier and permanent snow'],
  ['2301', '空闲地', 'Vacant land'],
  ['2302', '田坎', 'Field ridge'],
  ['2303', '田间道', 'Field road'],
  ['2304', '盐碱地', 'Saline land'],
  ['2305', '沙地', 'Sand'],
  ['2306', '裸土地', 'Bare soil'],
  ['2307', '裸岩石砾地', 'Bare rock and gravel'],
];

function hexToHsl(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function hslToHex(h: number, s: number, l: number): string {
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  const byte = (v: number): string =>
    Math.round(Math.min(Math.max(v, 0), 1) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(f(0))}${byte(f(8))}${byte(f(4))}`;
}

/**
 * The tone of a first-level colour for its `index`-th second-level class (0-based, of
 * `count`): the same hue and saturation, lightness stepped away from the parent's, darker
 * and lighter in turn (towards the side with room when the parent is very light or dark).
 * Index 0 is the parent colour itself, as 附录B gives the first child (0701, 1001, 1401…).
 */
/** Lightness, 0-1. */
const MAX_TONE_SHIFT = 0.28;

export function siblingTone(parentHex: string, index: number, count: number): string {
  if (index === 0) return parentHex.toLowerCase();
  const [h, s, l] = hexToHsl(parentHex);
  const steps = Math.max(count - 1, 1);
  // at most MAX_TONE_SHIFT either way, so a tone still reads as its class family
  const room = { down: Math.min(l - 0.15, MAX_TONE_SHIFT), up: Math.min(0.92 - l, MAX_TONE_SHIFT) };
  const oneSide = room.up < 0.1 ? -1 : room.down < 0.1 ? 1 : 0;
  if (oneSide !== 0) {
    const span = oneSide < 0 ? room.down : room.up;
    return hslToHex(h, s, l + (oneSide * span * index) / steps);
  }
  const pairs = Math.ceil(steps / 2);
  const rank = Math.ceil(index / 2);
  const sign = index % 2 === 1 ? -1 : 1;
  const span = sign < 0 ? room.down : room.up;
  return hslToHex(h, s, l + (sign * span * rank) / (pairs + 0.5));
}

function rgbDistance(a: string, b: string): number {
  const x = Number.parseInt(a.slice(1), 16);
  const y = Number.parseInt(b.slice(1), 16);
  return Math.hypot(((x >> 16) & 255) - ((y >> 16) & 255), ((x >> 8) & 255) - ((y >> 8) & 255), (x & 255) - (y & 255));
}

/** Colours closer than this (RGB distance) read as one on a map. */
const MIN_SIBLING_DISTANCE = 12;

/**
 * Tones for the children of a first-level class that 附录B gives no colour: candidate tones
 * in `siblingTone` order, each child taking the first not too close to a sibling's colour.
 */
function tones(parentHex: string): Map<string, string> {
  const parent = parentHex.slice(0, 7);
  const children = SECOND_LEVEL.filter((row) =>
    row[0].startsWith(FIRST_LEVEL.find((f) => f[3] === parent)?.[0] ?? '--'),
  );
  const taken = children.flatMap((row) => (row[3] ? [row[3]] : []));
  const n = children.length;
  // broad steps first; finer ones only when a broad one is too close to a 附录B sibling
  const candidates = [
    ...Array.from({ length: n }, (_, k) => siblingTone(parent, k, n)),
    ...Array.from({ length: 2 * n + 1 }, (_, k) => siblingTone(parent, k, 2 * n + 1)),
  ];
  const out = new Map<string, string>();
  for (const [code, , , colour] of children) {
    if (colour) continue;
    const pick = candidates.find((c) => taken.every((t) => rgbDistance(c, t) >= MIN_SIBLING_DISTANCE)) ?? parent;
    taken.push(pick);
    out.set(code, pick);
  }
  return out;
}

function build(): ReadonlyMap<string, LandUseClass> {
  const classes = new Map<string, LandUseClass>();
  for (const [code, nameZh, nameEn, colour, group] of FIRST_LEVEL) {
    classes.set(code, { code, nameZh, nameEn, colour: colour ?? '#cccccc', group, source: 'B' });
  }
  for (const [code, nameZh, nameEn, colour] of SECOND_LEVEL) {
    const parent = classes.get(code.slice(0, 2));
    if (!parent) continue;
    const tone = colour ?? tones(parent.colour).get(code) ?? parent.colour;
    classes.set(code, { code, nameZh, nameEn, colour: tone, group: parent.group, source: colour ? 'B' : 'tone' });
  }
  return classes;
}

const CLASSES = build();

/** Every class, first level then second level, in code order. */
export function landUseClasses(): LandUseClass[] {
  return [...CLASSES.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The class of a code as written in plan data: `0701`, `070101` (third level falls back to
 * its second-level class), `07`. Unknown codes give undefined.
 */
export function landUseClass(code: string | null | undefined): LandUseClass | undefined {
  if (!code) return undefined;
  const clean = code.trim();
  return CLASSES.get(clean) ?? CLASSES.get(clean.slice(0, 4)) ?? CLASSES.get(clean.slice(0, 2));
}

function landUseGroup(code: string | null | undefined): LandUseGroup | undefined {
  return landUseClass(code)?.group;
}

/** 建设用地: first-level classes 07-16. */
export function isConstructionLand(code: string | null | undefined): boolean {
  return landUseGroup(code) === 'construction';
}

/** Fill colour for a code, grey for unknown codes. */
export function landUseColour(code: string | null | undefined): string {
  return landUseClass(code)?.colour ?? '#9aa0a6';
}
