import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../main/api/contract.js';
import { CimError } from '../../../main/api/errors.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import type { Geometry } from '../../../main/store/gpkg-geometry.js';
import { ecefToGeodetic } from '../../../tiles/geo/ellipsoid.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { buildBuildingTiles, type BuildingsBuildResult } from '../../../tiles/tiles3d/build-buildings.js';
import { rasterHeights } from '../../../tiles/tiles3d/heights.js';
import { tempDir } from '../helpers.js';
import { accessorValues, control, gdalProject, listFiles, makeDem, propertyColumn, readGlb } from './support.js';

interface ValidationReport {
  issues: { numErrors: number; numWarnings: number; messages: { code: string; severity: number; pointer: string }[] };
}
const validator = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array, options?: { maxIssues?: number }): Promise<ValidationReport>;
};

const FIELDS: FieldDef[] = [
  { name: 'bldg_id', type: 'TEXT' },
  { name: 'height_m', type: 'REAL' },
  { name: 'floors', type: 'INTEGER' },
  { name: 'use', type: 'TEXT' },
  { name: 'build_year', type: 'INTEGER' },
  { name: 'name', type: 'TEXT' },
];

/** A square footprint of `sizeM` metres at (lon, lat), counter-clockwise. */
function square(lon: number, lat: number, sizeM: number): [number, number][] {
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

type Row = [Geometry, string, number | null, number | null, string, number, string];

function writeLayer(db: Db, name: string, rows: Row[], fields = FIELDS): void {
  const spec = { name, title: name, geometryType: 'MULTIPOLYGON' as const, fields };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  for (const [geom, ...values] of rows) w.write(geom, values.slice(0, fields.length));
  finishFeatureTable(db, name, w.extent());
}

const LON = 112.53;
const LAT = 33.0;
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
function epochRows(epoch: 2022 | 2024): Row[] {
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

let dir: string;
let db: Db;
let out: string;
let result: BuildingsBuildResult;

beforeAll(async () => {
  dir = tempDir('cim-3dtiles-');
  db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
  db.transaction(() => {
    writeLayer(db, 'buildings_2022', epochRows(2022));
    writeLayer(db, 'buildings_2024', epochRows(2024));
  })();
  out = path.join(dir, '3d');
  result = await buildBuildingTiles(
    db,
    out,
    {
      layers: [
        { layer: 'buildings_2022', epoch: '2022' },
        { layer: 'buildings_2024', epoch: '2024' },
      ],
      idField: 'bldg_id',
      heightField: 'height_m',
      heights: null,
      maxPerTile: 1000,
    },
    control,
  );
});

interface Tile {
  boundingVolume: { region: number[] };
  geometricError: number;
  refine?: string;
  transform?: number[];
  content?: { uri: string };
  children?: Tile[];
}

function tileset(): { asset: { version: string }; geometricError: number; root: Tile } {
  return JSON.parse(fs.readFileSync(path.join(out, 'tileset.json'), 'utf8')) as never;
}

function* allTiles(t: Tile): Generator<Tile> {
  yield t;
  for (const c of t.children ?? []) yield* allTiles(c);
}

function leafGlbs(): { tile: Tile; glb: ReturnType<typeof readGlb>; bytes: Uint8Array }[] {
  return [...allTiles(tileset().root)]
    .filter((t) => t.content)
    .map((tile) => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(out, tile.content!.uri)));
      return { tile, glb: readGlb(bytes), bytes };
    });
}

/** Every property of every feature of the tileset, by column name. */
function allRows(): Record<string, string | number>[] {
  return leafGlbs().flatMap(({ glb }) => {
    const meta = glb.json.extensions!.EXT_structural_metadata as {
      propertyTables: { count: number; properties: Record<string, unknown> }[];
    };
    const table = meta.propertyTables[0]!;
    const cols = Object.fromEntries(Object.keys(table.properties).map((k) => [k, propertyColumn(glb, k)]));
    return Array.from({ length: table.count }, (_, i) =>
      Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k]![i]!])),
    );
  });
}

