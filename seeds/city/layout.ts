/**
 * The fixed plan of the demo city, in local metres around ORIGIN_GK (seeds/geo/frame):
 * the 白河 reach, the arterial/secondary road grid with Nanyang street names, the scales.
 * Everything random is drawn later from the seed; this file is the city's geography.
 */
import type { XY } from '../geo/frame.js';

export type SeedScale = 'small' | 'full';

export interface ScaleSpec {
  scale: SeedScale;
  /** The district is the square [-half, half]^2. */
  halfSizeM: number;
  demCellM: number;
  /** DEM extent beyond the district on every side. */
  demMarginM: number;
  /** Cells of nodata value around the DEM. */
  demNodataBorderPx: number;
  orthoCellM: number;
  /** Urban-management cases over 2023-2024. */
  casesCount: number;
}

export const SCALES: Record<SeedScale, ScaleSpec> = {
  full: {
    scale: 'full',
    halfSizeM: 1500,
    demCellM: 2,
    demMarginM: 200,
    demNodataBorderPx: 4,
    orthoCellM: 0.5,
    casesCount: 100_000,
  },
  small: {
    scale: 'small',
    halfSizeM: 750,
    demCellM: 4,
    demMarginM: 160,
    demNodataBorderPx: 4,
    orthoCellM: 1,
    casesCount: 10_000,
  },
};

/**
 * 白河 centreline, north-east to south-west (the river enters Nanyang's urban area from the
 * north-east past 独山 and leaves to the south-west). Extends beyond the full district.
 */
export const RIVER_CENTRELINE: readonly XY[] = [
  [2600, 1270],
  [1700, 760],
  [800, 250],
  [250, -400],
  [-300, -1100],
  [-560, -1700],
  [-900, -2500],
];

/** Offsets from the centreline, metres; negative is the north-west (city) bank. */
export const RIVER = {
  waterHalfWidthM: 120,
  /** 生态保护红线 along the river: water plus the floodplain (河滩) on both banks. */
  ecoHalfWidthM: 170,
  /** 滨河西路 red line on the city bank: from the eco line outwards by this width. */
  riversideRoadWidthM: 30,
  /** 滨河西路 runs from the north-east edge down to 中州路 (y of its centreline). */
  riversideRoadSouthEndY: -410,
} as const;

export type RoadGrade = '主干路' | '次干路' | '支路';

export interface GridRoad {
  name: string;
  axis: 'x' | 'y';
  /** x of a north-south road, y of an east-west road. */
  at: number;
  grade: RoadGrade;
  /** Red-line width on the city bank. */
  widthM: number;
}

/**
 * Arterial and secondary roads. Red-line widths follow GB 50220 / CJJ 37 practice for a
 * city of Nanyang's size (主干路 40-50 m, 次干路 24-32 m). Names are real Nanyang streets,
 * placed freely.
 */
export const GRID_ROADS: readonly GridRoad[] = [
  { name: '卧龙路', axis: 'x', at: -1150, grade: '主干路', widthM: 45 },
  { name: '工业路', axis: 'x', at: -800, grade: '次干路', widthM: 30 },
  { name: '人民路', axis: 'x', at: -400, grade: '主干路', widthM: 50 },
  { name: '文化路', axis: 'x', at: 0, grade: '次干路', widthM: 30 },
  { name: '仲景路', axis: 'x', at: 400, grade: '主干路', widthM: 45 },
  { name: '明山路', axis: 'x', at: 820, grade: '次干路', widthM: 30 },
  { name: '独山大道', axis: 'x', at: 1230, grade: '主干路', widthM: 40 },
  { name: '七一路', axis: 'y', at: 1080, grade: '主干路', widthM: 40 },
  { name: '光武路', axis: 'y', at: 700, grade: '次干路', widthM: 30 },
  { name: '新华路', axis: 'y', at: 350, grade: '主干路', widthM: 45 },
  { name: '张衡路', axis: 'y', at: -30, grade: '次干路', widthM: 30 },
  { name: '中州路', axis: 'y', at: -410, grade: '主干路', widthM: 50 },
  { name: '车站路', axis: 'y', at: -790, grade: '次干路', widthM: 30 },
  { name: '建设路', axis: 'y', at: -1150, grade: '主干路', widthM: 40 },
];

/** On the rural east bank the grid continues as county roads (主干路 keep their width). */
export const RURAL_ROAD_WIDTH_M = 12;
export const RIVERSIDE_ROAD_NAME = '滨河西路';

