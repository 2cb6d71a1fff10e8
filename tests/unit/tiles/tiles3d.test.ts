import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecefToGeodetic, enuFrame } from '../../../tiles/geo/ellipsoid.js';
import { writeTileGlb } from '../../../tiles/tiles3d/glb.js';
import { appendPrism, newMesh } from '../../../tiles/tiles3d/prism.js';
import {
  allTiles,
  buildCity,
  LAT,
  LON,
  square,
  leafGlbsOf,
  readTileset,
  type City,
  type Tile,
  type Tileset,
} from './buildings-fixture.js';
import { accessorValues, listFiles, propertyColumn, propertyTableProblems, readGlb } from './support.js';

interface ValidationReport {
  issues: { numErrors: number; numWarnings: number; messages: { code: string; severity: number; pointer: string }[] };
}
const validator = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array, options?: { maxIssues?: number }): Promise<ValidationReport>;
};

let city: City;
beforeAll(async () => {
  city = await buildCity();
});
const tileset = (): Tileset => readTileset(city.out);
const leafGlbs = () => leafGlbsOf(city.out);

describe('3D Tiles tileset and glb', () => {
  it('writes a 3D Tiles 1.1 quadtree with ADD refinement, halving geometric error, leaves small but above 0', () => {
    const ts = tileset();
    expect(ts.asset.version).toBe('1.1');
    expect(ts.root.refine).toBe('ADD');
    expect(ts.root.children?.length).toBeGreaterThan(1);
    const leaves = [...allTiles(ts.root)].filter((t) => t.content);
    expect(leaves.length).toBe(city.result.tilesWritten);
    expect(listFiles(city.out, '.glb').length).toBe(leaves.length);
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
    expect(city.result.featureCount).toBe(3007);
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

  it('gives each column a buffer view exactly as long as its values, 8-byte aligned', () => {
    const SIZE: Record<string, number> = { UINT8: 1, INT32: 4, FLOAT64: 8 };
    for (const { glb } of leafGlbs()) {
      const meta = glb.json.extensions!.EXT_structural_metadata as {
        schema: { classes: Record<string, { properties: Record<string, { type: string; componentType?: string }> }> };
        propertyTables: {
          class: string;
          count: number;
          properties: Record<string, { values: number; stringOffsets?: number }>;
        }[];
      };
      const table = meta.propertyTables[0]!;
      const defs = meta.schema.classes[table.class]!.properties;
      for (const [name, col] of Object.entries(table.properties)) {
        const values = glb.json.bufferViews[col.values]!;
        expect((values.byteOffset ?? 0) % 8, name).toBe(0);
        const def = defs[name]!;
        if (def.type === 'STRING') {
          const offsets = glb.json.bufferViews[col.stringOffsets!]!;
          expect(offsets.byteLength, name).toBe((table.count + 1) * 4);
          expect((offsets.byteOffset ?? 0) % 8, name).toBe(0);
        } else {
          expect(values.byteLength, name).toBe(table.count * SIZE[def.componentType ?? 'FLOAT64']!);
        }
      }
    }
  });

  it('checks every property table against the EXT_structural_metadata length rules, and the check can fail', () => {
    const [{ glb }] = leafGlbs() as [ReturnType<typeof leafGlbs>[number]];
    expect(propertyTableProblems(glb)).toEqual([]);
    const broken = (edit: (json: typeof glb.json, props: Record<string, { values: number }>) => void) => {
      const json = structuredClone(glb.json);
      const meta = json.extensions!.EXT_structural_metadata as {
        propertyTables: { properties: Record<string, { values: number }> }[];
      };
      edit(json, meta.propertyTables[0]!.properties);
      return propertyTableProblems({ json, bin: glb.bin });
    };
    // What 3d-tiles-validator 0.6.1 reported on the CityJSON tilesets: string bytes longer than
    // the last string offset (there, 1 byte of padding after all-empty strings).
    expect(
      broken((json, props) => {
        json.bufferViews[props.bldg_id!.values]!.byteLength += 1;
      }),
    ).toEqual([
      expect.stringMatching(/^METADATA_INVALID_LENGTH table 0 bldg_id: values \d+ bytes, last string offset \d+$/),
    ]);
    expect(
      broken((json, props) => {
        json.bufferViews[props.height_m!.values]!.byteLength += 8;
      }),
    ).toEqual([expect.stringMatching(/^METADATA_INVALID_LENGTH table 0 height_m: values/)]);
    expect(
      broken((json, props) => {
        json.bufferViews[props.floors!.values]!.byteOffset =
          (json.bufferViews[props.floors!.values]!.byteOffset ?? 0) + 2;
      }),
    ).toEqual([expect.stringMatching(/^METADATA_INVALID_ALIGNMENT table 0 floors: values/)]);
  });

  it('leaves a string column of empty strings out of the table (a 0-byte view is no glTF); it reads as noData', async () => {
    const mesh = newMesh();
    const frame = enuFrame(LON, LAT, 0);
    appendPrism(mesh, frame, [square(LON, LAT, 10)], 0, 10, 0);
    appendPrism(mesh, frame, [square(LON + 0.001, LAT, 10)], 0, 12, 1);
    const bytes = await writeTileGlb({
      mesh,
      featureCount: 2,
      columns: [
        { name: 'bldg_id', type: 'STRING' },
        { name: 'parent_id', type: 'STRING' },
        { name: 'height_m', type: 'FLOAT64' },
      ],
      values: [
        ['A', 'B'],
        [null, ''],
        [10, 12],
      ],
    });
    const glb = readGlb(bytes);
    const meta = glb.json.extensions!.EXT_structural_metadata as {
      schema: { classes: Record<string, { properties: Record<string, unknown> }> };
      propertyTables: { properties: Record<string, unknown> }[];
    };
    expect(Object.keys(meta.schema.classes.building!.properties)).toEqual(['bldg_id', 'parent_id', 'height_m']);
    expect(Object.keys(meta.propertyTables[0]!.properties)).toEqual(['bldg_id', 'height_m']);
    expect(propertyTableProblems(glb)).toEqual([]);
    expect(propertyColumn(glb, 'parent_id')).toEqual(['', '']);
    expect(propertyColumn(glb, 'bldg_id')).toEqual(['A', 'B']);
    const report = await validator.validateBytes(bytes, { maxIssues: 0 });
    expect([report.issues.numErrors, report.issues.numWarnings]).toEqual([0, 0]);
  });
});
