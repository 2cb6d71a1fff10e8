/**
 * Shapes every domain of the contract uses: extents, fields, geometry types, layer names.
 * Environment: common.
 */
import { z } from 'zod';

/** [minLon, minLat, maxLon, maxLat] in EPSG:4326 degrees. */
export const BBoxLonLat = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBoxLonLat = z.infer<typeof BBoxLonLat>;

export const FieldType = z.enum(['INTEGER', 'REAL', 'TEXT', 'BOOLEAN']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldDef = z.object({
  name: z.string().min(1),
  type: FieldType,
  /** The field's alias (gpkg_data_columns.name, migration 006), e.g. `dkbm` -> 地块编码. */
  alias: z.string().optional(),
});
export type FieldDef = z.infer<typeof FieldDef>;

export const GeometryType = z.enum([
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRY',
]);
export type GeometryType = z.infer<typeof GeometryType>;

export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** Workspace table name: what `cim` sub-commands and the layer tree call a layer. */
export const LayerName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'layer names are letters, digits and _');
