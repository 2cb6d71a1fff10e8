/**
 * What each block holds: its strips (parcels) with widths, classes, typologies and names,
 * by block kind (compounds with schools and shops, the old town, 城中村, CBD, works, the
 * rural bank's fields, orchards, forest and villages).
 */
import type { XY } from '../geo/frame.js';
import { area, centroid } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import type { Block } from './blocks.js';
import type { Status, Typology } from './parcel-types.js';
import type { HeightFn } from './terrain.js';

export interface StripSpec {
  /** Strip width in metres, or 0 for "the rest". */
  widthM: number;
  code: string;
  typology: Typology;
  status?: Status;
  name?: string;
  reg?: string | null;
  master?: string;
  current?: string;
  basicFarmland?: boolean;
  ecoForest?: boolean;
}

const COMPOUND_PREFIX = [
  '锦华',
  '建业',
  '梅溪',
  '卧龙',
  '仲景',
  '宛城',
  '白河',
  '独山',
  '玉兰',
  '桂园',
  '金色',
  '阳光',
  '书香',
  '滨河',
  '盛世',
  '凯旋',
  '翰林',
  '御景',
  '中央',
  '世纪',
  '天冠',
  '龙升',
  '淯水',
  '明珠',
];
const COMPOUND_SUFFIX = ['小区', '花园', '苑', '家园', '华府', '名门', '新城', '公馆'];

function compoundName(rng: Rng): string {
  return `${rng.pick(COMPOUND_PREFIX)}${rng.pick(COMPOUND_SUFFIX)}`;
}

/** Strip widths for a block (the long side is cut; `0` takes what is left). */
export function stripSpecs(block: Block, rng: Rng, height: HeightFn, school: boolean): StripSpec[] {
  const len = Math.max(block.box.maxX - block.box.minX, block.box.maxY - block.box.minY);
  switch (block.kind) {
    case 'residential': {
      const specs: StripSpec[] = [];
      if (school && len > 260)
        specs.push({
          widthM: 120,
          code: '0804',
          typology: 'school',
          name: `南阳市第${rng.pick(['三', '五', '七', '九', '十一', '十三', '十五', '二十'])}中学`,
        });
      if (rng.chance(0.25) && len > 200)
        specs.push({ widthM: 34, code: '0702', typology: 'community', name: '社区服务中心' });
      specs.push({ widthM: 0, code: '0701', typology: 'residential', name: compoundName(rng) });
      if (len - specs.reduce((s, x) => s + x.widthM, 0) > 300)
        specs.push({ widthM: 0, code: '0701', typology: 'residential', name: compoundName(rng) });
      if (rng.chance(0.35)) specs.push({ widthM: 28, code: '0901', typology: 'shops', name: '沿街商业' });
      return specs;
    }
    case 'oldTown':
      return [
        { widthM: 0, code: '0701', ...oldTownKind(rng) },
        { widthM: 0, code: '0701', ...oldTownKind(rng) },
        ...(rng.chance(0.5) ? [{ widthM: 30, code: '0901', typology: 'shops' as const, name: '商业街' }] : []),
        ...(rng.chance(0.2)
          ? [
              {
                widthM: 60,
                code: '0901',
                typology: 'market' as const,
                name: `${rng.pick(['新华', '解放', '民主', '东关'])}农贸市场`,
              },
            ]
          : []),
      ];
    case 'cbd':
      return [
        {
          widthM: 0,
          code: rng.pick(['0901', '0902']),
          typology: 'mall',
          name: rng.pick(['万德隆广场', '梅溪商业中心', '南阳万达广场', '世纪购物中心']),
        },
        {
          widthM: 0,
          code: '0902',
          typology: 'office',
          name: rng.pick(['金融大厦', '建业大厦', '宛城国际', '仲景中心']),
        },
        ...(rng.chance(0.4)
          ? [{ widthM: 0, code: '0701', typology: 'residential' as const, name: compoundName(rng) }]
          : []),
      ];
    case 'newDistrict': {
      const status = rng.weighted<Status>([
        ['built', 0.35],
        ['new', 0.35],
        ['construction', 0.2],
        ['vacant', 0.1],
      ]);
      const current = status === 'vacant' || status === 'construction' ? '2301' : '0701';
      return [
        {
          widthM: 0,
          code: '0701',
          current,
          typology: status === 'vacant' ? 'none' : 'residential',
          status,
          name: compoundName(rng),
        },
        ...(len > 260
          ? [
              {
                widthM: 0,
                code: '0701',
                typology: 'residential' as const,
                status: 'built' as const,
                name: compoundName(rng),
              },
            ]
          : []),
      ];
    }
    case 'village':
      return villageSpecs(block);
    case 'industrial':
      return Array.from({ length: len > 300 ? 3 : len > 160 ? 2 : 1 }, () => ({
        widthM: 0,
        code: '1001',
        typology: 'industrial' as const,
        name: `${rng.pick(['宛西', '南阳', '仲景', '卧龙', '汉冶', '天冠'])}${rng.pick(['机械', '纺织', '制药', '电子', '食品', '防爆电机', '光电'])}${rng.pick(['厂', '有限公司', '股份公司'])}`,
      }));
    case 'warehouse':
      return Array.from({ length: len > 200 ? 2 : 1 }, () => ({
        widthM: 0,
        code: '1101',
        typology: 'warehouse' as const,
        name: `${rng.pick(['宛运', '豫南', '仲景', '白河'])}物流园`,
      }));
    case 'government':
      return [
        { widthM: 0, code: '0801', typology: 'government', name: '宛城区人民政府' },
        { widthM: 70, code: '0803', typology: 'culture', name: '宛城区文化馆' },
      ];
    case 'hospital':
      return [{ widthM: 0, code: '0806', typology: 'hospital', name: '南阳市第一人民医院' }];
    case 'park':
      return [{ widthM: 0, code: '1401', typology: 'park', name: '人民公园' }];
    case 'riverGreen':
      return [{ widthM: 0, code: '1401', typology: 'park', name: '滨河游园' }];
    case 'utility':
      return [
        { widthM: 0, code: '1302', typology: 'utility', name: '白河污水处理厂' },
        { widthM: 45, code: '1303', typology: 'utility', name: '110kV变电站' },
      ];
    case 'fringe':
      // remnant farmland and a construction site the plans do not agree on (see city/plants)
      return [
        { widthM: 0, code: '0701', typology: 'residential', name: compoundName(rng) },
        {
          widthM: 70,
          code: '0701',
          master: '0103',
          current: '2301',
          typology: 'residential',
          status: 'construction',
          name: '宛城壹号(在建)',
        },
        {
          widthM: 65,
          code: '1101',
          master: '0103',
          current: '0103',
          typology: 'none',
          status: 'vacant',
          name: '城边菜地',
          basicFarmland: true,
        },
      ];
    case 'rural':
      return ruralSpecs(block, rng, height);
  }
}

