/**
 * Footprint layers (one per survey epoch) -> a 3D Tiles 1.1 tileset of extruded buildings
 * (see README "Tile formats"). Pass 1 streams every layer once, keeping per building only
 * its id, signature, centroid and box; the quadtree then groups them, and each leaf reads
 * its own rows back by fid, builds one glb and lets it go, so memory holds one tile's
 * meshes, not the city's. The layers come from whoever stores them (FootprintLayer): this
 * builder knows no workspace. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FieldDef } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { BuiltTileset, TilesWarning } from '../built-tileset.js';
import { enuFrame, enuToEcefMatrix } from '../geo/ellipsoid.js';
import { checkCancelled, yieldToLoop, type BuildControl } from '../jobs/control.js';
import { EpochMerger, type MergedFeature } from './epochs.js';
import { bboxAndCentroid, heightRule, signatureOf, type FootprintLayer, type HeightRule } from './footprints.js';
import { writeTileGlb } from './glb.js';
import type { HeightSampler } from './heights.js';
import { appendPrism, newMesh } from './prism.js';
import { fieldsOfColumns, PROPERTY_ID, type ColumnSpec, type ColumnType } from './property-table.js';
import { buildQuadtree, leaves, type QuadNode } from './quadtree.js';
import { tilesetJson, type NodeExtent } from './tileset-json.js';

interface EpochLayer {
  layer: FootprintLayer;
  epoch: string;
}

export interface BuildingsBuildOptions {
  /** One footprint layer per survey epoch, oldest first. */
  layers: EpochLayer[];
  idField: string;
  heightField: string;
  /** Storeys, used (x 3 m) when the height field is missing; default `floors`. */
  floorsField?: string | undefined;
  heights: HeightSampler | null;
  maxPerTile?: number;
  maxDepth?: number;
}

export interface BuildingsBuildResult extends BuiltTileset {
  kind: 'tiles3d';
  /** Depth of the deepest leaf written. */
  depth: number;
}

const FIXED: readonly ColumnSpec[] = [
  { name: 'bldg_id', type: 'STRING' },
  { name: 'height_m', type: 'FLOAT64', description: 'height above the base, metres' },
  { name: 'floors', type: 'INT32' },
  { name: 'use', type: 'STRING' },
  { name: 'build_year', type: 'INT32' },
  { name: 'base_height_m', type: 'FLOAT64', description: 'ellipsoidal height of the ground under it, metres' },
  { name: 'epoch_first', type: 'STRING', description: 'first survey epoch the building stands in' },
];

const COLUMN_OF_FIELD: Record<FieldDef['type'], ColumnType> = {
  INTEGER: 'INT32',
  REAL: 'FLOAT64',
  BOOLEAN: 'UINT8',
  TEXT: 'STRING',
};

interface Source {
  info: FootprintLayer;
  rule: HeightRule;
  epoch: string;
}

function openSources(options: BuildingsBuildOptions, warnings: TilesWarning[]): Source[] {
  return options.layers.map(({ layer: info, epoch }) => {
    // one layer needs no id to match buildings across epochs: its rows' fids serve
    if (options.layers.length > 1 && !info.fields.some((f) => f.name === options.idField)) {
      throw new CimError('tiles.id_field_missing', {
        layer: info.name,
        field: options.idField,
        fields: info.fields.map((f) => f.name).join(', ') || '-',
      });
    }
    return { info, rule: heightRule(info, options.heightField, warnings, options.floorsField), epoch };
  });
}

function heightOf(rule: HeightRule, props: Record<string, unknown>): number | null {
  const v = props[rule.field];
  const h = typeof v === 'number' ? v * rule.factor : NaN;
  return h > 0 && Number.isFinite(h) ? h : null;
}

function columnsFor(sources: readonly Source[], idField: string): ColumnSpec[] {
  const epochs = sources.map((s) => s.epoch);
  const taken = new Set([...FIXED.map((c) => c.name), ...epochs.map((e) => `in_${e}`), idField]);
  const extra: ColumnSpec[] = [];
  const used = new Set([...taken, ...sources.flatMap((s) => s.info.fields.map((f) => f.name))]);
  for (const s of sources)
    for (const f of s.info.fields) {
      if (taken.has(f.name)) continue;
      taken.add(f.name);
      // Field names that are no metadata identifiers (Chinese ones) get a generated ID.
      let id = f.name;
      if (!PROPERTY_ID.test(id)) {
        for (let k = extra.length + 1; !PROPERTY_ID.test(id) || used.has(id); k++) id = `field_${String(k)}`;
        used.add(id);
      }
      extra.push({ name: id, type: COLUMN_OF_FIELD[f.type], ...(id === f.name ? {} : { field: f.name }) });
    }
  return [...FIXED, ...epochs.map((e): ColumnSpec => ({ name: `in_${e}`, type: 'UINT8' })), ...extra];
}

