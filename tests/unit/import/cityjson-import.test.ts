import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import proj4 from 'proj4';
import { beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../main/import/preview.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { proj4ForEpsg } from '../../../layers/crs.js';
import { ecefToGeodetic, enuFrame } from '../../../tiles/geo/ellipsoid.js';
import { newMesh } from '../../../tiles/tiles3d/prism.js';
import { appendSurface, type GeoPoint } from '../../../tiles/tiles3d/surface-mesh.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';
import { allTiles, leafGlbsOf, readTileset } from '../tiles/buildings-fixture.js';
import { accessorValues, propertyColumn } from '../tiles/support.js';
import { failure, src } from './tiled-support.js';

const CITY = path.join(SHARED, 'cityjson');
const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
const validator = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array, options?: { maxIssues?: number }): Promise<{ issues: { numErrors: number } }>;
};

/** Building / BuildingPart ids with surface geometry, read straight from the JSON. */
function buildingIds(file: string): string[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    CityObjects: Record<string, { type: string; geometry?: { type: string }[] }>;
  };
  return Object.entries(doc.CityObjects)
    .filter(([, o]) => (o.type === 'Building' || o.type === 'BuildingPart') && (o.geometry ?? []).length > 0)
    .map(([id]) => id)
    .sort();
}

describe('proj4 definitions of the CityJSON CRSs', () => {
  it('RD New (EPSG:28992) and LV95 (EPSG:2056) land where cs2cs puts them, to 1e-8°', () => {
    for (const [epsg, points] of [
      [
        28992,
        [
          [85000, 447000],
          [155000, 463000],
          [92500, 437000],
        ],
      ],
      [
        2056,
        [
          [2683000, 1248000],
          [2600000, 1200000],
          [2500000, 1100000],
        ],
      ],
    ] as const) {
      const conv = proj4(proj4ForEpsg(epsg) ?? '', 'EPSG:4326');
      for (const [x, y] of points) {
        const out = execFileSync('cs2cs', ['-f', '%.10f', `EPSG:${String(epsg)}`, 'EPSG:4326'], {
          input: `${String(x)} ${String(y)}\n`,
        }).toString();
        const [lat, lon] = out.trim().split(/\s+/).map(Number);
        const [ourLon, ourLat] = conv.forward<[number, number]>([x, y]);
        expect(Math.abs(ourLon - (lon ?? NaN)), `${String(epsg)} ${String(x)}`).toBeLessThan(1e-8);
        expect(Math.abs(ourLat - (lat ?? NaN)), `${String(epsg)} ${String(y)}`).toBeLessThan(1e-8);
      }
    }
  });
});

