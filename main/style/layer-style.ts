/**
 * The style editor's work on the workspace: class breaks of a layer's numeric field, and a
 * layer's style read from and written to a QGIS .qml. Styles live in the layer catalog's
 * `style` column (cim_layers), the same JSON the map and the legend already read, so a style
 * saved here round-trips through the workspace file unchanged. Environment: node.
 */
import path from 'node:path';
import type { ClassifyInput, ClassifyResult, LayerEntry, LayerStyle } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import { classBreaks } from '../../layers/classify.js';
import { getLayer, updateLayer } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import { quoteIdent } from '../store/feature-table.js';
import { tablesOf } from '../store/field-summary.js';
import { parseQml, writeQml } from './qml.js';

/** Every finite number the field holds (text that reads as a number counts, as in QGIS). */
export function numericValues(db: Db, layer: string, field: string): number[] {
  const out: number[] = [];
  const col = quoteIdent(field);
  for (const table of tablesOf(db, layer, field)) {
    const rows = db
      .prepare(`SELECT ${col} AS v FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL`)
      .raw()
      .all() as [unknown][];
    for (const [v] of rows) {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
      if (Number.isFinite(n)) out.push(n);
    }
  }
  return out;
}

/** Which class each value falls in: lower < v <= upper, the first class closed at both ends. */
export function countPerClass(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(edges.length - 1, 0)).fill(0);
  for (const v of values) {
    for (let i = 0; i < counts.length; i++) {
      const lo = edges[i] ?? 0;
      const hi = edges[i + 1] ?? 0;
      if ((v > lo || (i === 0 && v >= lo)) && v <= hi) {
        counts[i] = (counts[i] ?? 0) + 1;
        break;
      }
    }
  }
  return counts;
}

export function classifyField(db: Db, input: ClassifyInput): ClassifyResult {
  const values = numericValues(db, input.name, input.field);
  if (input.mode === 'stated' && (input.edges ?? []).length < 2) {
    throw new CimError('style.stated_edges', { layer: input.name, count: (input.edges ?? []).length });
  }
  const edges =
    values.length === 0 && input.mode !== 'stated' ? [] : classBreaks(input.mode, values, input.classes, input.edges);
  return { edges, counts: countPerClass(values, edges), valueCount: values.length };
}

function geometryOf(entry: LayerEntry): 'point' | 'line' | 'polygon' {
  const g = entry.geometryType.toUpperCase();
  if (g.includes('POINT')) return 'point';
  if (g.includes('LINE') || g.includes('CURVE'))
    return g.includes('SURFACE') || g.includes('POLYGON') ? 'polygon' : 'line';
  return 'polygon';
}

export function exportLayerQml(db: Db, name: string): { qml: string; fileName: string } {
  const entry = getLayer(db, name);
  return { qml: writeQml(entry.style, name, geometryOf(entry)), fileName: `${name}.qml` };
}

/**
 * Reads a .qml into a layer: a categorised or graduated renderer becomes its thematic style
 * (the classes' own fill, opacity and outline) and its source symbol the layer's fill and
 * outline; a single symbol the layer's fill and outline, with no classes. The
 * renderer's field must be one of the layer's fields.
 */
export function importLayerQml(
  db: Db,
  name: string,
  text: string,
  file: string,
): { layer: LayerEntry; notes: string[] } {
  const entry = getLayer(db, name);
  const parsed = parseQml(text, path.basename(file));
  const t = parsed.thematic;
  if (t && !entry.fields.some((f) => f.name === t.field)) {
    throw new CimError('style.qml_field_missing', { file: path.basename(file), field: t.field, layer: name });
  }
  const style: Partial<LayerStyle> = { ...parsed.base, thematic: t };
  return { layer: updateLayer(db, name, { style }), notes: parsed.notes };
}
