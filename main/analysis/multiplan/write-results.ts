/**
 * Turns the clip workers' block results into result-layer rows: which two features (oriented
 * as the rule names them), which rule, their classes, attributes and district, written as
 * each block arrives, and counted into the statistics. Environment: node.
 */
import type { ConflictRule } from '../../../layers/plan-rules.js';
import type { FeatureWriter } from '../../store/feature-table.js';
import {
  META_AREA_M2,
  META_CANDIDATE,
  META_ENVELOPE,
  META_GROUP,
  META_POINT,
  META_STRIDE,
  OP_OUTSIDE,
  type ClipBlockResult,
} from '../clip/clip-block.js';
import type { DistrictLookup } from './district.js';
import type { PlannedBlock } from './plan.js';
import type { OverlayLayer } from './read-layer.js';
import type { ResultSchema } from './result-layer.js';
import { className, type StatsAccumulator } from './stats.js';
import { textOf } from './text.js';

export interface DistrictSource {
  /** A field of an input layer: [layer, field index]. */
  field: { layer: number; field: number } | null;
  lookup: DistrictLookup | null;
}

export interface ResultWriterDeps {
  layers: readonly OverlayLayer[];
  rules: readonly ConflictRule[];
  schema: ResultSchema;
  writer: FeatureWriter;
  stats: StatsAccumulator;
  district: DistrictSource;
}

interface Side {
  layer: number;
  index: number;
}

function classOf(layers: readonly OverlayLayer[], side: Side): string | null {
  const layer = layers[side.layer];
  if (!layer || side.index < 0) return null;
  return layer.classes[layer.classIds[side.index] ?? -1] ?? null;
}

export function writeBlock(deps: ResultWriterDeps, block: PlannedBlock, result: ClipBlockResult): void {
  const { layers, schema } = deps;
  const g = block.groups;
  for (let k = 0; k < result.count; k++) {
    const m = k * META_STRIDE;
    const at = result.meta[m + META_GROUP] ?? 0;
    const candidate = result.meta[m + META_CANDIDATE] ?? -1;
    const outside = g[at] === OP_OUTSIDE;
    const x: Side = { layer: g[at + 1] ?? 0, index: g[at + 2] ?? 0 };
    const y: Side = { layer: g[at + 3] ?? 0, index: outside ? -1 : (g[at + 5 + candidate] ?? -1) };
    const code = outside ? (block.codes[at] ?? -1) : (block.codes[at + 5 + candidate] ?? -1);
    const rule = code >= 0 ? (deps.rules[code >> 1] ?? null) : null;
    const [a, b] = (code & 1) === 1 ? [y, x] : [x, y];
    const areaM2 = result.meta[m + META_AREA_M2] ?? 0;
    const values: unknown[] = new Array<unknown>(schema.fields.length).fill(null);
    const classA = classOf(layers, a);
    const classB = classOf(layers, b);
    const district = districtOf(
      deps,
      [x, y],
      result.meta[m + META_POINT] ?? NaN,
      result.meta[m + META_POINT + 1] ?? NaN,
    );
    // In OWN_FIELDS order.
    const own = [
      rule?.id ?? null,
      rule?.kind ?? null,
      rule?.severity ?? null,
      rule?.reasonZh ?? null,
      rule?.reasonEn ?? null,
      areaM2,
      layers[a.layer]?.name ?? null,
      a.index >= 0 ? (layers[a.layer]?.fids[a.index] ?? null) : null,
      classA,
      className(classA),
      layers[b.layer]?.name ?? null,
      b.index >= 0 ? (layers[b.layer]?.fids[b.index] ?? null) : null,
      classB,
      className(classB),
      district,
    ];
    own.forEach((v, i) => (values[i] = v));
    // two features of one layer share its columns: the rule's side A fills them
    for (const side of x.layer === y.layer ? [a] : [x, y]) {
      const row = side.index >= 0 ? layers[side.layer]?.attributes[side.index] : undefined;
      const columns = schema.columns[side.layer];
      if (!row || !columns) continue;
      columns.forEach((column, f) => (values[column] = row[f] ?? null));
    }
    const e = META_ENVELOPE;
    const env: [number, number, number, number] = [
      result.meta[m + e] ?? 0,
      result.meta[m + e + 1] ?? 0,
      result.meta[m + e + 2] ?? 0,
      result.meta[m + e + 3] ?? 0,
    ];
    deps.writer.writeBlob(result.blobs.subarray(result.blobOffsets[k], result.blobOffsets[k + 1]), env, values);
    // Pairs in input order (x before y); an `outside` result is its feature's layer against the other.
    deps.stats.add({
      rule,
      areaM2,
      first: { layer: layers[x.layer]?.name ?? '', classValue: classOf(layers, x) },
      second: { layer: layers[y.layer]?.name ?? '', classValue: classOf(layers, y) },
      district,
    });
  }
}

function districtOf(deps: ResultWriterDeps, sides: Side[], lon: number, lat: number): string | null {
  const { field, lookup } = deps.district;
  if (lookup) return lookup.at(lon, lat);
  if (!field) return null;
  const side = sides.find((s) => s.layer === field.layer && s.index >= 0);
  return side ? textOf(deps.layers[side.layer]?.attributes[side.index]?.[field.field]) : null;
}
