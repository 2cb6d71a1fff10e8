/** Land layers: the three plans, blocks, parcels, green spaces, buildings of both surveys, permits. */
import { BUILDING_USE_COLOURS } from '../../layers/buildings.js';
import type { City } from '../city/city.js';
import type { Building } from '../city/epochs.js';
import type { Frame } from '../geo/frame.js';
import { area } from '../geo/polygon.js';
import { className as name, I, polygonOf, R, r2, T, type Row, type SeedLayer } from './rows.js';

/** Buildings have their own muted palette, so a 住宅 building shows on a yellow 住宅 parcel. */
const BUILDING_COLOURS: Record<Building['use'], string> = { ...BUILDING_USE_COLOURS } as Record<
  Building['use'],
  string
>;

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

export const LAND_LAYERS: readonly SeedLayer[] = [
  {
    name: 'plan_master',
    title: '国土空间总体规划 用地规划',
    geometryType: 'POLYGON',
    fields: [T('dlbm'), T('dlmc'), R('area_m2')],
    // translucent over the orthophoto, outlines kept (issue #17)
    style: {
      fillOpacity: 0.3,
      strokeColor: '#555555',
      strokeWidthPx: 1,
      thematic: { field: 'dlbm', method: 'landuse' },
    },
    visible: true,
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
      fillOpacity: 0.4,
      strokeColor: '#333333',
      strokeWidthPx: 1,
      thematic: { field: 'yddm', method: 'landuse' },
    },
    visible: true,
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
    visible: false,
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
    // off at first: 控规 shows the same parcels with their planned use, and stacked fills hide the imagery
    visible: false,
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
    visible: false,
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
    visible: false,
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
    visible: false,
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
    visible: false,
    *rows(city, frame) {
      for (const p of city.epochs.permits) {
        yield {
          geometry: polygonOf(frame, p.ring),
          values: [p.xkzh, p.bldgId, p.heightM, p.floors, p.gfaM2, p.issued, p.dkbm, p.project, p.builder],
        };
      }
    },
  },
];
