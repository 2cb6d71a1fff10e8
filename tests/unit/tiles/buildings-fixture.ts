/**
 * The 3D Tiles test city: two epochs of footprints with the hand-made cases (B1 unchanged,
 * B2 changed height, B3 demolished, B4 new, B5 a courtyard, B6 two parts) and a grid of
 * 3000 identical buildings so the tileset splits; plus readers for what the builder wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FieldDef } from '../../../common/contract/index.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { footprintLayer } from '../../../main/tiles-jobs/footprint-layers.js';
import type { Geometry } from '../../../main/store/gpkg-geometry.js';
import { buildBuildingTiles, type BuildingsBuildResult } from '../../../tiles/tiles3d/build-buildings.js';
import { tempDir } from '../helpers.js';
import { expect } from 'vitest';
import { control, propertyColumn, propertyTableProblems, readGlb } from './support.js';

export const FIELDS: FieldDef[] = [
  { name: 'bldg_id', type: 'TEXT' },
  { name: 'height_m', type: 'REAL' },
  { name: 'floors', type: 'INTEGER' },
  { name: 'use', type: 'TEXT' },
  { name: 'build_year', type: 'INTEGER' },
  { name: 'name', type: 'TEXT' },
];

/** A square footprint of `sizeM` metres at (lon, lat), counter-clockwise. */
export function square(lon: number, lat: number, sizeM: number): [number, number][] {
  const dLon = sizeM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = sizeM / 111_320;
  return [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ];
}

export type Row = [Geometry, string, number | null, number | null, string, number, string];

export function writeLayer(db: Db, name: string, rows: Row[], fields = FIELDS): void {
  const spec = { name, title: name, geometryType: 'MULTIPOLYGON' as const, fields };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  for (const [geom, ...values] of rows) w.write(geom, values.slice(0, fields.length));
  finishFeatureTable(db, name, w.extent());
}

export const LON = 112.53;
export const LAT = 33.0;
const poly = (lon: number, lat: number, size = 20): Geometry => ({
  type: 'Polygon',
  coordinates: [square(lon, lat, size)],
});
const courtyard: Geometry = {
  type: 'Polygon',
  coordinates: [square(LON + 0.003, LAT, 40), square(LON + 0.003 + 0.0001, LAT + 0.0001, 15).reverse()],
};
const twoParts: Geometry = {
  type: 'MultiPolygon',
  coordinates: [[square(LON + 0.004, LAT, 10)], [square(LON + 0.0045, LAT, 10)]],
};

/** The hand-made cases, then a grid of identical buildings so the tileset splits. */
export function epochRows(epoch: 2022 | 2024): Row[] {
  const rows: Row[] = [];
  rows.push([poly(LON, LAT), 'B1', 18, 6, 'residential', 2001, '一号楼']);
  rows.push([
    poly(LON + 0.001, LAT),
    'B2',
    epoch === 2022 ? 20 : 30,
    epoch === 2022 ? 7 : 10,
    'office',
    2010,
    '二号楼',
  ]);
  if (epoch === 2022) rows.push([poly(LON + 0.002, LAT), 'B3', 12, 4, 'industrial', 1990, '旧厂房']);
  if (epoch === 2024) rows.push([poly(LON + 0.0025, LAT), 'B4', 45, 15, 'commercial', 2023, '新商场']);
  rows.push([courtyard, 'B5', 9, 3, 'school', 1985, '学校']);
  rows.push([twoParts, 'B6', 6, 2, 'residential', 1970, '双栋']);
  for (let i = 0; i < 3000; i++) {
    const lon = LON + (i % 60) * 0.0004;
    const lat = LAT + 0.002 + Math.floor(i / 60) * 0.0004;
    rows.push([poly(lon, lat, 15), `G${String(i)}`, 10 + (i % 5), 3, 'residential', 2000, `栋${String(i)}`]);
  }
  return rows;
}

export interface Tile {
  boundingVolume: { region: number[] };
  geometricError: number;
  refine?: string;
  transform?: number[];
  content?: { uri: string };
  children?: Tile[];
}

export interface Tileset {
  asset: { version: string };
  geometricError: number;
  root: Tile;
}

export function readTileset(target: string): Tileset {
  return JSON.parse(fs.readFileSync(path.join(target, 'tileset.json'), 'utf8')) as Tileset;
}

export function* allTiles(t: Tile): Generator<Tile> {
  yield t;
  for (const c of t.children ?? []) yield* allTiles(c);
}

/**
 * Every content glb of the tileset, read back. Each one's property tables are checked against
 * the EXT_structural_metadata binary rules on the way (gltf-validator does not know them), so
 * every test that reads tiles checks them.
 */
export function leafGlbsOf(target: string): { tile: Tile; glb: ReturnType<typeof readGlb>; bytes: Uint8Array }[] {
  return [...allTiles(readTileset(target).root)]
    .filter((t) => t.content)
    .map((tile) => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(target, tile.content!.uri)));
      const glb = readGlb(bytes);
      expect(propertyTableProblems(glb), tile.content!.uri).toEqual([]);
      return { tile, glb, bytes };
    });
}

/** Every property of every feature of the tileset, by column name. */
export function allRowsOf(target: string): Record<string, string | number>[] {
  return leafGlbsOf(target).flatMap(({ glb }) => {
    const meta = glb.json.extensions!.EXT_structural_metadata as {
      schema: { classes: Record<string, { properties: Record<string, unknown> }> };
      propertyTables: { class: string; count: number }[];
    };
    const table = meta.propertyTables[0]!;
    const names = Object.keys(meta.schema.classes[table.class]!.properties);
    const cols = Object.fromEntries(names.map((k) => [k, propertyColumn(glb, k)]));
    return Array.from({ length: table.count }, (_, i) =>
      Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k]![i]!])),
    );
  });
}

export interface City {
  dir: string;
  db: Db;
  out: string;
  result: BuildingsBuildResult;
}

/** Writes both epochs into a new workspace and builds them, at most 1000 buildings a tile. */
export async function buildCity(): Promise<City> {
  const dir = tempDir('cim-3dtiles-');
  const db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
  db.transaction(() => {
    writeLayer(db, 'buildings_2022', epochRows(2022));
    writeLayer(db, 'buildings_2024', epochRows(2024));
  })();
  const out = path.join(dir, '3d');
  const layers = [
    { layer: footprintLayer(db, 'buildings_2022'), epoch: '2022' },
    { layer: footprintLayer(db, 'buildings_2024'), epoch: '2024' },
  ];
  const result = await buildBuildingTiles(
    out,
    { layers, idField: 'bldg_id', heightField: 'height_m', heights: null, maxPerTile: 1000 },
    control,
  );
  return { dir, db, out, result };
}
