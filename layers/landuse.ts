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

const SECOND_LEVEL: readonly Row[] = [
  ['0101', '水田', 'Paddy field'],
  ['0102', '水浇地', 'Irrigated land'],
  ['0103', '旱地', 'Dry land'],
  ['0201', '果园', 'Orchard'],
  ['0202', '茶园', 'Tea garden'],
  ['0204', '油料园地', 'Oil-crop plantation'],
  ['0205', '其他园地', 'Other plantation'],
  ['0301', '乔木林地', 'Arbor forest'],
  ['0302', '竹林地', 'Bamboo forest'],
  ['0303', '灌木林地', 'Shrub forest'],
  ['0304', '其他林地', 'Other forest'],
  ['0401', '天然牧草地', 'Natural pasture'],
  ['0402', '人工牧草地', 'Artificial pasture'],
  ['0403', '其他草地', 'Other grassland'],
  ['0506', '内陆滩涂', 'Inland tidal flat'],
  ['0601', '农村道路', 'Rural road'],
  ['0602', '设施农用地', 'Agricultural facility land'],
  ['0701', '城镇住宅用地', 'Urban housing', '#ffff2d'],
  ['0702', '城镇社区服务设施用地', 'Urban community services'],
  ['0703', '农村宅基地', 'Rural homestead', '#ffd380'],
  ['0704', '农村社区服务设施用地', 'Rural community services', '#ffd380'],
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
  ['1205', '管道运输用地', 'Pipeline transport', '#999999'],
  ['1206', '城市轨道交通用地', 'Urban rail transit'],
  ['1207', '城镇村道路用地', 'Urban and village roads', '#a3a3a3'],
  ['1208', '交通场站用地', 'Transport stations'],
  ['1301', '供水用地', 'Water supply'],
  ['1302', '排水用地', 'Drainage'],
  ['1303', '供电用地', 'Power supply'],
  ['1304', '供燃气用地', 'Gas supply'],
  ['1305', '供热用地', 'Heat supply'],
  ['1306', '通信用地', 'Telecommunications'],
  ['1309', '环卫用地', 'Sanitation'],
  ['1310', '消防用地', 'Fire services'],
  ['1401', '公园绿地', 'Park', '#00ff00'],
  ['1402', '防护绿地', 'Protective green belt', '#148d4a'],
  ['1403', '广场用地', 'Square', '#acffcf'],
  ['1503', '宗教用地', 'Religious'],
  ['1504', '文物古迹用地', 'Cultural heritage'],
  ['1506', '殡葬用地', 'Cemetery'],
  ['1601', '留白用地', 'Reserved'],
  ['1701', '河流水面', 'River'],
  ['1702', '湖泊水面', 'Lake'],
  ['1703', '水库水面', 'Reservoir'],
  ['1704', '坑塘水面', 'Pond'],
  ['1705', '沟渠', 'Ditch'],
  ['2301', '空闲地', 'Vacant land'],
  ['2302', '田坎', 'Field ridge'],
  ['2306', '裸土地', 'Bare soil'],
];

function build(): ReadonlyMap<string, LandUseClass> {
  const classes = new Map<string, LandUseClass>();
  for (const [code, nameZh, nameEn, colour, group] of FIRST_LEVEL) {
    classes.set(code, { code, nameZh, nameEn, colour: colour ?? '#cccccc', group });
  }
  for (const [code, nameZh, nameEn, colour] of SECOND_LEVEL) {
    const parent = classes.get(code.slice(0, 2));
    if (!parent) continue;
    classes.set(code, { code, nameZh, nameEn, colour: colour ?? parent.colour, group: parent.group });
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

export function landUseGroup(code: string | null | undefined): LandUseGroup | undefined {
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