describe('CityJSON import', () => {
  let dir: string;
  let ws: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    ws = path.join(dir, 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });
  const tilesOf = (name: string): string => path.join(ws.replace(/\.gpkg$/, '.tiles'), '3dtiles', name);

  it.each([
    ['delft.json', 'EPSG:28992', undefined, ['1'], [4.3648, 52.0108, 4.3686, 52.0127]],
    ['zurich_subset_lod2.json', 'EPSG:2056', undefined, ['2'], [8.4749, 47.3332, 8.5958, 47.423]],
    ['DH_01_subs.city.json', 'EPSG:28992', 'EPSG:28992', ['2'], [4.2722, 52.103, 4.2735, 52.1064]],
    ['rotterdam_subset.json', 'EPSG:28992', 'EPSG:28992', ['2'], [4.4491, 51.9053, 4.4573, 51.9092]],
  ])(
    '%s (%s) -> 3D Tiles: one feature per object, valid glbs, volumes hold their content',
    async (file, crs, chosen, lods, near) => {
      const full = path.join(CITY, file);
      const preview = await previewImport(src(full));
      const layer = preview.layers[0];
      expect(preview.format).toBe('cityjson');
      expect(layer?.tiled?.lods).toEqual(lods);
      expect(layer?.crsKnown).toBe(chosen === undefined);
      if (chosen) {
        // No referenceSystem in the file: the import waits; RD-like coordinates suggest RD New.
        expect(layer?.suggestedCrs).toBe(chosen);
        expect((await failure(runImport(db, { file: src(full) }, control))).code).toBe('import.crs_missing');
      }
      const [r] = await runImport(db, { file: src(full), options: chosen ? { crs: chosen } : {} }, control);
      const ids = buildingIds(full);
      expect(r).toMatchObject({ kind: 'tiles3d', count: ids.length, sourceCrs: crs });
      expect(r?.warnings).toContain('heights_ellipsoidal');
      const entry = listLayers(db).find((l) => l.name === r?.resultLayer);
      const [w, s, e, n] = entry?.bbox ?? [];
      expect((w ?? 0) > near[0]! - 0.001 && (e ?? 0) < near[2]! + 0.001).toBe(true);
      expect((s ?? 0) > near[1]! - 0.001 && (n ?? 0) < near[3]! + 0.001).toBe(true);

      const out = tilesOf(r?.resultLayer ?? '');
      const seen: string[] = [];
      for (const { tile, glb, bytes } of leafGlbsOf(out)) {
        expect((await validator.validateBytes(bytes, { maxIssues: 0 })).issues.numErrors).toBe(0);
        seen.push(...propertyColumn(glb, 'cityobject_id').map(String));
        const [rw, rs, re, rn, lo, hi] = tile.boundingVolume.region;
        const m = tile.transform ?? [];
        const rad = Math.PI / 180;
        for (const [x, y, z] of accessorValues(glb, glb.json.meshes[0]!.primitives[0]!.attributes.POSITION!)) {
          const p = [x!, -z!, y!];
          const ecef = [0, 1, 2].map((k) => m[k]! * p[0]! + m[4 + k]! * p[1]! + m[8 + k]! * p[2]! + m[12 + k]!);
          const [lon, lat, h] = ecefToGeodetic(ecef[0]!, ecef[1]!, ecef[2]!);
          expect(
            lon * rad >= rw! - 1e-9 && lon * rad <= re! + 1e-9 && lat * rad >= rs! - 1e-9 && lat * rad <= rn! + 1e-9,
          ).toBe(true);
          expect(h >= lo! - 0.01 && h <= hi! + 0.01).toBe(true);
        }
      }
      expect(seen.sort()).toEqual(ids);
      const root = readTileset(out).root;
      for (const t of allTiles(root)) expect(t.boundingVolume.region).toHaveLength(6);
    },
    60_000,
  );

  it('keeps attributes as properties (delft measuredHeight) and warns that rotterdam has no textures', async () => {
    const [delft] = await runImport(db, { file: src(path.join(CITY, 'delft.json')) }, control);
    const json = JSON.parse(fs.readFileSync(path.join(CITY, 'delft.json'), 'utf8')) as {
      CityObjects: Record<string, { attributes?: { measuredHeight?: number } }>;
    };
    for (const { glb } of leafGlbsOf(tilesOf(delft?.resultLayer ?? ''))) {
      const ids = propertyColumn(glb, 'cityobject_id');
      const heights = propertyColumn(glb, 'measuredHeight');
      ids.forEach((id, i) => {
        expect(heights[i]).toBe(json.CityObjects[String(id)]?.attributes?.measuredHeight);
      });
    }
    const [rotterdam] = await runImport(
      db,
      { file: src(path.join(CITY, 'rotterdam_subset.json')), options: { crs: 'EPSG:28992' } },
      control,
    );
    expect(rotterdam?.warnings).toEqual(['textures_missing', 'heights_ellipsoidal']);
  });

  it('builds the highest LoD per object unless one is picked; counts objects without geometry; refuses bad versions', async () => {
    const cube = (top: number): number[][][] => [
      [[0, 3, 2, 1]],
      [[4, 5, 6, 7].map((i) => i + (top === 10 ? 0 : 4))],
      [[0, 1, 5, 4]],
    ];
    const doc = {
      type: 'CityJSON',
      version: '2.0',
      metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/7415' },
      transform: { scale: [0.001, 0.001, 0.001], translate: [85000, 447000, 0] },
      vertices: [
        [0, 0, 0],
        [10000, 0, 0],
        [10000, 10000, 0],
        [0, 10000, 0],
        [0, 0, 10000],
        [10000, 0, 10000],
        [10000, 10000, 10000],
        [0, 10000, 10000],
        [0, 0, 12000],
        [10000, 0, 12000],
        [10000, 10000, 12000],
        [0, 10000, 12000],
      ],
      CityObjects: {
        a: {
          type: 'Building',
          attributes: { name: 'A', 'roof-type': 'flat' },
          geometry: [
            { type: 'MultiSurface', lod: '1.2', boundaries: cube(10) },
            { type: 'MultiSurface', lod: '2.2', boundaries: cube(12) },
          ],
        },
        b: { type: 'Building', attributes: { name: 'B' }, geometry: [] },
        c: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1.2', boundaries: [[[0, 1, 99]]] }] },
        road: { type: 'Road', geometry: [] },
      },
    };
    const file = path.join(dir, 'two_lods.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const preview = await previewImport(src(file));
    expect(preview.layers[0]).toMatchObject({
      crs: 'EPSG:28992',
      featureCount: 1,
      skipped: [
        { record: 2, reason: 'no_geometry_lod' },
        { record: 3, reason: 'bad_city_geometry' },
      ],
    });
    expect(preview.layers[0]?.fields.map((f) => f.name)).toEqual([
      'cityobject_id',
      'cityobject_type',
      'lod',
      'parent_id',
      'name',
      'roof-type',
    ]);
    expect(preview.layers[0]?.tiled?.lods).toEqual(['2.2', '1.2']);
    const heightsOf = (name: string): number[] => {
      const [leaf] = leafGlbsOf(tilesOf(name));
      expect(propertyColumn(leaf!.glb, 'lod')).toHaveLength(1);
      return [...leaf!.tile.boundingVolume.region.slice(4), Number(propertyColumn(leaf!.glb, 'lod')[0])];
    };
    const [high] = await runImport(db, { file: src(file), name: 'high' }, control);
    expect(high?.skipped).toHaveLength(2);
    expect(heightsOf('high').map((v) => Number(v.toFixed(3)))).toEqual([0, 12, 2.2]);
    await runImport(db, { file: src(file), name: 'low', options: { lod: '1.2' } }, control);
    expect(heightsOf('low').map((v) => Number(v.toFixed(3)))).toEqual([0, 10, 1.2]);
    const before = snapshot(ws);
    const none = await failure(runImport(db, { file: src(file), options: { lod: '3' } }, control));
    expect(none.code).toBe('import.cityjson_no_buildings');
    fs.writeFileSync(file, JSON.stringify({ ...doc, version: '3.0' }));
    expect((await failure(previewImport(src(file)))).facts).toEqual({ file: 'two_lods.json', version: '3.0' });
    expect(snapshot(ws)).toEqual(before);
  });
});

