/**
 * The layer catalog (cim_layers): order, visibility, opacity and style of each feature
 * table, kept apart from the data. The camera lives beside it (bookmarks: ./bookmarks.ts).
 */
import { readAliases } from './field-aliases.js';
import type { Camera, LayerEntry, LayerKind, LayerStyle, TilesetRef } from '../../common/contract/index.js';
import { storeError } from '../../common/errors.js';
import type { Db } from './connection.js';
import { countFeatures, describeFeatureTable } from './feature-table.js';

/** Qualitative palette (ColorBrewer Set2/Dark2) for layers without a style of their own. */
const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#377eb8'];

function defaultStyle(index: number): LayerStyle {
  const color = PALETTE[index % PALETTE.length] ?? '#1b9e77';
  return { fillColor: color, fillOpacity: 0.45, strokeColor: color, strokeWidthPx: 2, pointSizePx: 8 };
}

interface LayerRow {
  name: string;
  title: string;
  kind: LayerKind;
  draw_order: number;
  visible: number;
  opacity: number;
  style: string;
  source_crs: string | null;
  source_file: string | null;
  created_at: string;
  tiles: string | null;
  meta: string | null;
}

export interface NewLayer {
  name: string;
  title: string;
  sourceCrs: string | null;
  sourceFile: string | null;
  createdAt: string;
  /** Defaults: a palette colour, shown. */
  style?: Partial<LayerStyle>;
  visible?: boolean;
}

/** What a tile set knows of the features it was built from (a feature table knows it itself). */
interface TiledLayerMeta {
  geometryType: LayerEntry['geometryType'];
  featureCount: number;
  fields: LayerEntry['fields'];
  bbox: LayerEntry['bbox'];
}

export interface NewTiledLayer extends NewLayer {
  kind: Exclude<LayerKind, 'vector'>;
  tiles: TilesetRef;
  meta: TiledLayerMeta;
}

function insertLayer(db: Db, layer: NewLayer, kind: LayerKind, tiles: string | null, meta: string | null): void {
  const { n, top, bottom } = db
    .prepare(
      'SELECT count(*) AS n, coalesce(max(draw_order), -1) AS top, coalesce(min(draw_order), 1) AS bottom FROM cim_layers',
    )
    .get() as { n: number; top: number; bottom: number };
  // Base rasters go under everything (GIS practice: imagery at the bottom of the tree);
  // vector layers and 3D models go on top.
  const order = kind === 'imagery' || kind === 'terrain' ? bottom - 1 : top + 1;
  db.prepare(
    'INSERT INTO cim_layers (name, title, kind, draw_order, visible, opacity, style, source_crs, source_file, created_at, tiles, meta) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)',
  ).run(
    layer.name,
    layer.title,
    kind,
    order,
    (layer.visible ?? true) ? 1 : 0,
    JSON.stringify({ ...defaultStyle(n), ...layer.style }),
    layer.sourceCrs,
    layer.sourceFile,
    layer.createdAt,
    tiles,
    meta,
  );
}

/** Catalogues a feature table the caller has just created (in the caller's transaction). */
export function addLayer(db: Db, layer: NewLayer): void {
  insertLayer(db, layer, 'vector', null, null);
}

/**
 * Catalogues a tile set under the workspace's tiles folder; a tile set of the same name is
 * replaced (rebuilding tiles keeps the layer's place, visibility and style).
 */
export function addTiledLayer(db: Db, layer: NewTiledLayer): void {
  const existing = db.prepare('SELECT kind FROM cim_layers WHERE name = ?').get(layer.name) as
    { kind: LayerKind } | undefined;
  if (existing && existing.kind === 'vector') throw storeError('layer_exists', { layer: layer.name });
  if (existing) {
    db.prepare(
      'UPDATE cim_layers SET kind = ?, tiles = ?, meta = ?, source_file = ?, created_at = ? WHERE name = ?',
    ).run(
      layer.kind,
      JSON.stringify(layer.tiles),
      JSON.stringify(layer.meta),
      layer.sourceFile,
      layer.createdAt,
      layer.name,
    );
    return;
  }
  // Buildings without a thematic style read as building models, not as a palette colour.
  const style = layer.kind === 'tiles3d' ? { ...TILES3D_STYLE, ...layer.style } : layer.style;
  insertLayer(db, { ...layer, style }, layer.kind, JSON.stringify(layer.tiles), JSON.stringify(layer.meta));
}

/** The folder a tileset layer was registered from in place, or null (not such a layer). */
export function externalTilesDir(db: Db, name: string): string | null {
  const row = db.prepare("SELECT tiles FROM cim_layers WHERE name = ? AND kind = 'tiles3d'").get(name) as
    { tiles: string | null } | undefined;
  if (!row?.tiles) return null;
  const tiles = JSON.parse(row.tiles) as Partial<TilesetRef>;
  return typeof tiles.externalDir === 'string' ? tiles.externalDir : null;
}

const TILES3D_STYLE: Partial<LayerStyle> = { fillColor: '#e6e1d8', strokeColor: '#8c8c8c', fillOpacity: 1 };

/**
 * Feature tables that GDAL or QGIS added to the file have no catalog row yet: give them one,
 * so every layer in the GeoPackage shows in the tree. Rows of feature tables another tool
 * dropped go.
 */
export function adoptUncataloguedTables(db: Db, now: string): void {
  db.prepare(`DELETE FROM cim_layers WHERE ${ORPHANED_ROW}`).run();
  const missing = db.prepare(`${UNCATALOGUED} ORDER BY c.table_name`).all() as { name: string; title: string | null }[];
  for (const m of missing) {
    addLayer(db, { name: m.name, title: m.title ?? m.name, sourceCrs: null, sourceFile: null, createdAt: now });
  }
}

