/**
 * The rows of a review's result layer for the panel's list: sorted by area or by severity
 * then area, a page at a time, each with its bounding box (from the layer's R-tree) so the
 * globe can fly to it. Environment: node.
 */
import type { ConflictRow } from '../../../common/contract/index.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, quoteIdent } from '../../store/feature-table.js';
import { runSummary } from './run-record.js';

export interface ConflictPage {
  total: number;
  rows: ConflictRow[];
}

const SEVERITY_ORDER = "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END";

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

export function listConflicts(
  db: Db,
  layer: string,
  sort: 'area' | 'severity',
  offset: number,
  limit: number,
): ConflictPage {
  runSummary(db, layer);
  const info = describeFeatureTable(db, layer);
  const t = quoteIdent(layer);
  const rtree = quoteIdent(`rtree_${layer}_${info.geometryColumn}`);
  const order = sort === 'severity' ? `${SEVERITY_ORDER}, area_m2 DESC, f.fid` : 'area_m2 DESC, f.fid';
  const cols = info.fields.map((f) => `f.${quoteIdent(f.name)}`).join(', ');
  const rows = db
    .prepare(
      `SELECT f.${quoteIdent(info.primaryKey)} AS __fid, r.minx AS __minx, r.miny AS __miny, r.maxx AS __maxx, r.maxy AS __maxy, ${cols}
       FROM ${t} f LEFT JOIN ${rtree} r ON r.id = f.${quoteIdent(info.primaryKey)} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as Record<string, unknown>[];
  const total = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    total,
    rows: rows.map((r) => {
      const properties = Object.fromEntries(info.fields.map((f) => [f.name, r[f.name]]));
      const box = [r.__minx, r.__miny, r.__maxx, r.__maxy];
      const severity = r.severity === 'high' || r.severity === 'medium' || r.severity === 'low' ? r.severity : null;
      return {
        fid: Number(r.__fid),
        ruleId: text(r.rule_id),
        severity,
        reason: text(r.reason),
        areaM2: num(r.area_m2) ?? 0,
        layerA: text(r.layer_a),
        fidA: num(r.fid_a),
        classA: text(r.class_a),
        nameA: text(r.name_a),
        layerB: text(r.layer_b),
        fidB: num(r.fid_b),
        classB: text(r.class_b),
        nameB: text(r.name_b),
        district: text(r.district),
        bbox: box.every((v) => typeof v === 'number') ? (box as [number, number, number, number]) : null,
        properties,
      };
    }),
  };
}
