/** Infrastructure and city-life layers: red lines, roads, pipes, the plan-conflict ground truth, cases. */
import { CASE_STATUS_COLOURS } from '../../layers/cases.js';
import { DEFAULT_RULES } from '../../layers/plan-rules.js';
import { pipeColourMap } from '../../layers/pipelines.js';
import { BASE_CASE_FIELDS } from '../../main/store/case-model.js';
import { isoBeijing } from '../city/cases.js';
import type { XY } from '../geo/frame.js';
import { area } from '../geo/polygon.js';
import { f, I, lineOf, pointOf, polygonOf, R, r2, T, type SeedLayer } from './rows.js';

export const INFRA_LAYERS: readonly SeedLayer[] = [
  {
    name: 'road_redlines',
    title: '道路红线',
    geometryType: 'POLYGON',
    fields: [T('name'), T('grade'), R('width_m'), R('area_m2')],
    style: { fillColor: '#e31a1c', fillOpacity: 0.06, strokeColor: '#e31a1c', strokeWidthPx: 1 },
    visible: false,
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
      R('start_depth_m'),
      R('end_depth_m'),
    ],
    style: { strokeWidthPx: 2, thematic: { field: 'system', method: 'categories', colours: pipeColourMap() } },
    // pipes and cases are for their own work, off on the first view
    visible: false,
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
            s.startDepthM ?? null,
            s.endDepthM ?? null,
          ],
        };
      }
    },
  },
  {
    name: 'pipe_nodes',
    title: '管线点',
    geometryType: 'POINT',
    fields: [
      T('node_id'),
      T('system'),
      T('kind'),
      R('ground_m'),
      R('invert_m'),
      R('depth_m'),
      T('road'),
      T('status'),
      I('households'),
    ],
    style: { pointSizePx: 4, thematic: { field: 'system', method: 'categories', colours: pipeColourMap() } },
    visible: false,
    *rows(city, frame) {
      for (const n of city.pipes.nodes)
        yield {
          geometry: pointOf(frame, n.at),
          values: [
            n.nodeId,
            n.system,
            n.kind,
            n.groundM,
            n.invertM,
            n.depthM,
            n.road,
            n.status ?? null,
            n.households ?? null,
          ],
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
    visible: false,
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
    // the values below are yielded in this order
    fields: [...BASE_CASE_FIELDS],
    style: {
      pointSizePx: 5,
      thematic: { field: 'status', method: 'categories', colours: { ...CASE_STATUS_COLOURS } },
      // the first view shows the last month's cases, not two years' at once
      filter: { field: 'reported_at', op: 'gte', values: ['2024-12-01'] },
    },
    visible: false,
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
            c.deadlineMs === null ? null : isoBeijing(c.deadlineMs),
            c.closedMs === null ? null : isoBeijing(c.closedMs),
            c.overdue,
          ],
        };
      }
    },
  },
];
