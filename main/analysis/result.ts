/**
 * The job tail every analysis shares: the result layer is created, filled, catalogued with
 * its style and the run recorded in `cim_analysis_runs`, all in one transaction. A cancel
 * or an error rolls everything back, so the workspace holds a whole result or none.
 * GDAL and QGIS read the result layer like any other GeoPackage table. Environment: node.
 */
import type { FieldDef, GeometryType, LayerStyle } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import { addLayer } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import {
  createFeatureTable,
  featureWriter,
  finishFeatureTable,
  tableExists,
  type FeatureWriter,
  type StoreSrsId,
} from '../store/feature-table.js';
import type { AnalysisControl } from './entry.js';

/** `prefix_1`, `prefix_2`, … the first name no table has. */
function nextFreeName(db: Db, prefix: string): string {
  for (let n = 1; ; n++) {
    const name = `${prefix}_${String(n)}`;
    if (!tableExists(db, name)) return name;
  }
}

export interface ResultLayerSpec {
  /** The layer's name; `nextFreeName(prefix)` when absent. */
  name?: string | undefined;
  prefix: string;
  title?: string;
  geometryType: GeometryType;
  fields: readonly FieldDef[];
  srsId?: StoreSrsId;
  style?: Partial<LayerStyle>;
  visible?: boolean;
}

export interface ResultOutput {
  /** The result layer's name. */
  name: string;
  writer: FeatureWriter;
  /** A further layer written in the same transaction (a viewshed's polygons beside its points…). */
  addLayer(spec: ResultLayerSpec): { name: string; writer: FeatureWriter };
}

export interface RunRecord {
  kind: string;
  params: unknown;
}

interface Opened {
  name: string;
  writer: FeatureWriter;
  spec: ResultLayerSpec;
}

function open(db: Db, spec: ResultLayerSpec, taken: Set<string>): Opened {
  let name = spec.name ?? nextFreeName(db, spec.prefix);
  if (spec.name === undefined) for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${spec.prefix}_${String(n)}`;
  if (spec.name !== undefined && tableExists(db, name)) throw new CimError('store.layer_exists', { layer: name });
  taken.add(name.toLowerCase());
  const table = {
    name,
    title: spec.title ?? name,
    geometryType: spec.geometryType,
    fields: spec.fields,
    srsId: spec.srsId ?? 4326,
  };
  createFeatureTable(db, table);
  return { name, writer: featureWriter(db, table), spec };
}

/**
 * Runs `body` inside one `BEGIN IMMEDIATE` transaction with a fresh result layer, then
 * finishes and catalogues every layer it wrote and records the run under the result
 * layer's name. `body` returns the summary (it knows `out.name` and `out.writer.count()`).
 */
export async function withResultLayer<S extends Record<string, unknown>>(
  db: Db,
  run: RunRecord,
  spec: ResultLayerSpec,
  control: AnalysisControl,
  body: (out: ResultOutput) => Promise<S> | S,
): Promise<S> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const taken = new Set<string>();
    const primary = open(db, spec, taken);
    const layers: Opened[] = [primary];
    const summary = await body({
      name: primary.name,
      writer: primary.writer,
      addLayer: (extra) => {
        const o = open(db, extra, taken);
        layers.push(o);
        return { name: o.name, writer: o.writer };
      },
    });
    if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: primary.name });
    const createdAt = control.now().toISOString();
    for (const l of layers) {
      finishFeatureTable(db, l.name, l.writer.extent());
      addLayer(db, {
        name: l.name,
        title: l.spec.title ?? l.name,
        sourceCrs: null,
        sourceFile: null,
        createdAt,
        ...(l.spec.style ? { style: l.spec.style } : {}),
        ...(l.spec.visible === undefined ? {} : { visible: l.spec.visible }),
      });
    }
    recordRun(db, primary.name, run, summary, createdAt);
    db.exec('COMMIT');
    return summary;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

/** The run record: what the result layer was made with, and its summary (inside the caller's transaction). */
function recordRun(db: Db, resultLayer: string, run: RunRecord, summary: unknown, createdAt: string): void {
  db.prepare(
    'INSERT OR REPLACE INTO cim_analysis_runs (result_layer, kind, params, summary, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(resultLayer, run.kind, JSON.stringify(run.params), JSON.stringify(summary), createdAt);
}

export interface RunRow {
  resultLayer: string;
  kind: string;
  params: unknown;
  summary: Record<string, unknown>;
  createdAt: string;
}

/** A run whose result layer still exists, or a `analysis.no_run` error naming the layer. */
export function readRun(db: Db, resultLayer: string, kind?: string): RunRow {
  const row = db
    .prepare('SELECT result_layer, kind, params, summary, created_at FROM cim_analysis_runs WHERE result_layer = ?')
    .get(resultLayer) as
    { result_layer: string; kind: string; params: string; summary: string; created_at: string } | undefined;
  if (!row || !tableExists(db, resultLayer) || (kind !== undefined && row.kind !== kind)) {
    throw new CimError('analysis.no_run', { layer: resultLayer, kind: kind ?? '' });
  }
  return {
    resultLayer: row.result_layer,
    kind: row.kind,
    params: JSON.parse(row.params) as unknown,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** Runs whose result layers still exist, newest first; of one kind when given. */
export function listRuns(db: Db, kind?: string): { resultLayer: string; kind: string; createdAt: string }[] {
  const sql =
    'SELECT r.result_layer AS resultLayer, r.kind AS kind, r.created_at AS createdAt FROM cim_analysis_runs r ' +
    'JOIN gpkg_contents c ON c.table_name = r.result_layer' +
    (kind === undefined ? '' : ' WHERE r.kind = ?') +
    ' ORDER BY r.created_at DESC, r.result_layer DESC';
  const stmt = db.prepare(sql);
  return (kind === undefined ? stmt.all() : stmt.all(kind)) as {
    resultLayer: string;
    kind: string;
    createdAt: string;
  }[];
}
