/**
 * CityJSON attributes as 3D Tiles property columns: the object's id, type, level of detail
 * and parent first, then every attribute key found, typed by its values (whole numbers in
 * int32 -> INT32, other numbers -> FLOAT64, booleans -> UINT8, anything else -> STRING).
 * Keys that are no metadata identifiers get `field_<n>` with the key as display name.
 * Pure; environment: common.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { PROPERTY_ID, type ColumnSpec, type ColumnType } from '../../../tiles/tiles3d/property-table.js';
import type { CityObjectIn } from './parse.js';

const FIXED: readonly ColumnSpec[] = [
  { name: 'cityobject_id', type: 'STRING', description: 'CityJSON object id' },
  { name: 'cityobject_type', type: 'STRING', description: 'Building or BuildingPart' },
  { name: 'lod', type: 'STRING', description: 'level of detail built' },
  { name: 'parent_id', type: 'STRING', description: 'the Building a BuildingPart belongs to' },
];

/** More attribute columns than this make a property table no one reads. */
const MAX_ATTRIBUTE_COLUMNS = 200;

function typeOf(values: readonly unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'STRING';
  if (present.every((v) => typeof v === 'boolean')) return 'UINT8';
  if (present.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const ints = (present as number[]).every((v) => Number.isInteger(v) && v > -2147483648 && v <= 2147483647);
    return ints ? 'INT32' : 'FLOAT64';
  }
  return 'STRING';
}

export function cityColumns(objects: readonly CityObjectIn[]): ColumnSpec[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const o of objects)
    for (const k of Object.keys(o.attributes)) {
      if (seen.has(k) || keys.length >= MAX_ATTRIBUTE_COLUMNS) continue;
      seen.add(k);
      keys.push(k);
    }
  const used = new Set(FIXED.map((c) => c.name));
  let generated = 0;
  const extra = keys.map((key): ColumnSpec => {
    const type = typeOf(objects.map((o) => o.attributes[key]));
    if (PROPERTY_ID.test(key) && !used.has(key)) {
      used.add(key);
      return { name: key, type };
    }
    let id = `field_${String(++generated)}`;
    while (used.has(id) || seen.has(id)) id = `field_${String(++generated)}`;
    used.add(id);
    return { name: id, type, field: key };
  });
  return [...FIXED, ...extra];
}

export function columnFields(columns: readonly ColumnSpec[]): FieldDef[] {
  const kind: Record<ColumnType, FieldDef['type']> = {
    STRING: 'TEXT',
    UINT8: 'BOOLEAN',
    INT32: 'INTEGER',
    FLOAT64: 'REAL',
  };
  return columns.map((c) => ({ name: c.field ?? c.name, type: kind[c.type] }));
}

export function rowOf(columns: readonly ColumnSpec[], o: CityObjectIn, lod: string): unknown[] {
  const fixed = [o.id, o.type, lod, o.parent];
  return columns.map((c, i) => (i < FIXED.length ? fixed[i] : (o.attributes[c.field ?? c.name] ?? null)));
}
