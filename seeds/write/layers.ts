/**
 * The demo city's workspace layers: table names, Chinese titles, fields (pinyin
 * abbreviations of Chinese planning databases, see seeds/README.md), default styles and the
 * rows of each, in draw order from the bottom (plans) to the top (cases).
 */
import { CASE_STATUS_COLOURS } from '../../layers/cases.js';
import { landUseClass } from '../../layers/landuse.js';
import { DEFAULT_RULES } from '../../layers/plan-rules.js';
import { pipeColourMap } from '../../layers/pipelines.js';
import type { FieldDef, LayerStyle } from '../../main/api/contract.js';
import type { Geometry, Position } from '../../main/store/gpkg-geometry.js';
import { isoBeijing } from '../city/cases.js';
import type { City } from '../city/city.js';
import type { Building } from '../city/epochs.js';
import { area, type Ring } from '../geo/polygon.js';
import type { Frame, XY } from '../geo/frame.js';

export interface Row {
  geometry: Geometry;
  values: unknown[];
}

export interface SeedLayer {
  name: string;
  title: string;
  geometryType: 'POINT' | 'LINESTRING' | 'POLYGON';
  fields: FieldDef[];
  style: Partial<LayerStyle>;
  visible: boolean;
  rows: (city: City, frame: Frame) => Iterable<Row>;
}

const f = (name: string, type: FieldDef['type']): FieldDef => ({ name, type });
const T = (name: string): FieldDef => f(name, 'TEXT');
const R = (name: string): FieldDef => f(name, 'REAL');
const I = (name: string): FieldDef => f(name, 'INTEGER');

const r2 = (v: number): number => Math.round(v * 100) / 100;

export function polygonOf(frame: Frame, ring: Ring): Geometry {
  const pts: Position[] = ring.map((p) => frame.toLonLat(p));
  const first = pts[0];
  if (first) pts.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [pts] };
}

export function lineOf(frame: Frame, line: readonly XY[]): Geometry {
  return { type: 'LineString', coordinates: line.map((p) => frame.toLonLat(p)) };
}

export function pointOf(frame: Frame, p: XY): Geometry {
  return { type: 'Point', coordinates: frame.toLonLat(p) };
}

const name = (code: string): string => landUseClass(code)?.nameZh ?? code;

const BUILDING_COLOURS: Record<Building['use'], string> = {
  住宅: '#f4d35e',
  农村住宅: '#ee964b',
  商业: '#f95738',
  办公: '#3d5a80',
  工业: '#8d99ae',
  仓储: '#9b5de5',
  教育: '#f15bb5',
  医疗: '#00bbf9',
  公共服务: '#00f5d4',
  文化: '#bc6c25',
  市政: '#6c757d',
};

const buildingFields = [
  T('bldg_id'),
  R('height_m'),
  I('floors'),
  T('use'),
  I('build_year'),
  T('dkbm'),
  R('footprint_m2'),
  R('gfa_m2'),
];

function buildingRows(epoch: '2022' | '2024') {
  return function* (city: City, frame: Frame): Iterable<Row> {
    for (const b of city.epochs.buildings) {
      const s = epoch === '2022' ? b.s2022 : b.s2024;
      if (!s) continue;
      const a = area(s.ring);
      yield {
        geometry: polygonOf(frame, s.ring),
        values: [b.id, s.heightM, s.floors, b.use, b.buildYear, b.dkbm, r2(a), r2(a * s.floors)],
      };
    }
  };
}

const hidden = false;

