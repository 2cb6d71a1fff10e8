/**
 * Reads a pipe network from two workspace layers (segments, nodes) into the model of
 * model.ts: columns found by the names of layers/pipelines.ts or the survey names mapped onto
 * them (起点点号, 管径, 起点埋深…), or by an explicit `FIELD=COLUMN` map; coordinates into a
 * local metric frame centred on the layers. Segments of a system the workstation does not
 * know are skipped and counted. Environment: node.
 */
import { CimError } from '../../../common/errors.js';
import {
  NODE_FIELD_ALIASES,
  PIPE_SYSTEMS,
  SEGMENT_FIELD_ALIASES,
  valveStatus,
  type Laying,
  type PipeSystem,
} from '../../../layers/pipelines.js';
import { localFrame, type LocalFrame } from '../obstacles/frame.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures, type FeatureTableInfo } from '../../store/feature-table.js';
import { parseSection } from '../../pipes/elevation.js';
import type { NodeRecord, SegmentRecord, XY } from '../../pipes/model.js';

export interface ReadNetwork {
  nodes: NodeRecord[];
  segments: SegmentRecord[];
  frame: LocalFrame;
  /** Model field → the column it was read from. */
  fieldMap: Record<string, string>;
  skippedUnknownSystem: number;
}

function systemOf(v: unknown): PipeSystem | null {
  const t = typeof v === 'string' ? v.trim() : '';
  const s = PIPE_SYSTEMS.find(
    (x) => x.system === t || x.code === t.toUpperCase() || x.nameEn.toLowerCase() === t.toLowerCase(),
  );
  return s?.system ?? null;
}

const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[^\d.+-]/g, '')) : NaN;
  return Number.isFinite(n) ? n : null;
};
const text = (v: unknown): string | null =>
  typeof v === 'string' ? (v === '' ? null : v) : typeof v === 'number' ? String(v) : null;

function columns(
  info: FeatureTableInfo,
  aliases: Readonly<Record<string, readonly string[]>>,
  explicit: Readonly<Record<string, string>>,
  required: readonly string[],
): Record<string, string> {
  const names = info.fields.map((f) => f.name);
  const lower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const out: Record<string, string> = {};
  for (const [field, list] of Object.entries(aliases)) {
    const given = explicit[field];
    if (given !== undefined) {
      if (!names.includes(given))
        throw new CimError('pipes.no_column', { layer: info.name, field, column: given, columns: names.join(', ') });
      out[field] = given;
      continue;
    }
    const hit = list.map((a) => lower.get(a.toLowerCase())).find((x) => x !== undefined);
    if (hit) out[field] = hit;
  }
  for (const field of required) {
    if (!(field in out)) {
      throw new CimError('pipes.no_field', {
        layer: info.name,
        field,
        tried: (aliases[field] ?? []).join(' / '),
        columns: names.join(', ') || '-',
      });
    }
  }
  return out;
}

function layerCentre(db: Db, tables: readonly string[]): [number, number] {
  const rows = tables.map(
    (t) =>
      db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get(t) as
        { min_x: number | null; min_y: number | null; max_x: number | null; max_y: number | null } | undefined,
  );
  const r = rows.find((x) => x?.min_x != null && x.max_x != null && x.min_y != null && x.max_y != null);
  if (!r || r.min_x == null || r.max_x == null || r.min_y == null || r.max_y == null) {
    throw new CimError('pipes.empty_network', { layer: tables.join(', ') });
  }
  return [(r.min_x + r.max_x) / 2, (r.min_y + r.max_y) / 2];
}

function lineOf(g: unknown): [number, number][] | null {
  const geom = g as { type?: string; coordinates?: unknown } | null;
  if (geom?.type === 'LineString') return geom.coordinates as [number, number][];
  if (geom?.type === 'MultiLineString') return (geom.coordinates as [number, number][][]).flat();
  return null;
}

export function readNetwork(
  db: Db,
  segmentsLayer: string,
  nodesLayer: string,
  map: Readonly<Record<string, string>> = {},
): ReadNetwork {
  const si = describeFeatureTable(db, segmentsLayer);
  const ni = describeFeatureTable(db, nodesLayer);
  const sc = columns(si, SEGMENT_FIELD_ALIASES, map, ['pipe_id', 'system']);
  const nc = columns(ni, NODE_FIELD_ALIASES, {}, ['node_id', 'kind']);
  const [lon0, lat0] = layerCentre(db, [segmentsLayer, nodesLayer]);
  const frame = localFrame(lon0, lat0);
  const buf = new Float64Array(2);
  const local = (p: readonly number[]): XY => {
    frame.toGk(p[0] ?? NaN, p[1] ?? NaN, buf);
    return [buf[0] ?? NaN, buf[1] ?? NaN];
  };
  const nodes: NodeRecord[] = [];
  for (const f of iterateFeatures(db, ni)) {
    const g = f.geometry as { type?: string; coordinates?: number[] } | null;
    if (g?.type !== 'Point' || !g.coordinates) continue;
    const p = (k: keyof typeof NODE_FIELD_ALIASES): unknown => (nc[k] ? f.properties[nc[k]] : null);
    const system = systemOf(p('system'));
    const id = text(p('node_id'));
    if (!id || !system) continue;
    nodes.push({
      nodeId: id,
      system,
      kind: text(p('kind')) ?? '',
      status: valveStatus(p('status')),
      households: num(p('households')),
      groundM: num(p('ground_m')),
      depthM: num(p('depth_m')),
      invertM: num(p('invert_m')),
      xy: local(g.coordinates),
    });
  }
  const segments: SegmentRecord[] = [];
  let skippedUnknownSystem = 0;
  for (const f of iterateFeatures(db, si)) {
    const line = lineOf(f.geometry);
    if (!line || line.length < 2) continue;
    const p = (k: keyof typeof SEGMENT_FIELD_ALIASES): unknown => (sc[k] ? f.properties[sc[k]] : null);
    const system = systemOf(p('system'));
    if (!system) {
      skippedUnknownSystem++;
      continue;
    }
    const section = parseSection(text(p('section')));
    const widthMm = num(p('width_mm')) ?? section?.widthMm ?? null;
    const heightMm = num(p('height_mm')) ?? section?.heightMm ?? null;
    const layingText = text(p('laying'));
    const laying: Laying =
      layingText === '直埋' || layingText === '排管' || layingText === '管沟'
        ? layingText
        : widthMm !== null && heightMm !== null
          ? '排管'
          : '直埋';
    const depth = num(p('depth_m'));
    segments.push({
      pipeId: text(p('pipe_id')) ?? `fid:${String(f.fid)}`,
      system,
      fromNode: text(p('from_node')),
      toNode: text(p('to_node')),
      diameterMm: num(p('diameter_mm')),
      widthMm,
      heightMm,
      material: text(p('material')),
      pressure: text(p('pressure')),
      laying,
      startDepthM: num(p('start_depth_m')) ?? depth,
      endDepthM: num(p('end_depth_m')) ?? depth,
      invStartM: num(p('inv_start_m')),
      invEndM: num(p('inv_end_m')),
      laidYear: num(p('laid_year')),
      xy: line.map(local),
    });
  }
  if (segments.length === 0) throw new CimError('pipes.empty_network', { layer: segmentsLayer });
  return { nodes, segments, frame, fieldMap: { ...sc }, skippedUnknownSystem };
}