describe('3D Tiles buildings', () => {
  it('writes a 3D Tiles 1.1 quadtree with ADD refinement, halving geometric error, leaves small but above 0', () => {
    const ts = tileset();
    expect(ts.asset.version).toBe('1.1');
    expect(ts.root.refine).toBe('ADD');
    expect(ts.root.children?.length).toBeGreaterThan(1);
    const leaves = [...allTiles(ts.root)].filter((t) => t.content);
    expect(leaves.length).toBe(result.tilesWritten);
    expect(listFiles(out, '.glb').length).toBe(leaves.length);
    const walk = (t: Tile, parentError: number): void => {
      expect(t.geometricError).toBeGreaterThan(0);
      expect(t.geometricError).toBeLessThan(parentError);
      expect(t.refine).toBe('ADD');
      for (const c of t.children ?? []) walk(c, t.geometricError);
    };
    walk(ts.root, ts.geometricError);
    for (const leaf of leaves) expect(leaf.geometricError).toBeLessThanOrEqual(1);
  });

  it('every glb passes gltf-validator with zero errors and zero warnings (infos: the two unknown extensions, column views)', async () => {
    const infos = new Set<string>();
    for (const { bytes } of leafGlbs()) {
      const report = await validator.validateBytes(bytes, { maxIssues: 0 });
      expect(report.issues.numErrors).toBe(0);
      expect(report.issues.numWarnings).toBe(0);
      for (const m of report.issues.messages) infos.add(m.code);
    }
    // gltf-validator 2.0.0-dev.3.10 does not know EXT_mesh_features / EXT_structural_metadata and
    // sees the property-table buffer views as unused.
    expect([...infos].sort()).toEqual(['UNSUPPORTED_EXTENSION', 'UNUSED_OBJECT']);
  });

  it('region bounding volumes contain every vertex (glb read back, y-up -> z-up, tile transform, ECEF -> geodetic)', () => {
    const ts = tileset();
    for (const { tile, glb } of leafGlbs()) {
      const [w, s, e, n, lo, hi] = tile.boundingVolume.region as [number, number, number, number, number, number];
      const m = tile.transform!;
      const prim = glb.json.meshes[0]!.primitives[0]!;
      const rad = Math.PI / 180;
      const outside: number[][] = [];
      let minH = Infinity;
      let maxH = -Infinity;
      for (const [x, y, z] of accessorValues(glb, prim.attributes.POSITION!)) {
        // 3D Tiles: glTF y-up -> z-up is (x, y, z) -> (x, -z, y), then the tile transform.
        const p = [x!, -z!, y!];
        const ecef = [0, 1, 2].map((r) => m[r]! * p[0]! + m[4 + r]! * p[1]! + m[8 + r]! * p[2]! + m[12 + r]!);
        const [lon, lat, h] = ecefToGeodetic(ecef[0]!, ecef[1]!, ecef[2]!);
        minH = Math.min(minH, h);
        maxH = Math.max(maxH, h);
        // 1e-9 rad is 6 mm; 1 cm in height: float32 positions of a tile a few hundred metres across.
        const off =
          lon * rad < w - 1e-9 ||
          lon * rad > e + 1e-9 ||
          lat * rad < s - 1e-9 ||
          lat * rad > n + 1e-9 ||
          h < lo - 0.01 ||
          h > hi + 0.01;
        if (off) outside.push([lon, lat, h]);
      }
      expect(outside).toEqual([]);
      // And the region is tight in height: its floor and roof are the content's.
      expect(minH).toBeCloseTo(lo, 1);
      expect(maxH).toBeCloseTo(hi, 1);
    }
    const contains = (outer: number[], inner: number[]): boolean =>
      outer[0]! <= inner[0]! &&
      outer[1]! <= inner[1]! &&
      outer[2]! >= inner[2]! &&
      outer[3]! >= inner[3]! &&
      outer[4]! <= inner[4]! &&
      outer[5]! >= inner[5]!;
    for (const t of allTiles(ts.root))
      for (const c of t.children ?? []) expect(contains(t.boundingVolume.region, c.boundingVolume.region)).toBe(true);
  });

  it('has one feature per building and version, with feature IDs and property counts that match', () => {
    // 3000 unchanged grid buildings + B1, B5, B6 unchanged + B2 twice + B3 + B4.
    expect(result.featureCount).toBe(3007);
    let total = 0;
    for (const { glb } of leafGlbs()) {
      const prim = glb.json.meshes[0]!.primitives[0]!;
      const ext = prim.extensions!.EXT_mesh_features as {
        featureIds: { featureCount: number; attribute: number; propertyTable: number }[];
      };
      const meta = glb.json.extensions!.EXT_structural_metadata as { propertyTables: { count: number }[] };
      const count = meta.propertyTables[0]!.count;
      expect(ext.featureIds).toEqual([{ featureCount: count, attribute: 0, propertyTable: 0 }]);
      const ids = new Set(accessorValues(glb, prim.attributes._FEATURE_ID_0!).map((v) => v[0]!));
      expect(ids.size).toBe(count);
      expect(Math.max(...ids)).toBe(count - 1);
      total += count;
    }
    expect(total).toBe(3007);
  });

  it('flags epochs right: unchanged, changed (two features), new, demolished', () => {
    const rows = allRows();
    const pick = (id: string) =>
      rows
        .filter((r) => r.bldg_id === id)
        .map((r) => ({ h: r.height_m, in_2022: r.in_2022, in_2024: r.in_2024, first: r.epoch_first }))
        .sort((a, b) => Number(a.h) - Number(b.h));
    expect(pick('B1')).toEqual([{ h: 18, in_2022: 1, in_2024: 1, first: '2022' }]);
    expect(pick('B2')).toEqual([
      { h: 20, in_2022: 1, in_2024: 0, first: '2022' },
      { h: 30, in_2022: 0, in_2024: 1, first: '2024' },
    ]);
    expect(pick('B3')).toEqual([{ h: 12, in_2022: 1, in_2024: 0, first: '2022' }]);
    expect(pick('B4')).toEqual([{ h: 45, in_2022: 0, in_2024: 1, first: '2024' }]);
    const b4 = rows.find((r) => r.bldg_id === 'B4')!;
    expect(b4).toMatchObject({ floors: 15, use: 'commercial', build_year: 2023, name: '新商场', base_height_m: 0 });
    expect(rows.filter((r) => r.in_2022 === 1 && r.in_2024 === 1).length).toBe(3003);
    expect(result.fields.map((f) => f.name)).toEqual([
      'bldg_id',
      'height_m',
      'floors',
      'use',
      'build_year',
      'base_height_m',
      'epoch_first',
      'in_2022',
      'in_2024',
      'name',
    ]);
  });

  it('extrudes prisms with outward wall normals and upward roofs, holes and multipolygons included', () => {
    let seen = 0;
    for (const { glb } of leafGlbs()) {
      const prim = glb.json.meshes[0]!.primitives[0]!;
      const pos = accessorValues(glb, prim.attributes.POSITION!);
      const nor = accessorValues(glb, prim.attributes.NORMAL!);
      const fid = accessorValues(glb, prim.attributes._FEATURE_ID_0!).map((v) => v[0]!);
      const idx = accessorValues(glb, prim.indices).map((v) => v[0]!);
      const ids = propertyColumn(glb, 'bldg_id');
      const b5 = ids.indexOf('B5');
      for (let t = 0; t < idx.length; t += 3) {
        const [a, b, c] = [idx[t]!, idx[t + 1]!, idx[t + 2]!];
        const [pa, pb, pc] = [pos[a]!, pos[b]!, pos[c]!];
        // Geometric normal from the winding (counter-clockwise = front) agrees with the stored one.
        const u = [pb[0]! - pa[0]!, pb[1]! - pa[1]!, pb[2]! - pa[2]!];
        const v = [pc[0]! - pa[0]!, pc[1]! - pa[1]!, pc[2]! - pa[2]!];
        const g = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
        const dot = g[0]! * nor[a]![0]! + g[1]! * nor[a]![1]! + g[2]! * nor[a]![2]!;
        expect(dot).toBeGreaterThan(0);
      }
      const b1 = ids.indexOf('B1');
      const roofAreaM2 = (feature: number): number => {
        let area = 0;
        for (let t = 0; t < idx.length; t += 3) {
          const [pa, pb, pc] = [pos[idx[t]!]!, pos[idx[t + 1]!]!, pos[idx[t + 2]!]!];
          if (fid[idx[t]!] !== feature || nor[idx[t]!]![1]! < 0.99) continue;
          // Plan area in the tile's east / north plane (glTF x, -z).
          area += Math.abs((pb[0]! - pa[0]!) * (pa[2]! - pc[2]!) - (pc[0]! - pa[0]!) * (pa[2]! - pb[2]!)) / 2;
        }
        return area;
      };
      if (b5 >= 0) {
        // The courtyard: 40 m x 40 m less the 15 m x 15 m hole.
        expect(roofAreaM2(b5) / (40 * 40 - 15 * 15)).toBeCloseTo(1, 2);
        seen += 1;
      }
      if (b1 >= 0) {
        expect(roofAreaM2(b1) / 400).toBeCloseTo(1, 2);
        // Walls face away from the building's middle.
        const verts = pos.filter((_, k) => fid[k] === b1);
        const cx = verts.reduce((a, p) => a + p[0]!, 0) / verts.length;
        const cz = verts.reduce((a, p) => a + p[2]!, 0) / verts.length;
        let walls = 0;
        pos.forEach((p, k) => {
          if (fid[k] !== b1 || Math.abs(nor[k]![1]!) > 0.1) return;
          expect(nor[k]![0]! * (p[0]! - cx) + nor[k]![2]! * (p[2]! - cz)).toBeGreaterThan(0);
          walls += 1;
        });
        expect(walls).toBe(16);
        seen += 1;
      }
    }
    expect(seen).toBe(2);
    const b6 = allRows().filter((r) => r.bldg_id === 'B6');
    expect(b6.length).toBe(1);
  });

  it('uses floors x 3 m with a warning when there is no height field, and refuses when there is neither', async () => {
    const noHeight = FIELDS.filter((f) => f.name !== 'height_m');
    db.transaction(() => {
      const rows = epochRows(2022)
        .slice(0, 5)
        .map(([g, id, , floors, use, year, name]): Row => [
          g,
          id,
          floors,
          use as never,
          year as never,
          name as never,
          '',
        ]);
      writeLayer(db, 'floors_only', rows, noHeight);
      writeLayer(
        db,
        'no_height',
        rows.map(([g, id]): Row => [g, id, null, null, 'x', 0, '']),
        [
          { name: 'bldg_id', type: 'TEXT' },
          { name: 'area', type: 'REAL' },
          { name: 'note', type: 'TEXT' },
        ],
      );
    })();
    const r = await buildBuildingTiles(
      db,
      path.join(dir, 'floors'),
      { layers: [{ layer: 'floors_only', epoch: '2022' }], idField: 'bldg_id', heightField: 'height_m', heights: null },
      control,
    );
    expect(r.warnings).toEqual([
      { code: 'tiles.height_from_floors', facts: { layer: 'floors_only', field: 'height_m', floorHeightM: 3 } },
    ]);
    const rows = JSON.parse(JSON.stringify(allRowsOf(path.join(dir, 'floors')))) as Record<string, unknown>[];
    expect(rows.find((x) => x.bldg_id === 'B1')?.height_m).toBe(18);
    let err: unknown;
    try {
      await buildBuildingTiles(
        db,
        path.join(dir, 'none'),
        { layers: [{ layer: 'no_height', epoch: '2022' }], idField: 'bldg_id', heightField: 'height_m', heights: null },
        control,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CimError);
    expect((err as CimError).code).toBe('tiles.height_field_required');
    expect((err as CimError).facts).toEqual({ layer: 'no_height', field: 'height_m', numericFields: 'area' });
  });

  it('seats buildings on the DEM: base height = the lowest DEM sample under the footprint', async () => {
    // A plane DEM over the test area (EPSG:4526, 10 m cells): h = 50 + 0.01 (x - xll) + 0.02 (y - yll).
    const [[x0, y0]] = gdalProject([[LON - 0.001, LAT - 0.001]]) as [[number, number]];
    const xll = Math.floor(x0);
    const yll = Math.floor(y0);
    const grid = { cols: 300, rows: 300, xll, yll, cell: 10 };
    const plane = (x: number, y: number): number => 50 + 0.01 * (x - xll) + 0.02 * (y - yll);
    const dem = makeDem(path.join(dir, 'dem.tif'), {
      ...grid,
      value: (c, r) => plane(xll + (c + 0.5) * 10, yll + (300 - r - 0.5) * 10),
    });
    const heights = rasterHeights(await openRaster(dem));
    const target = path.join(dir, 'seated');
    await buildBuildingTiles(
      db,
      target,
      {
        layers: [{ layer: 'buildings_2024', epoch: '2024' }],
        idField: 'bldg_id',
        heightField: 'height_m',
        heights,
        maxPerTile: 5000,
      },
      control,
    );
    await heights.close();
    const b4 = allRowsOf(target).find((r) => r.bldg_id === 'B4')!;
    // The plane rises to the north-east: its lowest point under B4 is the south-west corner.
    const [[x, y]] = gdalProject([[LON + 0.0025, LAT]]) as [[number, number]];
    expect(Number(b4.base_height_m)).toBeCloseTo(plane(x, y), 2);
  });
});

function allRowsOf(target: string): Record<string, string | number>[] {
  const ts = JSON.parse(fs.readFileSync(path.join(target, 'tileset.json'), 'utf8')) as { root: Tile };
  return [...allTiles(ts.root)]
    .filter((t) => t.content)
    .flatMap((t) => {
      const glb = readGlb(new Uint8Array(fs.readFileSync(path.join(target, t.content!.uri))));
      const meta = glb.json.extensions!.EXT_structural_metadata as {
        propertyTables: { count: number; properties: Record<string, unknown> }[];
      };
      const table = meta.propertyTables[0]!;
      const cols = Object.fromEntries(Object.keys(table.properties).map((k) => [k, propertyColumn(glb, k)]));
      return Array.from({ length: table.count }, (_, i) =>
        Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k]![i]!])),
      );
    });
}
