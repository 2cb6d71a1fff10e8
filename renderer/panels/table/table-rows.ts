/**
 * The attribute table's rows: a layer's GeoJSON features as plain rows keyed by fid, filtered
 * by a text any field contains, sorted by one field, and written as CSV. Pure.
 */
import Papa from 'papaparse';

export interface TableRow {
  key: number | string;
  properties: Record<string, unknown>;
  /** [west, south, east, north] of the feature, for zooming to it. */
  bbox: [number, number, number, number] | null;
}

type Position = readonly number[];

function grow(box: [number, number, number, number], coords: unknown): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as Position;
    if (typeof x !== 'number' || typeof y !== 'number') return;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
    return;
  }
  for (const c of coords) grow(box, c);
}

export function rowsOf(collection: unknown): TableRow[] {
  const features = (collection as { features?: unknown[] } | null)?.features ?? [];
  return features.map((item, index) => {
    const f = item as {
      id?: unknown;
      properties?: Record<string, unknown> | null;
      geometry?: { coordinates?: unknown } | null;
    };
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    grow(box, f.geometry?.coordinates);
    return {
      key: typeof f.id === 'number' || typeof f.id === 'string' ? f.id : `#${String(index)}`,
      properties: f.properties ?? {},
      bbox: box[0] <= box[2] ? box : null,
    };
  });
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Rows where any field's text contains `query` (case-insensitive); all rows for an empty query. */
export function filterRows(rows: readonly TableRow[], query: string): TableRow[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...rows];
  return rows.filter((row) => Object.values(row.properties).some((v) => text(v).toLowerCase().includes(q)));
}

/** Numbers before text, nulls last; text in Chinese collation order. */
export function compareValues(a: unknown, b: unknown): number {
  const empty = (v: unknown): boolean => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return Number(empty(a)) - Number(empty(b));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return text(a).localeCompare(text(b), 'zh-CN', { numeric: true });
}

/** CSV of the rows (fields as columns, the workspace's names), with a BOM so Excel reads the Chinese. */
export function rowsToCsv(rows: readonly TableRow[], fields: readonly string[]): string {
  const data = rows.map((row) => fields.map((f) => text(row.properties[f])));
  return `\uFEFF${Papa.unparse({ fields: [...fields], data })}`;
}