describe('surface triangulation', () => {
  it('a 10 m square wall with a 2 m window: 96 m² of triangles facing its normal', () => {
    const frame = enuFrame(4.4, 52.0, 0);
    // Degrees of longitude per metre along the parallel: the prime vertical radius N (WGS 84).
    const lat = (52 * Math.PI) / 180;
    const primeVerticalM = 6378137 / Math.sqrt(1 - 0.00669437999014 * Math.sin(lat) ** 2);
    const dLon = 180 / (Math.PI * primeVerticalM * Math.cos(lat));
    // A wall in the east-up plane facing south (counter-clockwise seen from the south).
    const at = (e: number, u: number): GeoPoint => [4.4 + e * dLon, 52.0, u];
    const outer = [at(0, 0), at(10, 0), at(10, 10), at(0, 10)];
    const hole = [at(4, 4), at(4, 6), at(6, 6), at(6, 4)];
    const mesh = newMesh();
    expect(appendSurface(mesh, frame, [outer, hole], 0)).toBe(true);
    let area = 0;
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const p = [0, 1, 2].map((k) => mesh.positions.slice(mesh.indices[t + k]! * 3, mesh.indices[t + k]! * 3 + 3));
      const u = [0, 1, 2].map((k) => p[1]![k]! - p[0]![k]!);
      const v = [0, 1, 2].map((k) => p[2]![k]! - p[0]![k]!);
      const c = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
      area += Math.hypot(...c) / 2;
      // glTF axes: z is south; the wall faces south, and every triangle winds that way.
      expect(c[2]!).toBeGreaterThan(0);
    }
    expect(area).toBeCloseTo(96, 1);
    expect(mesh.normals[2]).toBeCloseTo(1, 3);
    // Two distinct points are no surface.
    expect(appendSurface(newMesh(), frame, [[at(0, 0), at(0, 0), at(1, 0), at(0, 0)]], 0)).toBe(false);
  });
});
