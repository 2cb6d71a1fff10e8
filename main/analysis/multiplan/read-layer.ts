/**
 * Reads an input polygon layer for the overlay: the stored WKB of every feature into one
 * SharedArrayBuffer (the clip workers read it in place, nothing is decoded here), its
 * envelope from the GeoPackage header, its class value and its attribute row. Features
 * without a geometry are counted and left out. Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, quoteIdent } from '../../store/feature-table.js';
import { CLASS_FIELD_CANDIDATES } from '../../../layers/plan-rules.js';
import { textOf } from './text.js';
import { ByteSink, copyPolygonal, gpkgHeaderEnvelope, gpkgWkbOffset } from '../clip/wkb.js';

export interface OverlayLayer {
  name: string;
  fields: FieldDef[];
  srsId: number;
  classField: string;
  /** Distinct class values; `classIds` index them (-1: empty class). */
  classes: string[];
  /** Features per class index. */
  classCounts: number[];
  count: number;
  fids: Float64Array;
  /** minX, minY, maxX, maxY (lon/lat) per feature. */
  envelopes: Float64Array;
  classIds: Int32Array;
  /** Attribute values in `fields` order. */
  attributes: unknown[][];
  /** WKB of feature i at wkb[offsets[i]..offsets[i+1]], in a SharedArrayBuffer. */
  wkb: Uint8Array;
  offsets: Uint32Array;
  /** Features left out: no geometry. */
  withoutGeometry: number;
}

const POLYGONAL = new Set(['POLYGON', 'MULTIPOLYGON', 'GEOMETRY']);

/** The class field: the one given, else the first of CLASS_FIELD_CANDIDATES the layer has. */
function classFieldOf(layer: string, fields: readonly FieldDef[], given: string | undefined): string {
  if (given !== undefined) {
    if (!fields.some((f) => f.name === given)) throw new CimError('multiplan.no_such_field', { layer, field: given });
    return given;
  }
  const found = CLASS_FIELD_CANDIDATES.find((c) => fields.some((f) => f.name === c));
  if (!found) {
    throw new CimError('multiplan.no_class_field', { layer, candidates: CLASS_FIELD_CANDIDATES.join(', ') });
  }
  return found;
}

export function readOverlayLayer(db: Db, name: string, classField: string | undefined): OverlayLayer {
  const info = describeFeatureTable(db, name);
  if (!POLYGONAL.has(info.geometryType)) {
    throw new CimError('multiplan.not_polygon_layer', { layer: name, geometryType: info.geometryType });
  }
  const field = classFieldOf(name, info.fields, classField);
  const table = quoteIdent(name);
  const geom = quoteIdent(info.geometryColumn);
  const sizes = db
    .prepare(`SELECT count(*) AS n, coalesce(sum(length(${geom})), 0) AS bytes FROM ${table} WHERE ${geom} IS NOT NULL`)
    .get() as { n: number; bytes: number };
  const total = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const wkb = new Uint8Array(new SharedArrayBuffer(Math.max(1, sizes.bytes)));
  const offsets = new Uint32Array(new SharedArrayBuffer(4 * (sizes.n + 1)));
  const fids = new Float64Array(sizes.n);
  const envelopes = new Float64Array(4 * sizes.n);
  const classIds = new Int32Array(sizes.n);
  const attributes: unknown[][] = [];
  const classIndex = new Map<string, number>();
  const classCounts: number[] = [];
  const classAt = info.fields.findIndex((f) => f.name === field);
  const booleans = info.fields.flatMap((f, i) => (f.type === 'BOOLEAN' ? [i] : []));
  const cols = [info.primaryKey, info.geometryColumn, ...info.fields.map((f) => f.name)].map(quoteIdent).join(', ');
  const stmt = db.prepare(
    `SELECT ${cols} FROM ${table} WHERE ${geom} IS NOT NULL ORDER BY ${quoteIdent(info.primaryKey)}`,
  );
  stmt.raw(true);
  const scratch = new ByteSink();
  const identity = (x: number, y: number, out: Float64Array): void => {
    out[0] = x;
    out[1] = y;
  };
  let n = 0;
  let byte = 0;
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    const blob = row[1];
    if (!(blob instanceof Uint8Array) || n >= sizes.n) continue;
    const at = gpkgWkbOffset(blob);
    if (at < 0) continue;
    const body = blob.subarray(at);
    let env = gpkgHeaderEnvelope(blob);
    if (!env) {
      scratch.reset();
      env = copyPolygonal(body, 0, identity, scratch)?.envelope ?? null;
    }
    if (!env || !Number.isFinite(env[0])) continue;
    fids[n] = Number(row[0]);
    envelopes[4 * n] = env[0];
    envelopes[4 * n + 1] = env[2];
    envelopes[4 * n + 2] = env[1];
    envelopes[4 * n + 3] = env[3];
    wkb.set(body, byte);
    offsets[n] = byte;
    byte += body.length;
    const values = row.slice(2);
    for (const i of booleans) if (values[i] !== null) values[i] = values[i] === 1;
    attributes.push(values);
    const cls = textOf(values[classAt]);
    let id = -1;
    if (cls !== null) {
      id = classIndex.get(cls) ?? classIndex.size;
      if (id === classIndex.size) {
        classIndex.set(cls, id);
        classCounts.push(0);
      }
      classCounts[id] = (classCounts[id] ?? 0) + 1;
    }
    classIds[n] = id;
    n++;
  }
  offsets[n] = byte;
  return {
    name,
    fields: info.fields,
    srsId: info.srsId,
    classField: field,
    classes: [...classIndex.keys()],
    classCounts,
    count: n,
    fids: fids.subarray(0, n),
    envelopes: envelopes.subarray(0, 4 * n),
    classIds: classIds.subarray(0, n),
    attributes,
    wkb,
    offsets,
    withoutGeometry: total - n,
  };
}
