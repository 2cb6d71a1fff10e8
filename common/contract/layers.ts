/**
 * The layer catalog: styles, filters, kinds, tile sets, entries and field summaries, and its calls.
 * Environment: common.
 */
import { z } from 'zod';
import { call, Empty } from './call.js';
import { BBoxLonLat, FieldDef, GeometryType, HexColor, LayerName } from './shared.js';

/**
 * How one class of a styled layer draws (QGIS's symbol with one SimpleFill layer): its fill
 * colour; optionally its own fill opacity, outline colour and outline width, else the layer's.
 */
export const ClassSymbol = z.object({
  colour: HexColor,
  opacity: z.number().min(0).max(1).optional(),
  outlineColour: HexColor.optional(),
  outlineWidthPx: z.number().min(0).max(20).optional(),
});
export type ClassSymbol = z.infer<typeof ClassSymbol>;

/** A categorised class: features whose field equals `value` (null: no value, QGIS's empty category). */
export const StyleCategory = ClassSymbol.extend({
  value: z.union([z.string(), z.number(), z.null()]),
  label: z.string().max(200),
});
export type StyleCategory = z.infer<typeof StyleCategory>;

/** A graduated class: lower < value <= upper (the first class includes its lower bound), as QGIS. */
export const StyleRange = ClassSymbol.extend({
  lower: z.number(),
  upper: z.number(),
  label: z.string().max(200),
});
export type StyleRange = z.infer<typeof StyleRange>;

/** One condition of a rule: a field compared with a value. */
export const RuleCondition = z.object({
  field: z.string().min(1),
  op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']),
  value: z.union([z.string(), z.number()]),
});
export type RuleCondition = z.infer<typeof RuleCondition>;

/**
 * A rule: features meeting every condition (none: every feature) draw with its symbol; the
 * first matching rule wins; an `else` rule takes what no other rule took (QGIS's ELSE).
 */
export const StyleRule = ClassSymbol.extend({
  label: z.string().max(200),
  conditions: z.array(RuleCondition).max(10),
  else: z.boolean().optional(),
});
export type StyleRule = z.infer<typeof StyleRule>;

/**
 * Colour by a field instead of one colour: `landuse` maps 用地用海分类 codes to the
 * standard's colours (layers/landuse), `categories` gives each distinct value a palette
 * colour, `ramp` colours a number from low (cool) to high (warm) between `min` and `max`.
 * The style editor's renderers list their classes: `categorized` (QGIS categorizedSymbol),
 * `graduated` (graduatedSymbol, with how its ranges were made) and `rules` (rule-based).
 */
export const ThematicStyle = z.object({
  field: z.string().min(1),
  method: z.enum(['landuse', 'categories', 'ramp', 'categorized', 'graduated', 'rules']),
  /** `ramp`: the value range; taken from the data when missing. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** `categories` only: fixed colours for some values (CJJ 61 pipe colours, 三线 colours); others get palette colours. */
  colours: z.record(z.string(), HexColor).optional(),
  /**
   * Polygons hatched in their category colour instead of filled (conflict layers: by
   * `severity`, high/medium/low in red/orange/yellow).
   */
  hatch: z.boolean().optional(),
  /** `categorized`: one class per value; values in no class are not drawn (as QGIS). */
  categories: z.array(StyleCategory).max(500).optional(),
  /** `graduated`: ranges from low to high; values in no range are not drawn. */
  ranges: z.array(StyleRange).max(100).optional(),
  /** `graduated`: how the ranges were made (the editor's classify settings). */
  classification: z
    .object({
      mode: z.enum(['equalInterval', 'quantile', 'jenks', 'stated']),
      classes: z.number().int().min(1).max(100),
      ramp: z.string().max(40),
    })
    .optional(),
  /** `rules`: first match wins. */
  rules: z.array(StyleRule).max(100).optional(),
});
export type ThematicStyle = z.infer<typeof ThematicStyle>;

/**
 * Which features a layer shows (QGIS's layer filter): `in` / `notIn` a list of values, or
 * `gte` / `lte` the first value (numbers, or ISO 8601 text such as `2024-12-01`).
 */
