/**
 * The result layer's computed fields and the small readers both methods of the illegal-build
 * detection share (run-change.ts, the vector method; run-dsm.ts, the raster method).
 * Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import type { LayerFeature as GkFeature, ReadLayer as GkLayer } from './read.js';
import type { Finding } from './suspect-core.js';

export const COMPUTED: readonly FieldDef[] = [
  { name: 'kind', type: 'TEXT' },
  { name: 'kinds', type: 'TEXT' },
  { name: 'score', type: 'REAL' },
  { name: 'change_class', type: 'TEXT' },
  { name: 'reasons', type: 'TEXT' },
  { name: 'excess_area_m2', type: 'REAL' },
  { name: 'excess_height_m', type: 'REAL' },
  { name: 'before_height_m', type: 'REAL' },
  { name: 'before_ids', type: 'TEXT' },
  { name: 'permit_xkzh', type: 'TEXT' },
  { name: 'permit_height_m', type: 'REAL' },
  { name: 'zone', type: 'TEXT' },
  { name: 'after_fid', type: 'INTEGER' },
];

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}

/** The reasons as one line a GIS user can read in an attribute table (codes, values). */
export function reasonsText(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      switch (f.kind) {
        case 'no_permit':
          return `no_permit: +${fmt(f.gainedM2)} m2, +${fmt(f.heightGainM)} m`;
        case 'beyond_footprint':
          return `beyond_footprint: ${fmt(f.outsideM2)} m2 outside the permit (tolerance ${fmt(f.toleranceM)} m)`;
        case 'beyond_height':
          return `beyond_height: ${fmt(f.heightM)} m over ${fmt(f.permittedM)} m permitted (+${fmt(f.excessM)} m)`;
        case 'in_protected_zone':
          return `in_protected_zone: ${f.category} ${f.zone} ${fmt(f.insideM2)} m2`;
      }
    })
    .join('; ');
}

export function crsOf(db: Db, layer: string): string | null {
  try {
    return getLayer(db, layer).sourceCrs;
  } catch {
    return null;
  }
}

export function valueAt(layer: GkLayer, f: GkFeature | undefined, field: string | null): unknown {
  if (!f || field === null) return null;
  const i = layer.fields.findIndex((x) => x.name === field);
  return i < 0 ? null : f.values[i];
}

export function textOf(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : fallback;
}