export async function buildBuildingTiles(
  outDir: string,
  options: BuildingsBuildOptions,
  control: BuildControl,
): Promise<BuildingsBuildResult> {
  const warnings: TilesWarning[] = [];
  const sources = openSources(options, warnings);
  const label = sources.map((s) => s.info.name).join(',');
  const merger = new EpochMerger(sources.length);
  let skipped = 0;
  for (const [epochIndex, source] of sources.entries()) {
    let n = 0;
    for (const f of source.info.footprints()) {
      const polygons = f.polygons;
      const heightM = heightOf(source.rule, f.properties);
      if (polygons.length === 0 || heightM === null) {
        skipped += 1;
        continue;
      }
      const rawId = f.properties[options.idField];
      const id =
        typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `${source.info.name}#${String(f.fid)}`;
      merger.add({
        epochIndex,
        fid: f.fid,
        id,
        signature: signatureOf(polygons, heightM),
        ...bboxAndCentroid(polygons),
      });
      if (++n % 5000 === 0) {
        checkCancelled(control, label);
        control.progress((0.3 * epochIndex) / sources.length, 'jobs.tiles.reading');
        await yieldToLoop();
      }
    }
  }
  if (skipped > 0) warnings.push({ code: 'tiles.buildings_skipped', facts: { count: skipped } });
  if (merger.count === 0) throw new CimError('tiles.no_buildings', { layers: label });
  const box = merger.extent();
  const tree = buildQuadtree(merger.lons, merger.lats, box, options.maxPerTile ?? 3000, options.maxDepth ?? 10);
  const columns = columnsFor(sources, options.idField);
  const extents = new Map<QuadNode, NodeExtent>();
  const leafList = [...leaves(tree)];
  let bytes = 0;
  let written = 0;
  let depth = 0;
  for (const [k, leaf] of leafList.entries()) {
    checkCancelled(control, label);
    const items = leaf.items.map((i) => merger.feature(i));
    const { extent, glb } = await buildLeaf(sources, columns, items, options.heights);
    if (!glb) continue;
    const uri = `tiles/${String(leaf.depth)}/${String(leaf.x)}/${String(leaf.y)}.glb`;
    fs.mkdirSync(path.dirname(path.join(outDir, uri)), { recursive: true });
    fs.writeFileSync(path.join(outDir, uri), glb);
    bytes += glb.length;
    written += 1;
    depth = Math.max(depth, leaf.depth);
    extents.set(leaf, { ...extent, uri });
    control.progress(0.3 + (0.7 * (k + 1)) / leafList.length, 'jobs.tiles.buildings');
    await yieldToLoop();
  }
  const json = JSON.stringify(tilesetJson(tree, extents));
  fs.writeFileSync(path.join(outDir, 'tileset.json'), json);
  return {
    kind: 'tiles3d',
    root: 'tileset.json',
    bbox: box,
    count: merger.count,
    tilesWritten: written,
    bytes: bytes + Buffer.byteLength(json),
    featureCount: merger.count,
    geometryType: 'MULTIPOLYGON',
    fields: fieldsOfColumns(columns),
    warnings,
    sourceCrs: 'EPSG:4326',
    sourceFile: null,
    depth,
  };
}

async function buildLeaf(
  sources: readonly Source[],
  columns: readonly ColumnSpec[],
  items: readonly MergedFeature[],
  heights: HeightSampler | null,
): Promise<{ extent: Omit<NodeExtent, 'uri'>; glb: Uint8Array | null }> {
  const rows = sources.map((s, e) => s.info.byFid(items.filter((f) => f.epochIndex === e).map((f) => f.fid)));
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of items) {
    w = Math.min(w, f.bbox[0]);
    s = Math.min(s, f.bbox[1]);
    e = Math.max(e, f.bbox[2]);
    n = Math.max(n, f.bbox[3]);
  }
  const frame = enuFrame((w + e) / 2, (s + n) / 2, 0);
  const mesh = newMesh();
  const values: unknown[][] = columns.map(() => []);
  let minH = Infinity;
  let maxH = -Infinity;
  let featureId = 0;
  for (const f of items) {
    const source = sources[f.epochIndex] as Source;
    const row = rows[f.epochIndex]?.get(f.fid);
    const polygons = row?.polygons ?? [];
    const heightM = row ? heightOf(source.rule, row.properties) : null;
    if (!row || heightM === null) continue;
    const ring = polygons.flatMap((p) => p[0] ?? []);
    const ground = heights ? (await heights.heightsAt([...ring, f.centroid])).filter(Number.isFinite) : [];
    const baseM = ground.length > 0 ? Math.min(...ground) : 0;
    let any = false;
    for (const rings of polygons) any = appendPrism(mesh, frame, rings, baseM, baseM + heightM, featureId) || any;
    if (!any) continue;
    minH = Math.min(minH, baseM);
    maxH = Math.max(maxH, baseM + heightM);
    const p = row.properties;
    const fixed: unknown[] = [
      f.id,
      heightM,
      p.floors,
      p.use,
      p.build_year,
      baseM,
      sources[f.inEpoch.indexOf(1)]?.epoch ?? source.epoch,
      ...Array.from(f.inEpoch),
    ];
    columns.forEach((c, i) => values[i]?.push(i < fixed.length ? fixed[i] : p[c.field ?? c.name]));
    featureId += 1;
  }
  // A leaf whose footprints were all degenerate has no content (an empty glb is invalid).
  const glb = featureId === 0 ? null : await writeTileGlb({ mesh, featureCount: featureId, columns, values });
  return {
    extent: {
      box: [w, s, e, n],
      minHeightM: minH,
      maxHeightM: maxH,
      transform: enuToEcefMatrix(frame),
      featureCount: featureId,
    },
    glb,
  };
}
