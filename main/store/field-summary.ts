/**
 * Summaries of one attribute of a layer: its most frequent values and its numeric range, for
 * thematic styles and legends. A tile set is summarised over the feature tables it was built
 * from (those still in the workspace). Environment: node.
 */
import type { FieldSummary } from '../../common/contract/index.js';
import { storeError } from '../../common/errors.js';
import { getLayer } from './catalog.js';
import type { Db } from './connection.js';
import { describeFeatureTable, quoteIdent, tableExists } from './feature-table.js';

const MAX_VALUES = 200;

type Value = string | number | null;

/** The feature tables holding a layer's field (its own, or a tile set's source layers). */
export function tablesOf(db: Db, layer: string, field: string): string[] {
  const entry = getLayer(db, layer);
  const tables = entry.kind === 'vector' ? [layer] : (entry.tiles?.sourceLayers ?? []);
  const withField = tables.filter(
    (t) => tableExists(db, t) && describeFeatureTable(db, t).fields.some((f) => f.name === field),
  );
  if (withField.length === 0) throw storeError('field_not_found', { layer, field });
  return withField;
}

export function summariseField(db: Db, layer: string, field: string): FieldSummary {
  const counts = new Map<Value, number>();
  let min: number | null = null;
  let max: number | null = null;
  const col = quoteIdent(field);
  for (const table of tablesOf(db, layer, field)) {
    const rows = db.prepare(`SELECT ${col} AS v, count(*) AS n FROM ${quoteIdent(table)} GROUP BY ${col}`).all() as {
      v: unknown;
      n: number;
    }[];
    for (const { v, n } of rows) {
      // SQLite gives numbers, text, null or (for a BLOB column) bytes, which no legend shows.
      const value: Value = typeof v === 'number' || typeof v === 'string' ? v : null;
      counts.set(value, (counts.get(value) ?? 0) + n);
      if (typeof value === 'number') {
        min = min === null ? value : Math.min(min, value);
        max = max === null ? value : Math.max(max, value);
      }
    }
  }
  const values = [...counts]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, MAX_VALUES)
    .map(([value, count]) => ({ value, count }));
  return { field, values, distinct: counts.size, min, max };
}
