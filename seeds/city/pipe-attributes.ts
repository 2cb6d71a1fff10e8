/** Pipe and pipe-point attributes: sizes, materials, pressure classes, cover, point kinds. */
import type { PipeSystem } from '../../layers/pipelines.js';
import type { Rng } from '../rng.js';
import type { RoadEdge } from './network.js';
import type { Draft, PipeSegment } from './pipe-types.js';

export const SPACING_M: Record<PipeSystem, number> = {
  给水: 120,
  雨水: 40,
  污水: 40,
  燃气: 300,
  热力: 200,
  电力: 90,
  通信: 100,
};
export function coverFor(system: PipeSystem, diameterMm: number | null): number {
  // 覆土: water and gas under the frost line and traffic load (GB 50013, GB 50028 §6.3.4: >= 0.9 m
  // under carriageways), cable ducts >= 0.7 m (GB 50217 §5.3.1)
  const base: Record<PipeSystem, number> = { 给水: 1.2, 燃气: 1.0, 热力: 1.5, 电力: 0.8, 通信: 0.8, 雨水: 0, 污水: 0 };
  return Number((base[system] + (diameterMm !== null && diameterMm >= 300 ? 0.3 : 0)).toFixed(2));
}

export function nodeKind(system: PipeSystem, d: Draft, outfall: boolean, rng: Rng): string {
  if (outfall) return '出水口';
  switch (system) {
    case '雨水':
    case '污水':
      return '检查井';
    case '电力':
      return d.junction ? '工作井' : '手孔';
    case '通信':
      return d.junction ? '人孔' : '手孔';
    case '热力':
      return d.junction ? '检查室' : '阀门';
    case '给水':
      if (!d.junction) return rng.chance(0.75) ? '消火栓' : '阀门';
      return d.degree >= 4 ? '四通' : d.degree === 3 ? '三通' : d.degree === 1 ? '堵头' : '弯头';
    case '燃气':
      if (!d.junction) return rng.chance(0.8) ? '阀门' : '凝水缸';
      return d.degree >= 4 ? '四通' : d.degree === 3 ? '三通' : d.degree === 1 ? '堵头' : '弯头';
  }
}

type Attributes = Pick<
  PipeSegment,
  'diameterMm' | 'section' | 'material' | 'pressure' | 'depthM' | 'invStartM' | 'invEndM' | 'laidYear'
>;

export function segmentAttributes(system: PipeSystem, edge: RoadEdge, rng: Rng): Attributes {
  const g = edge.road.grade;
  const main = g === '主干路';
  const secondary = g === '次干路';
  const year = rng.int(main ? 1995 : 2002, 2022);
  const base: Attributes = {
    diameterMm: null,
    section: null,
    material: '',
    pressure: null,
    depthM: null,
    invStartM: null,
    invEndM: null,
    laidYear: year,
  };
  switch (system) {
    case '给水': {
      const dn = main ? 400 : secondary ? 300 : 200;
      return {
        ...base,
        diameterMm: dn,
        material: dn >= 300 ? '球墨铸铁' : rng.pick(['PE', '球墨铸铁']),
        pressure: main ? '中压' : '低压',
      };
    }
    case '雨水':
      return { ...base, diameterMm: main ? 1200 : secondary ? 800 : 600, material: '钢筋混凝土' };
    case '污水': {
      const dn = main ? 800 : secondary ? 500 : 400;
      return { ...base, diameterMm: dn, material: dn <= 400 ? 'HDPE双壁波纹管' : '钢筋混凝土' };
    }
    case '燃气': {
      const trunk = edge.road.name === '中州路';
      return {
        ...base,
        diameterMm: trunk ? 300 : main ? 200 : secondary ? 160 : 110,
        material: trunk || main ? '钢' : 'PE',
        pressure: trunk ? '次高压' : main || secondary ? '中压' : '低压',
      };
    }
    case '热力':
      return { ...base, diameterMm: 500, material: '钢' };
    case '电力':
      return {
        ...base,
        section: main ? '1400×1200' : secondary ? '1000×800' : '600×500',
        material: main ? '混凝土' : 'MPP',
      };
    case '通信':
      return { ...base, section: main ? '12孔Φ110' : '6孔Φ110', material: 'PVC' };
  }
}
