/**
 * The conflict result layer: a MultiPolygon feature table (lon/lat, the inputs' srs) whose
 * rows carry the rule, both sides' layer, fid, class and class name, the area in square
 * metres (Gauss-Krüger zone) and the district, then every input layer's attributes under
 * their own names; a name found in more than one input, or taken by our own fields, gets
 * its layer's name as prefix (DESIGN.md, "The cim command line: conventions").
 * Environment: node.
 */
import { SEVERITY_COLOURS } from '../../../layers/plan-rules.js';
import type { FieldDef, LayerStyle } from '../../../common/contract/index.js';

const OWN_FIELDS: readonly FieldDef[] = [
  { name: 'rule_id', type: 'TEXT' },
  { name: 'rule_kind', type: 'TEXT' },
  { name: 'severity', type: 'TEXT' },
  { name: 'reason', type: 'TEXT' },
  { name: 'reason_en', type: 'TEXT' },
  { name: 'area_m2', type: 'REAL' },
  { name: 'layer_a', type: 'TEXT' },
  { name: 'fid_a', type: 'INTEGER' },
  { name: 'class_a', type: 'TEXT' },
  { name: 'name_a', type: 'TEXT' },
  { name: 'layer_b', type: 'TEXT' },
  { name: 'fid_b', type: 'INTEGER' },
  { name: 'class_b', type: 'TEXT' },
  { name: 'name_b', type: 'TEXT' },
  { name: 'district', type: 'TEXT' },
];

/** Thematic categories by severity in the severity colours, hatched on the globe (renderer/map/vector/paint-tile.ts). */
export const RESULT_STYLE: Partial<LayerStyle> = {
  fillColor: '#d7191c',
  fillOpacity: 0.55,
  strokeColor: '#d7191c',
  strokeWidthPx: 2,
  thematic: { field: 'severity', method: 'categories', hatch: true, colours: { ...SEVERITY_COLOURS } },
};

export interface ResultSchema {
  fields: FieldDef[];
  /** Column of each input layer's fields, in the order of `fields`: columns[layer][field]. */
  columns: number[][];
}

/** Our fields, then each input's fields, names de-clashed as the file comment says. */
export function resultSchema(inputs: readonly { name: string; fields: readonly FieldDef[] }[]): ResultSchema {
  const fields: FieldDef[] = [...OWN_FIELDS];
  const taken = new Set(['fid', 'geom', ...OWN_FIELDS.map((f) => f.name.toLowerCase())]);
  const seen = new Map<string, number>();
  for (const input of inputs)
    for (const f of input.fields) seen.set(f.name.toLowerCase(), (seen.get(f.name.toLowerCase()) ?? 0) + 1);
  const columns = inputs.map((input) =>
    input.fields.map((f) => {
      const lower = f.name.toLowerCase();
      let name = taken.has(lower) || (seen.get(lower) ?? 0) > 1 ? `${input.name}_${f.name}` : f.name;
      for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${input.name}_${f.name}_${String(i)}`;
      taken.add(name.toLowerCase());
      fields.push({ name, type: f.type });
      return fields.length - 1;
    }),
  );
  return { fields, columns };
}

/** Result layers are `conflicts_1`, `conflicts_2`, … the first free name. */
export const RESULT_PREFIX = 'conflicts';