export const SEED_LAYERS: readonly SeedLayer[] = [
  {
    name: 'plan_master',
    title: '国土空间总体规划 用地规划',
    geometryType: 'POLYGON',
    fields: [T('dlbm'), T('dlmc'), R('area_m2')],
    style: {
      fillOpacity: 0.55,
      strokeColor: '#555555',
      strokeWidthPx: 1,
      thematic: { field: 'dlbm', method: 'landuse' },
    },
    visible: hidden,
    *rows(city, frame) {
      for (const m of city.plans.master)
        yield { geometry: polygonOf(frame, m.ring), values: [m.dlbm, m.dlmc, r2(area(m.ring))] };
    },
  },
  {
    name: 'plan_regulatory',
    title: '控制性详细规划',
    geometryType: 'POLYGON',
    fields: [
      T('dkbm'),
      T('yddm'),
      T('ydmc'),
      R('rjl_max'),
      R('jzmd_max'),
      R('ldl_min'),
      R('xg_max'),
      R('tj_min'),
      R('area_m2'),
    ],
    style: {
      fillOpacity: 0.5,
      strokeColor: '#333333',
      strokeWidthPx: 1,
      thematic: { field: 'yddm', method: 'landuse' },
    },
    visible: hidden,
    *rows(city, frame) {
      for (const r of city.plans.reg) {
        const l = city.limits.get(r.parcel.dkbm);
        yield {
          geometry: polygonOf(frame, r.ring),
          values: [
            r.parcel.dkbm,
            r.yddm,
            r.ydmc,
            l?.farMax ?? null,
            l?.densityMaxPct ?? null,
            l?.greenMinPct ?? null,
            l?.heightMaxM ?? null,
            l?.setbackMinM ?? null,
            r2(area(r.ring)),
          ],
        };
      }
    },
  },
  {
    name: 'control_lines',
    title: '三条控制线',
    geometryType: 'POLYGON',
    fields: [T('kzxlx'), T('name'), R('area_m2')],
    style: {
      fillOpacity: 0.18,
      strokeWidthPx: 3,
      thematic: {
        field: 'kzxlx',
        method: 'categories',
        colours: { 生态保护红线: '#38a800', 永久基本农田: '#ffd700', 城镇开发边界: '#e60000' },
      },
    },
    visible: true,
    *rows(city, frame) {
      for (const c of city.plans.controls)
        yield { geometry: polygonOf(frame, c.ring), values: [c.kzxlx, c.name, r2(area(c.ring))] };
    },
  },
  {
    name: 'blocks',
    title: '街区',
    geometryType: 'POLYGON',
    fields: [T('dkbm'), T('yddm'), T('ydmc'), T('name'), R('area_m2')],
    style: { fillColor: '#ffffff', fillOpacity: 0, strokeColor: '#444444', strokeWidthPx: 1 },
    visible: hidden,
    *rows(city, frame) {
      for (const b of city.blocks) {
        const score = new Map<string, number>();
        for (const p of city.parcels) if (p.block === b) score.set(p.current, (score.get(p.current) ?? 0) + p.areaM2);
        const yddm = [...score.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? '';
        yield {
          geometry: polygonOf(frame, b.ring),
          values: [b.code, yddm, name(yddm), b.name ?? '', r2(area(b.ring))],
        };
      }
    },
  },
  {
    name: 'parcels',
    title: '地块',
    geometryType: 'POLYGON',
    fields: [T('dkbm'), T('yddm'), T('ydmc'), T('dkmc'), T('jqbm'), R('area_m2')],
    style: {
      fillOpacity: 0.35,
      strokeColor: '#ffffff',
      strokeWidthPx: 1,
      thematic: { field: 'yddm', method: 'landuse' },
    },
    visible: true,
    *rows(city, frame) {
      for (const p of city.parcels)
        yield {
          geometry: polygonOf(frame, p.ring),
          values: [p.dkbm, p.current, name(p.current), p.name, p.block.code, r2(p.areaM2)],
        };
    },
  },
  {
    name: 'green_spaces',
    title: '绿地',
    geometryType: 'POLYGON',
    fields: [T('ldlx'), T('name'), T('dkbm'), R('area_m2')],
    style: { fillColor: '#2e8b57', fillOpacity: 0.5, strokeColor: '#1e6b3f', strokeWidthPx: 1 },
    visible: hidden,
    *rows(city, frame) {
      for (const g of city.green)
        yield { geometry: polygonOf(frame, g.ring), values: [g.kind, g.name, g.dkbm, r2(area(g.ring))] };
    },
  },
  {
    name: 'buildings_2022',
    title: '建筑（2022年）',
    geometryType: 'POLYGON',
    fields: buildingFields,
    style: {
      fillOpacity: 0.7,
      strokeWidthPx: 1,
      thematic: { field: 'use', method: 'categories', colours: BUILDING_COLOURS },
    },
    visible: hidden,
    rows: buildingRows('2022'),
  },
  {
    name: 'buildings_2024',
    title: '建筑（2024年）',
    geometryType: 'POLYGON',
    fields: buildingFields,
    style: {
      fillOpacity: 0.7,
      strokeWidthPx: 1,
      thematic: { field: 'use', method: 'categories', colours: BUILDING_COLOURS },
    },
    visible: hidden,
    rows: buildingRows('2024'),
  },
  {
    name: 'permits',
    title: '规划许可',
    geometryType: 'POLYGON',
    fields: [
      T('xkzh'),
      T('bldg_id'),
      R('height_m'),
      I('floors'),
      R('gfa_m2'),
      T('issued'),
      T('dkbm'),
      T('xmmc'),
      T('jsdw'),
    ],
    style: { fillColor: '#ff7f00', fillOpacity: 0.15, strokeColor: '#ff7f00', strokeWidthPx: 2 },
    visible: hidden,
    *rows(city, frame) {
      for (const p of city.epochs.permits) {
        yield {
          geometry: polygonOf(frame, p.ring),
          values: [p.xkzh, p.bldgId, p.heightM, p.floors, p.gfaM2, p.issued, p.dkbm, p.project, p.builder],
        };
      }
    },
  },
  {
    name: 'road_redlines',
    title: '道路红线',
    geometryType: 'POLYGON',
    fields: [T('name'), T('grade'), R('width_m'), R('area_m2')],
    style: { fillColor: '#e31a1c', fillOpacity: 0.06, strokeColor: '#e31a1c', strokeWidthPx: 1 },
    visible: hidden,
    *rows(city, frame) {
      for (const p of city.network.pieces) {
        if (p.corridor.length === 0) continue;
        yield {
          geometry: polygonOf(frame, p.corridor),
          values: [p.road.name, p.road.grade, p.road.widthM, r2(area(p.corridor))],
        };
      }
    },
  },
  {
    name: 'roads',
    title: '道路中心线',
    geometryType: 'LINESTRING',
    fields: [T('road_id'), T('name'), T('grade'), R('width_m'), f('bridge', 'BOOLEAN'), R('length_m')],
    style: {
      strokeWidthPx: 2,
      thematic: {
        field: 'grade',
        method: 'categories',
        colours: { 主干路: '#f7b32b', 次干路: '#fcf6b1', 支路: '#ffffff' },
      },
    },
    visible: true,
    *rows(city, frame) {
      for (const e of city.network.edges) {
        const len = e.line
          .slice(1)
          .reduce((s, p, i) => s + Math.hypot(p[0] - (e.line[i] as XY)[0], p[1] - (e.line[i] as XY)[1]), 0);
        yield {
          geometry: lineOf(frame, e.line),
          values: [`DL${String(e.id).padStart(4, '0')}`, e.road.name, e.road.grade, e.road.widthM, e.bridge, r2(len)],
        };
      }
    },
  },
  {
    name: 'pipe_segments',
    title: '地下管线',
    geometryType: 'LINESTRING',
    fields: [
      T('pipe_id'),
      T('system'),
      T('from_node'),
      T('to_node'),
      I('diameter_mm'),
      T('section'),
      T('material'),
      T('pressure'),
      R('depth_m'),
      R('inv_start_m'),
      R('inv_end_m'),
      I('laid_year'),
      T('road'),
      R('length_m'),
    ],
    style: { strokeWidthPx: 2, thematic: { field: 'system', method: 'categories', colours: pipeColourMap() } },
    visible: true,
    *rows(city, frame) {
      for (const s of city.pipes.segments) {
        yield {
          geometry: lineOf(frame, [s.from.at, s.to.at]),
          values: [
            s.pipeId,
            s.system,
            s.from.nodeId,
            s.to.nodeId,
            s.diameterMm,
            s.section,
            s.material,
            s.pressure,
            s.depthM,
            s.invStartM,
            s.invEndM,
            s.laidYear,
            s.road,
            r2(s.lengthM),
          ],
        };
      }
    },
  },
  {
    name: 'pipe_nodes',
    title: '管线点',
    geometryType: 'POINT',
    fields: [T('node_id'), T('system'), T('kind'), R('ground_m'), R('invert_m'), R('depth_m'), T('road')],
    style: { pointSizePx: 4, thematic: { field: 'system', method: 'categories', colours: pipeColourMap() } },
    visible: hidden,
    *rows(city, frame) {
      for (const n of city.pipes.nodes)
        yield {
          geometry: pointOf(frame, n.at),
          values: [n.nodeId, n.system, n.kind, n.groundM, n.invertM, n.depthM, n.road],
        };
    },
  },
  {
    name: 'gt_plan_conflicts',
    title: '真值：规划冲突',
    geometryType: 'POLYGON',
    fields: [
      T('conflict_id'),
      T('rule_id'),
      T('kind'),
      T('severity'),
      T('layer_a'),
      I('fid_a'),
      T('layer_b'),
      I('fid_b'),
      R('area_m2'),
      T('reason'),
      T('note'),
    ],
    style: { fillColor: '#ff00ff', fillOpacity: 0.5, strokeColor: '#ff00ff', strokeWidthPx: 2 },
    visible: hidden,
    *rows(city, frame) {
      let n = 0;
      for (const c of city.conflicts) {
        const rule = DEFAULT_RULES.find((r) => r.id === c.ruleId);
        n++;
        yield {
          geometry: polygonOf(frame, c.ring),
          values: [
            `CT${String(n).padStart(3, '0')}`,
            c.ruleId,
            c.kind,
            rule?.severity ?? '',
            c.layerA,
            c.fidA,
            c.layerB,
            c.fidB,
            c.areaM2,
            rule?.reasonZh ?? '',
            c.note,
          ],
        };
      }
    },
  },
  {
    name: 'cases',
    title: '城市管理案件',
    geometryType: 'POINT',
    fields: [
      T('case_id'),
      T('type'),
      T('dl_code'),
      T('dl_name'),
      T('xl_code'),
      T('xl_name'),
      T('description'),
      T('address'),
      T('reported_at'),
      T('status'),
      T('source'),
      T('street'),
      T('community'),
      T('dept'),
      T('deadline_at'),
      T('closed_at'),
      f('overdue', 'BOOLEAN'),
    ],
    style: { pointSizePx: 5, thematic: { field: 'status', method: 'categories', colours: { ...CASE_STATUS_COLOURS } } },
    visible: hidden,
    *rows(city, frame) {
      for (const c of city.cases) {
        yield {
          geometry: pointOf(frame, c.at),
          values: [
            c.caseId,
            c.category.kind,
            c.category.majorCode,
            c.category.majorName,
            c.category.code,
            c.category.name,
            c.description,
            c.address,
            isoBeijing(c.reportedMs),
            c.status,
            c.source,
            c.street,
            c.community,
            c.dept,
            isoBeijing(c.deadlineMs),
            c.closedMs === null ? null : isoBeijing(c.closedMs),
            c.overdue,
          ],
        };
      }
    },
  },
];

export interface SeedTable {
  name: string;
  title: string;
  fields: FieldDef[];
  rows: (city: City) => Iterable<unknown[]>;
}

export const SEED_TABLES: readonly SeedTable[] = [
  {
    name: 'case_events',
    title: '城市管理案件流转记录',
    fields: [T('case_id'), I('seq'), T('step'), T('at'), T('actor')],
    *rows(city) {
      for (const c of city.cases) {
        let seq = 0;
        for (const e of c.events) yield [c.caseId, ++seq, e.step, isoBeijing(e.atMs), e.actor];
      }
    },
  },
  {
    name: 'gt_illegal_builds',
    title: '真值：违法建设',
    fields: [T('bldg_id'), T('kind'), T('xkzh'), R('excess_area_m2'), R('excess_height_m')],
    *rows(city) {
      for (const i of city.epochs.illegal)
        yield [i.bldgId, i.kind, i.xkzh, Number(i.excessAreaM2.toFixed(3)), i.excessHeightM];
    },
  },
  {
    name: 'gt_parcel_violations',
    title: '真值：地块指标超限',
    fields: [T('dkbm'), I('reg_fid'), T('indicator'), R('limit'), R('actual')],
    *rows(city) {
      for (const v of city.parcelViolations) yield [v.dkbm, v.regFid, v.indicator, v.limit, v.actual];
    },
  },
];
