import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { footprintLayer } from '../../../main/tiles-jobs/footprint-layers.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { buildBuildingTiles } from '../../../tiles/tiles3d/build-buildings.js';
import { rasterHeights } from '../../../tiles/tiles3d/heights.js';
import {
  allRowsOf,
  buildCity,
  epochRows,
  FIELDS,
  LAT,
  leafGlbsOf,
  LON,
  writeLayer,
  type City,
  type Row,
} from './buildings-fixture.js';
import { accessorValues, control, gdalProject, makeDem, propertyColumn } from './support.js';

let city: City;
beforeAll(async () => {
  city = await buildCity();
});
const leafGlbs = () => leafGlbsOf(city.out);
const allRows = () => allRowsOf(city.out);

describe('3D Tiles features', () => {
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
    expect(city.result.fields.map((f) => f.name)).toEqual([
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
    city.db.transaction(() => {
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
      writeLayer(city.db, 'floors_only', rows, noHeight);
      writeLayer(
        city.db,
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
      path.join(city.dir, 'floors'),
      {
        layers: [{ layer: footprintLayer(city.db, 'floors_only'), epoch: '2022' }],
        idField: 'bldg_id',
        heightField: 'height_m',
        heights: null,
      },
      control,
    );
    expect(r.warnings).toEqual([
      { code: 'tiles.height_from_floors', facts: { layer: 'floors_only', field: 'height_m', floorHeightM: 3 } },
    ]);
    const rows = JSON.parse(JSON.stringify(allRowsOf(path.join(city.dir, 'floors')))) as Record<string, unknown>[];
    expect(rows.find((x) => x.bldg_id === 'B1')?.height_m).toBe(18);
    let err: unknown;
    try {
      await buildBuildingTiles(
        path.join(city.dir, 'none'),
        {
          layers: [{ layer: footprintLayer(city.db, 'no_height'), epoch: '2022' }],
          idField: 'bldg_id',
          heightField: 'height_m',
          heights: null,
        },
        control,
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CimError);
    expect((err as CimError).code).toBe('tiles.height_field_required');
    expect((err as CimError).facts).toEqual({ layer: 'no_height', field: 'height_m', numericFields: 'area' });
    // a storeys field of another name, chosen by the user, and no id field: one layer uses fids
    const source = epochRows(2022).slice(0, 5);
    city.db.transaction(() =>
      writeLayer(
        city.db,
        'storeys_only',
        source.map(([g, id, , floors]): Row => [g, id, floors, null, '', 0, '']),
        [
          { name: 'name', type: 'TEXT' },
          { name: 'cs', type: 'INTEGER' },
        ],
      ),
    )();
    const storeys = await buildBuildingTiles(
      path.join(city.dir, 'storeys'),
      {
        layers: [{ layer: footprintLayer(city.db, 'storeys_only'), epoch: '2022' }],
        idField: 'bldg_id',
        heightField: '',
        floorsField: 'cs',
        heights: null,
      },
      control,
    );
    expect(storeys.featureCount).toBe(5);
    const built = JSON.parse(JSON.stringify(allRowsOf(path.join(city.dir, 'storeys')))) as Record<string, unknown>[];
    expect(built.map((x) => x.height_m).sort()).toEqual(source.map(([, , , floors]) => Number(floors) * 3).sort());
    expect(built.every((x) => typeof x.bldg_id === 'string' && x.bldg_id.startsWith('storeys_only#'))).toBe(true);
  });

  it('gives fields whose names are no metadata identifiers (名称) a generated property ID, named in the schema', async () => {
    const fields = [
      { name: 'bldg_id', type: 'TEXT' as const },
      { name: 'height_m', type: 'REAL' as const },
      { name: '名称', type: 'TEXT' as const },
      { name: '层高', type: 'REAL' as const },
      { name: 'field_1', type: 'INTEGER' as const },
    ];
    city.db.transaction(() => {
      const spec = { name: 'cn_fields', title: 'cn_fields', geometryType: 'POLYGON' as const, fields };
      createFeatureTable(city.db, spec);
      const w = featureWriter(city.db, spec);
      w.write(epochRows(2022)[0]![0], ['C1', 12, '一号楼', 3.2, 7]);
      finishFeatureTable(city.db, 'cn_fields', w.extent());
    })();
    const target = path.join(city.dir, 'cn');
    const r = await buildBuildingTiles(
      target,
      {
        layers: [{ layer: footprintLayer(city.db, 'cn_fields'), epoch: 'survey' }],
        idField: 'bldg_id',
        heightField: 'height_m',
        heights: null,
      },
      control,
    );
    expect(r.fields.slice(-3)).toEqual([
      { name: 'field_2', type: 'TEXT' },
      { name: 'field_3', type: 'REAL' },
      { name: 'field_1', type: 'INTEGER' },
    ]);
    const [{ glb }] = leafGlbsOf(target) as [ReturnType<typeof leafGlbsOf>[number]];
    const schema = (
      glb.json.extensions!.EXT_structural_metadata as {
        schema: { classes: Record<string, { properties: Record<string, { name?: string }> }> };
      }
    ).schema;
    expect(schema.classes.building!.properties.field_2!.name).toBe('名称');
    expect(schema.classes.building!.properties.field_3!.name).toBe('层高');
    expect(Object.keys(schema.classes.building!.properties).every((id) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(id))).toBe(
      true,
    );
    expect(allRowsOf(target)[0]).toMatchObject({
      bldg_id: 'C1',
      height_m: 12,
      field_2: '一号楼',
      field_3: 3.2,
      field_1: 7,
      in_survey: 1,
    });
  });

  it('seats buildings on the DEM: base height = the lowest DEM sample under the footprint', async () => {
    // A plane DEM over the test area (EPSG:4526, 10 m cells): h = 50 + 0.01 (x - xll) + 0.02 (y - yll).
    const [[x0, y0]] = gdalProject([[LON - 0.001, LAT - 0.001]]) as [[number, number]];
    const xll = Math.floor(x0);
    const yll = Math.floor(y0);
    const grid = { cols: 300, rows: 300, xll, yll, cell: 10 };
    const plane = (x: number, y: number): number => 50 + 0.01 * (x - xll) + 0.02 * (y - yll);
    const dem = makeDem(path.join(city.dir, 'dem.tif'), {
      ...grid,
      value: (c, r) => plane(xll + (c + 0.5) * 10, yll + (300 - r - 0.5) * 10),
    });
    const heights = rasterHeights(await openRaster(dem));
    const target = path.join(city.dir, 'seated');
    await buildBuildingTiles(
      target,
      {
        layers: [{ layer: footprintLayer(city.db, 'buildings_2024'), epoch: '2024' }],
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
