/** Attribute schema inference and naming rules shared by the readers. Environment: node. */
import path from 'node:path';
import type { FieldDef, FieldType } from '../../common/contract/index.js';
import { FID_COLUMN, GEOM_COLUMN } from '../store/feature-table.js';

type Seen = FieldType | 'NULL';

function typeOfValue(v: unknown): Seen {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return 'BOOLEAN';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'INTEGER' : 'REAL';
  return 'TEXT';
}

function widen(a: Seen, b: Seen): Seen {
  if (a === b || b === 'NULL') return a;
  if (a === 'NULL') return b;
  if ((a === 'INTEGER' && b === 'REAL') || (a === 'REAL' && b === 'INTEGER')) return 'REAL';
  return 'TEXT';
}

export interface InferredSchema {
  fields: FieldDef[];
  /** Source property name for each field, aligned with `fields`. */
  sourceKeys: string[];
}

/**
 * Field types from all values (as GDAL's GeoJSON driver does): integers widen to real,
 * anything mixed with text becomes text; names are made unique case-insensitively and kept
 * clear of the fid and geometry columns. Rows are added one at a time, so a streaming
 * reader never holds them all.
 */
export class SchemaBuilder {
  private readonly types = new Map<string, Seen>();

  add(row: Record<string, unknown> | null | undefined): void {
    if (!row) return;
    for (const [k, v] of Object.entries(row)) this.types.set(k, widen(this.types.get(k) ?? 'NULL', typeOfValue(v)));
  }

  build(): InferredSchema {
    const used = new Set([FID_COLUMN, GEOM_COLUMN]);
    const fields: FieldDef[] = [];
    const sourceKeys: string[] = [];
    for (const [key, seen] of this.types) {
      fields.push({ name: uniqueName(key.trim() || 'field', used), type: seen === 'NULL' ? 'TEXT' : seen });
      sourceKeys.push(key);
    }
    return { fields, sourceKeys };
  }
}

function uniqueName(wanted: string, used: Set<string>): string {
  let name = wanted;
  for (let i = 1; used.has(name.toLowerCase()); i++) name = `${wanted}_${String(i)}`;
  used.add(name.toLowerCase());
  return name;
}

export function valueFor(v: unknown, type: FieldType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'TEXT' && typeof v === 'object') return JSON.stringify(v);
  if (type === 'TEXT' && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
  return v;
}

const RESERVED_PREFIXES = ['gpkg_', 'rtree_', 'cim_', 'sqlite_'];

/** A workspace table name from a file or layer name: letters (any script), digits and _. */
export function layerNameFrom(raw: string): string {
  const base = path.basename(raw).replace(/\.[^.]+$/, '');
  let name = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  if (!name || /^\p{N}/u.test(name)) name = `layer_${name}`;
  if (RESERVED_PREFIXES.some((p) => name.toLowerCase().startsWith(p))) name = `layer_${name}`;
  return name.slice(0, 63);
}

/** `name`, or `name_2`, `name_3`… when taken. */
export function freeLayerName(wanted: string, taken: (name: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const candidate = `${wanted.slice(0, 58)}_${String(i)}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Field names made unique case-insensitively and kept clear of the fid and geometry columns. */
export function uniqueFieldNames(raw: readonly string[]): string[] {
  const used = new Set([FID_COLUMN, GEOM_COLUMN]);
  return raw.map((name) => uniqueName(name.trim() || 'field', used));
}
