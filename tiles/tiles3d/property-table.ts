/**
 * Feature properties as an EXT_structural_metadata property table (3D Metadata
 * Specification, CesiumGS/3d-tiles specification/Metadata): one binary column per
 * property, little-endian, strings as UTF-8 with UINT32 offsets. Nulls become each
 * type's `noData`. Each buffer view is exactly as long as the spec says (count x size,
 * (count + 1) x 4 for string offsets, the last string offset for string bytes); padding
 * to keep the next view 8-byte aligned goes between views (gltf-extensions.ts).
 * Pure; environment: common.
 */
import type { FieldDef } from '../../common/contract/index.js';
import type { PropertyColumn } from './gltf-extensions.js';

export type ColumnType = 'STRING' | 'UINT8' | 'INT32' | 'FLOAT64';

export interface ColumnSpec {
  /** Property ID in the schema (3D Metadata: letters, digits and _, not starting with a digit). */
  name: string;
  type: ColumnType;
  description?: string;
  /** Source field it comes from, when that is no valid ID (e.g. 名称); also the display name. */
  field?: string;
}

/** 3D Metadata Specification §"Identifiers": what a property ID may be. */
export const PROPERTY_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

const NO_DATA = { UINT8: 255, INT32: -2147483648, FLOAT64: -1e308, STRING: '' } as const;

const SCHEMA_ID = 'cim_buildings';
export const CLASS_NAME = 'building';

/** The catalog's fields of a tile set's columns, by property ID. */
export function fieldsOfColumns(columns: readonly ColumnSpec[]): FieldDef[] {
  const kind: Record<ColumnType, FieldDef['type']> = {
    STRING: 'TEXT',
    UINT8: 'INTEGER',
    INT32: 'INTEGER',
    FLOAT64: 'REAL',
  };
  return columns.map((c) => ({ name: c.name, type: kind[c.type] }));
}

export function schemaFor(columns: readonly ColumnSpec[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const c of columns) {
    const base = { ...(c.field ? { name: c.field } : {}), ...(c.description ? { description: c.description } : {}) };
    properties[c.name] =
      c.type === 'STRING'
        ? { ...base, type: 'STRING', noData: NO_DATA.STRING }
        : { ...base, type: 'SCALAR', componentType: c.type, noData: NO_DATA[c.type] };
  }
  return { id: SCHEMA_ID, classes: { [CLASS_NAME]: { properties } } };
}

function numberOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function stringOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/**
 * A column's bytes, or null for a string column whose strings are all empty: its `values`
 * view would have to be 0 bytes long (the last string offset), which glTF forbids (a buffer
 * view holds at least 1 byte), so the property is left out of the table and every feature
 * reads it as missing, as it reads the `noData` "" (3D Metadata: an omitted property takes
 * the class's default; these have none, like a noData value). The property stays in the
 * schema.
 */
export function encodeColumn(spec: ColumnSpec, values: readonly unknown[]): PropertyColumn | null {
  const n = values.length;
  if (spec.type === 'STRING') {
    const encoder = new TextEncoder();
    const parts = values.map((v) => encoder.encode(stringOf(v)));
    const total = parts.reduce((s, p) => s + p.length, 0);
    if (total === 0) return null;
    const bytes = new Uint8Array(total);
    const offsets = new Uint8Array((n + 1) * 4);
    const view = new DataView(offsets.buffer);
    let at = 0;
    parts.forEach((p, i) => {
      view.setUint32(i * 4, at, true);
      bytes.set(p, at);
      at += p.length;
    });
    view.setUint32(n * 4, at, true);
    return { values: bytes, stringOffsets: offsets };
  }
  const size = spec.type === 'UINT8' ? 1 : spec.type === 'INT32' ? 4 : 8;
  const bytes = new Uint8Array(n * size);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    const x = numberOf(v);
    if (spec.type === 'UINT8') {
      view.setUint8(i, x === null || x < 0 || x > 254 ? NO_DATA.UINT8 : Math.round(x));
    } else if (spec.type === 'INT32') {
      const ok = x !== null && Number.isInteger(x) && x > NO_DATA.INT32 && x <= 2147483647;
      view.setInt32(i * 4, ok ? x : NO_DATA.INT32, true);
    } else {
      view.setFloat64(i * 8, x ?? NO_DATA.FLOAT64, true);
    }
  });
  return { values: bytes };
}