/** Branch roads (支路) inside the grid cells, named from this list in a fixed order. */
export const BRANCH_ROAD_NAMES: readonly string[] = [
  '民主街',
  '解放路',
  '和平街',
  '长江路',
  '信臣路',
  '两相路',
  '孔明路',
  '天山路',
  '伏牛路',
  '雪枫路',
  '梅溪路',
  '淯阳路',
  '百里奚路',
  '医圣祠街',
  '工农路',
  '兴隆路',
  '北京路',
  '范蠡路',
  '卧龙岗街',
  '新华街',
  '东关大街',
  '校场路',
  '菊潭路',
  '汉冶路',
  '滨河路',
  '白河路',
  '南航路',
  '姜营路',
  '枣林路',
  '红庙路',
  '麒麟路',
  '蒲山路',
  '宛城路',
  '光明街',
  '园丁街',
  '尚书街',
  '书院街',
  '丰泰街',
  '青年路',
  '文明街',
];
export const BRANCH_ROAD_WIDTH_M = 16;
/** Farm lanes (机耕路) on the east bank, 0601 农村道路 in the plans. */
export const FARM_LANE_WIDTH_M = 6;

/** Named places that decide how blocks are used (see city/zoning). */
export const PLACES = {
  cbd: { at: [-200, 150] as XY, radiusM: 240 },
  oldTown: { at: [-600, -350] as XY, radiusM: 560 },
  government: [-200, 160] as XY,
  hospital: [-150, 530] as XY,
  park: [-620, 170] as XY,
  /** 城中村 inside the urban area: [point, name]. */
  villages: [
    [[230, 530], '王庄村'],
    [[-980, 480], '李营村'],
    [[-190, -600], '白河村'],
    [[-620, 390], '陈棚村'],
    [[580, 640], '八里庙村'],
    [[-1250, 1050], '魏营村'],
    [[650, 1200], '丁庄村'],
    [[-1300, -250], '姜营村'],
    [[1100, 1250], '宋湾村'],
    [[200, 150], '梅溪村'],
    [[-250, -250], '谢营村'],
    [[-1000, 100], '卧龙岗村'],
    [[-850, 850], '杜庄村'],
    [[350, 950], '潦河村'],
    [[-950, -720], '汉冶村'],
    [[950, 520], '白庄村'],
    [[-350, 1300], '七里园村'],
    [[-1350, 500], '蒲山村'],
    [[1000, 950], '红泥湾村'],
    [[-1300, -900], '瓦店村'],
    [[-650, 1150], '靳岗村'],
    [[1300, 1100], '独山村'],
    [[-200, 1150], '十里庙村'],
  ] as readonly (readonly [XY, string])[],
  /** The village being redeveloped between the 2022 and 2024 surveys. */
  redevelopedVillage: '白河村',
  /** Blocks north-east of this point and south-west of the river are the new district. */
  newDistrictCorner: [450, 250] as XY,
  industrialCorner: [-800, -600] as XY,
  /** Urban-fringe block with remnant farmland (plants the 城镇开发边界/永久基本农田 conflict). */
  fringe: [-620, 620] as XY,
  sewagePlant: [-700, -1330] as XY,
  sewageLiftStation: [560, 380] as XY,
  /** 独山 foothills on the east bank. */
  hills: [
    { at: [1350, -1050] as XY, sigmaM: 400, heightM: 54 },
    { at: [820, -1450] as XY, sigmaM: 300, heightM: 24 },
    { at: [1500, -300] as XY, sigmaM: 380, heightM: 20 },
  ],
} as const;

/** Administrative codes (GB/T 2260): 宛城区 411302, 卧龙区 411303. */
export const DISTRICT_CODE = { wancheng: '411302', wolong: '411303' } as const;

/** 街道 of the demo city with the point nearest to which a location belongs. */
export const STREETS: readonly { name: string; at: XY; communities: readonly string[] }[] = [
  { name: '新华街道', at: [-700, 600], communities: ['新华社区', '民主社区', '解放社区'] },
  { name: '七一街道', at: [100, 800], communities: ['七一社区', '光武社区', '医圣祠社区'] },
  { name: '仲景街道', at: [-300, 0], communities: ['仲景社区', '张衡社区', '文化社区'] },
  { name: '东关街道', at: [-700, -500], communities: ['东关社区', '车站社区', '和平社区'] },
  { name: '汉冶街道', at: [-1000, -1100], communities: ['汉冶社区', '工业路社区', '建设社区'] },
  { name: '白河街道', at: [700, 100], communities: ['白河社区', '滨河社区', '王庄社区'] },
  { name: '枣林街道', at: [800, -900], communities: ['枣林社区', '张庄村', '刘湾村'] },
];