const ORPHANED_ROW = "kind = 'vector' AND name NOT IN (SELECT table_name FROM gpkg_geometry_columns)";
const UNCATALOGUED =
  "SELECT c.table_name AS name, c.identifier AS title FROM gpkg_contents c JOIN gpkg_geometry_columns g USING (table_name) WHERE c.data_type = 'features' AND c.table_name NOT IN (SELECT name FROM cim_layers)";

/**
 * Whether `adoptUncataloguedTables` has anything to do. Reading first keeps the common case
 * (nothing changed) from taking the write lock, which another program may be holding.
 */
export function hasUncataloguedTables(db: Db): boolean {
  return (
    db.prepare(`SELECT 1 FROM cim_layers WHERE ${ORPHANED_ROW} LIMIT 1`).get() !== undefined ||
    db.prepare(`${UNCATALOGUED} LIMIT 1`).get() !== undefined
  );
}

function extentOf(db: Db, name: string): LayerEntry['bbox'] {
  const r = db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get(name) as
    { min_x: number | null; min_y: number | null; max_x: number | null; max_y: number | null } | undefined;
  if (!r || r.min_x === null || r.min_y === null || r.max_x === null || r.max_y === null) return null;
  return [r.min_x, r.min_y, r.max_x, r.max_y];
}

function toEntry(db: Db, row: LayerRow): LayerEntry {
  const described = row.kind === 'vector' ? describeVector(db, row.name) : describeTiled(row);
  return {
    name: row.name,
    title: row.title,
    kind: row.kind,
    tiles: row.kind === 'vector' || !row.tiles ? null : (JSON.parse(row.tiles) as TilesetRef),
    ...described,
    visible: row.visible === 1,
    opacity: row.opacity,
    order: row.draw_order,
    style: JSON.parse(row.style) as LayerStyle,
    sourceCrs: row.source_crs,
    sourceFile: row.source_file,
    createdAt: row.created_at,
  };
}

function describeVector(db: Db, name: string): TiledLayerMeta {
  const info = describeFeatureTable(db, name);
  const aliases = readAliases(db, name);
  return {
    geometryType: info.geometryType,
    featureCount: countFeatures(db, name),
    bbox: extentOf(db, name),
    fields: info.fields.map((f) => {
      const alias = aliases.get(f.name);
      return alias === undefined ? f : { ...f, alias };
    }),
  };
}

function describeTiled(row: LayerRow): TiledLayerMeta {
  const meta = row.meta ? (JSON.parse(row.meta) as Partial<TiledLayerMeta>) : {};
  return {
    geometryType: meta.geometryType ?? 'GEOMETRY',
    featureCount: meta.featureCount ?? 0,
    bbox: meta.bbox ?? null,
    fields: meta.fields ?? [],
  };
}

/** Layers from the top of the tree (drawn last) to the bottom. */
export function listLayers(db: Db): LayerEntry[] {
  const rows = db.prepare('SELECT * FROM cim_layers ORDER BY draw_order DESC').all() as LayerRow[];
  return rows.map((r) => toEntry(db, r));
}

export function getLayer(db: Db, name: string): LayerEntry {
  const row = db.prepare('SELECT * FROM cim_layers WHERE name = ?').get(name) as LayerRow | undefined;
  if (!row) throw storeError('layer_not_found', { layer: name });
  return toEntry(db, row);
}

export interface LayerPatch {
  title?: string | undefined;
  visible?: boolean | undefined;
  opacity?: number | undefined;
  style?: Partial<LayerStyle> | undefined;
}

export function updateLayer(db: Db, name: string, patch: LayerPatch): LayerEntry {
  const current = getLayer(db, name);
  const style: LayerStyle = { ...current.style, ...patch.style };
  db.prepare('UPDATE cim_layers SET title = ?, visible = ?, opacity = ?, style = ? WHERE name = ?').run(
    patch.title ?? current.title,
    (patch.visible ?? current.visible) ? 1 : 0,
    patch.opacity ?? current.opacity,
    JSON.stringify(style),
    name,
  );
  return getLayer(db, name);
}

/** Reorders by names listed from the top; layers not named keep their relative order below. */
export function reorderLayers(db: Db, topToBottom: readonly string[]): LayerEntry[] {
  const all = listLayers(db).map((l) => l.name);
  for (const n of topToBottom) if (!all.includes(n)) throw storeError('layer_not_found', { layer: n });
  const rest = all.filter((n) => !topToBottom.includes(n));
  const ordered = [...topToBottom, ...rest];
  const set = db.prepare('UPDATE cim_layers SET draw_order = ? WHERE name = ?');
  ordered.forEach((n, i) => set.run(ordered.length - 1 - i, n));
  return listLayers(db);
}

export function getCamera(db: Db): Camera | null {
  const row = db.prepare('SELECT camera FROM cim_camera WHERE id = 1').get() as { camera: string } | undefined;
  return row ? (JSON.parse(row.camera) as Camera) : null;
}

export function setCamera(db: Db, camera: Camera): Camera {
  db.prepare('INSERT OR REPLACE INTO cim_camera (id, camera) VALUES (1, ?)').run(JSON.stringify(camera));
  return camera;
}

/** Workspace-wide settings in cim_meta (e.g. `gk_zone_epsg`, the CRS its metric work uses). */
export function getWorkspaceMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM cim_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setWorkspaceMeta(db: Db, key: string, value: string): void {
  if (key === 'schema_version') throw storeError('reserved_meta_key', { key });
  db.prepare('INSERT OR REPLACE INTO cim_meta (key, value) VALUES (?, ?)').run(key, value);
}
