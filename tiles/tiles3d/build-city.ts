/**
 * City objects with 3D surfaces (CityJSON LoD1/LoD2 buildings) -> a 3D Tiles 1.1 tileset:
 * a quadtree over object centroids as the buildings tiler builds it, one glb per leaf with
 * every surface triangulated in its own plane, one feature id per object
 * (EXT_mesh_features) and its properties in EXT_structural_metadata. Each leaf's region
 * is the lon/lat/height box of its vertices, so it holds its content. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import type { BuiltTileset } from '../built-tileset.js';
import { enuFrame, enuToEcefMatrix } from '../geo/ellipsoid.js';
import { checkCancelled, yieldToLoop, type BuildControl } from '../jobs/control.js';
import { writeTileGlb } from './glb.js';
import { newMesh } from './prism.js';
import { fieldsOfColumns, type ColumnSpec } from './property-table.js';
import { buildQuadtree, leaves, type QuadNode } from './quadtree.js';
import { appendSurface, type GeoPoint } from './surface-mesh.js';
import { tilesetJson, type NodeExtent } from './tileset-json.js';

export interface CityFeature {
  /** Surfaces, each an outer ring then holes, in lon/lat/ellipsoidal height. */
  surfaces: GeoPoint[][][];
  /** Aligned with the build's columns. */
  values: readonly unknown[];
}

export interface CityBuildOptions {
  columns: readonly ColumnSpec[];
  /** Used in messages. */
  file: string;
  maxPerTile?: number;
  maxDepth?: number;
}

export interface CityBuildResult extends BuiltTileset {
  kind: 'tiles3d';
  /** Objects none of whose surfaces had an area. */
  degenerate: number;
}

interface Summary {
  box: [number, number, number, number];
  minH: number;
  maxH: number;
  lon: number;
  lat: number;
}

function summarise(f: CityFeature): Summary | null {
  let [w, s, e, n, lo, hi] = [Infinity, Infinity, -Infinity, -Infinity, Infinity, -Infinity];
  let sumLon = 0;
  let sumLat = 0;
  let count = 0;
  for (const surface of f.surfaces)
    for (const ring of surface)
      for (const [lon, lat, h] of ring) {
        w = Math.min(w, lon);
        e = Math.max(e, lon);
        s = Math.min(s, lat);
        n = Math.max(n, lat);
        lo = Math.min(lo, h);
        hi = Math.max(hi, h);
        sumLon += lon;
        sumLat += lat;
        count++;
      }
  if (count === 0 || ![w, s, e, n, lo, hi].every(Number.isFinite)) return null;
  return { box: [w, s, e, n], minH: lo, maxH: hi, lon: sumLon / count, lat: sumLat / count };
}

export async function buildCityTiles(
  features: readonly CityFeature[],
  outDir: string,
  options: CityBuildOptions,
  control: BuildControl,
): Promise<CityBuildResult> {
  const kept: { feature: CityFeature; summary: Summary }[] = [];
  for (const feature of features) {
    const summary = summarise(feature);
    if (summary) kept.push({ feature, summary });
  }
  if (kept.length === 0)
    throw new CimError('import.cityjson_no_buildings', { file: options.file, skipped: features.length });
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { summary: m } of kept) {
    box[0] = Math.min(box[0], m.box[0]);
    box[1] = Math.min(box[1], m.box[1]);
    box[2] = Math.max(box[2], m.box[2]);
    box[3] = Math.max(box[3], m.box[3]);
  }
  const tree = buildQuadtree(
    kept.map((k) => k.summary.lon),
    kept.map((k) => k.summary.lat),
    box,
    options.maxPerTile ?? 500,
    options.maxDepth ?? 10,
  );
  const extents = new Map<QuadNode, NodeExtent>();
  const leafList = [...leaves(tree)];
  let bytes = 0;
  let written = 0;
  let featureCount = 0;
  let degenerate = 0;
  for (const [k, leaf] of leafList.entries()) {
    checkCancelled(control, options.file);
    const items = leaf.items.map((i) => kept[i] as (typeof kept)[number]);
    const leafBox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    let minH = Infinity;
    let maxH = -Infinity;
    for (const { summary: m } of items) {
      leafBox[0] = Math.min(leafBox[0], m.box[0]);
      leafBox[1] = Math.min(leafBox[1], m.box[1]);
      leafBox[2] = Math.max(leafBox[2], m.box[2]);
      leafBox[3] = Math.max(leafBox[3], m.box[3]);
      minH = Math.min(minH, m.minH);
      maxH = Math.max(maxH, m.maxH);
    }
    const frame = enuFrame((leafBox[0] + leafBox[2]) / 2, (leafBox[1] + leafBox[3]) / 2, (minH + maxH) / 2);
    const mesh = newMesh();
    const values: unknown[][] = options.columns.map(() => []);
    let id = 0;
    for (const { feature } of items) {
      let any = false;
      for (const surface of feature.surfaces) any = appendSurface(mesh, frame, surface, id) || any;
      if (!any) {
        degenerate++;
        continue;
      }
      options.columns.forEach((_, i) => values[i]?.push(feature.values[i] ?? null));
      id++;
    }
    if (id === 0) continue;
    const glb = await writeTileGlb({ mesh, featureCount: id, columns: options.columns, values });
    const uri = `tiles/${String(leaf.depth)}/${String(leaf.x)}/${String(leaf.y)}.glb`;
    fs.mkdirSync(path.dirname(path.join(outDir, uri)), { recursive: true });
    fs.writeFileSync(path.join(outDir, uri), glb);
    bytes += glb.length;
    written++;
    featureCount += id;
    extents.set(leaf, {
      box: leafBox,
      minHeightM: minH,
      maxHeightM: maxH,
      transform: enuToEcefMatrix(frame),
      featureCount: id,
      uri,
    });
    control.progress(0.2 + (0.8 * (k + 1)) / leafList.length, 'jobs.tiles.buildings');
    await yieldToLoop();
  }
  if (featureCount === 0)
    throw new CimError('import.cityjson_no_buildings', { file: options.file, skipped: features.length });
  const json = JSON.stringify(tilesetJson(tree, extents));
  fs.writeFileSync(path.join(outDir, 'tileset.json'), json);
  return {
    kind: 'tiles3d',
    root: 'tileset.json',
    bbox: box,
    count: featureCount,
    tilesWritten: written,
    bytes: bytes + Buffer.byteLength(json),
    featureCount,
    geometryType: 'MULTIPOLYGON',
    fields: fieldsOfColumns(options.columns),
    warnings: [],
    sourceCrs: null,
    sourceFile: options.file,
    degenerate,
  };
}