export const LayerFilter = z.object({
  field: z.string().min(1),
  op: z.enum(['in', 'notIn', 'gte', 'lte']),
  values: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(200),
});
export type LayerFilter = z.infer<typeof LayerFilter>;

export const LayerStyle = z.object({
  fillColor: HexColor,
  fillOpacity: z.number().min(0).max(1),
  strokeColor: HexColor,
  strokeWidthPx: z.number().min(0).max(20),
  pointSizePx: z.number().min(1).max(40),
  thematic: ThematicStyle.nullable().optional(),
  filter: LayerFilter.nullable().optional(),
});
export type LayerStyle = z.infer<typeof LayerStyle>;

/**
 * `vector`: a GeoPackage feature table, streamed as GeoJSON. The others are tile sets the
 * tile server serves from the workspace's tiles folder: `tiles3d` a 3D Tiles 1.1 tileset,
 * `terrain` heightmap tiles, `imagery` an image pyramid.
 */
export const LayerKind = z.enum(['vector', 'tiles3d', 'terrain', 'imagery']);
export type LayerKind = z.infer<typeof LayerKind>;

export const TilesetRef = z.object({
  /** Path under the tile server of the tileset root (`tileset.json` or `layer.json`). */
  root: z.string().min(1),
  /** Workspace layers it was built from. */
  sourceLayers: z.array(z.string()),
  /**
   * Survey epochs of a 3D Tiles layer built from several epoch layers, oldest first. Each
   * feature carries `in_<epoch>` = 1 when it exists in that epoch.
   */
  epochs: z.array(z.string()),
  /**
   * An existing tileset registered in place: the folder it lives in. Its files are served
   * under `ext/<layer>/` (realpath kept inside this folder), never copied.
   */
  externalDir: z.string().optional(),
});
export type TilesetRef = z.infer<typeof TilesetRef>;

export const LayerEntry = z.object({
  name: LayerName,
  title: z.string(),
  kind: LayerKind,
  /** Set for every kind but `vector`. */
  tiles: TilesetRef.nullable(),
  geometryType: GeometryType,
  featureCount: z.number().int().nonnegative(),
  bbox: BBoxLonLat.nullable(),
  fields: z.array(FieldDef),
  visible: z.boolean(),
  opacity: z.number().min(0).max(1),
  /** 0 is drawn first (bottom of the layer tree). */
  order: z.number().int(),
  style: LayerStyle,
  /** CRS the data came in (e.g. `EPSG:4526`); the store holds EPSG:4326. */
  sourceCrs: z.string().nullable(),
  sourceFile: z.string().nullable(),
  createdAt: z.string(),
});
export type LayerEntry = z.infer<typeof LayerEntry>;

/** What a field holds: its most frequent values (for categories and legends) and its range. */
export const FieldSummary = z.object({
  field: z.string(),
  /** Most frequent first, at most 200. */
  values: z.array(z.object({ value: z.union([z.string(), z.number(), z.null()]), count: z.number().int() })),
  distinct: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type FieldSummary = z.infer<typeof FieldSummary>;

export const layerCalls = {
  'layers.list': call(Empty, z.array(LayerEntry)),
  'layers.update': call(
    z
      .object({
        name: LayerName,
        patch: z
          .object({
            title: z.string().min(1).max(200).optional(),
            visible: z.boolean().optional(),
            opacity: z.number().min(0).max(1).optional(),
            style: LayerStyle.partial().optional(),
          })
          .strict(),
      })
      .strict(),
    LayerEntry,
    true,
  ),
  /** Names from top of the tree (drawn last) to bottom. */
  'layers.reorder': call(z.object({ topToBottom: z.array(LayerName).min(1) }).strict(), z.array(LayerEntry), true),
  'layers.remove': call(z.object({ name: LayerName }).strict(), z.object({ removed: z.string() }), true),
  /** For a tile set, summarised over the layers it was built from. */
  'layers.fieldSummary': call(z.object({ name: LayerName, field: z.string().min(1) }).strict(), FieldSummary),
} as const;