/** 老城区: walk-up 家属院 compounds among dense courtyard houses (民居). */
function oldTownKind(rng: Rng): { typology: Typology; name: string } {
  return rng.chance(0.7)
    ? {
        typology: 'oldTownHouses',
        name: `${rng.pick(['东关', '南关', '北关', '新华', '解放', '民主', '和平'])}${rng.pick(['老街', '民居片区', '胡同'])}`,
      }
    : { typology: 'oldTown', name: `${rng.pick(COMPOUND_PREFIX)}家属院` };
}

function villageSpecs(block: Block): StripSpec[] {
  const name = block.name ?? '村庄';
  const len = Math.max(block.box.maxX - block.box.minX, block.box.maxY - block.box.minY);
  const n = len > 240 ? 3 : 2;
  return Array.from({ length: n }, (_, i) => {
    const redevelop = name === '白河村' && i === 0;
    return {
      widthM: 0,
      code: redevelop ? '0701' : '0703',
      current: redevelop ? '0701' : '0703',
      typology: redevelop ? ('residential' as const) : ('village' as const),
      status: redevelop ? ('redevelop' as const) : ('built' as const),
      name: redevelop ? `${name}改造安置区` : `${name}${['一', '二', '三'][i] ?? ''}组`,
      // a 控规 for a retained village keeps it 0703 (the redevelopment site is planned 0701)
      reg: redevelop ? '0701' : '0703',
      master: redevelop ? '0701' : '0703',
    };
  });
}

/** Rural strips: forest on the hills, orchards on the slopes, fields, ponds, a village by a road. */
function ruralSpecs(block: Block, rng: Rng, height: HeightFn): StripSpec[] {
  const len = Math.max(block.box.maxX - block.box.minX, block.box.maxY - block.box.minY);
  const n = Math.max(1, Math.round(len / rng.range(45, 70)));
  const village = isVillageBlock(block, height);
  return Array.from({ length: n }, (_, i) => {
    const t = (i + 0.5) / n;
    const p: XY =
      block.box.maxX - block.box.minX >= block.box.maxY - block.box.minY
        ? [block.box.minX + t * (block.box.maxX - block.box.minX), (block.box.minY + block.box.maxY) / 2]
        : [(block.box.minX + block.box.maxX) / 2, block.box.minY + t * (block.box.maxY - block.box.minY)];
    const h = height(p);
    if (village && i < Math.max(1, Math.round(n / 2))) {
      return { widthM: 0, code: '0703', typology: 'village' as const, name: villageName(block), reg: null };
    }
    if (h > 150)
      return { widthM: 0, code: '0301', typology: 'none' as const, name: '独山余脉林地', reg: null, ecoForest: true };
    if (h > 141)
      return {
        widthM: 0,
        code: rng.pick(['0201', '0201', '0304']),
        typology: 'none' as const,
        name: '果园',
        reg: null,
      };
    const code = rng.weighted([
      ['0102', 0.6],
      ['0103', 0.34],
      ['1704', 0.06],
    ] as const);
    return {
      widthM: 0,
      code,
      typology: 'none' as const,
      name: code === '1704' ? '坑塘' : code === '0102' ? '水浇地' : '旱地',
      reg: null,
      basicFarmland: code !== '1704' && !village && rng.chance(0.85),
    };
  });
}

function isVillageBlock(block: Block, height: HeightFn): boolean {
  const c = centroid(block.ring);
  const a = area(block.ring);
  // villages sit low, by a county road, on blocks big enough for a settlement
  const code = block.code;
  const pick = (code.charCodeAt(1) + code.charCodeAt(2) + code.charCodeAt(code.length - 1)) % 3 !== 0;
  return pick && a > 12_000 && height(c) < 132;
}

function villageName(block: Block): string {
  const names = ['张庄村', '刘湾村', '赵营村', '孙岗村', '黄楼村', '许庄村'];
  return names[(block.code.charCodeAt(1) + block.code.charCodeAt(2)) % names.length] ?? '张庄村';
}
