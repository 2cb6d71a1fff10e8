/**
 * Builds small plan workspaces for the multi-plan tests: polygons given in CGCS2000 GK zone
 * 38 metres (EPSG:4526) relative to an origin near Nanyang, stored in lon/lat (EPSG:4490)
 * as the store keeps them, so every expected area is plain rectangle arithmetic.
 */
import path from 'node:path';
import type { FieldDef } from '../../../common/contract/index.js';
import { addLayer, setWorkspaceMeta } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import type { Geometry, Position } from '../../../main/store/gpkg-geometry.js';
import { converter } from '../../../layers/crs.js';
import { tempDir } from '../helpers.js';

/** Origin of the fixtures' local metres: E 38 360 000, N 3 652 000 (112.51E, 33.0N). */
export const ORIGIN_GK: Position = [38_360_000, 3_652_000];

const toLonLat = converter(4526, 4490);

/** A ring in local metres (counter-clockwise when given so). */
export function lonLatRing(localM: Position[]): Position[] {
  const ring = localM.map(([x, y]) => toLonLat([ORIGIN_GK[0] + x, ORIGIN_GK[1] + y]));
  const first = ring[0];
  if (first) ring.push([first[0], first[1]]);
  return ring;
}

/** Axis-aligned rectangle x0..x1 × y0..y1 in local metres. */
export function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

export interface FixtureFeature {
  /** Shell, then holes, in local metres (unclosed; closed here). */
  rings: Position[][];
  values: unknown[];
}

export interface FixtureLayer {
  name: string;
  fields: FieldDef[];
  features: FixtureFeature[];
}

export function writeLayer(db: Db, layer: FixtureLayer): void {
  const spec = {
    name: layer.name,
    title: layer.name,
    geometryType: 'MULTIPOLYGON' as const,
    fields: layer.fields,
    srsId: 4490 as const,
  };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  for (const f of layer.features) {
    const geometry: Geometry = { type: 'MultiPolygon', coordinates: [f.rings.map(lonLatRing)] };
    w.write(geometry, f.values);
  }
  finishFeatureTable(db, layer.name, w.extent());
  addLayer(db, {
    name: layer.name,
    title: layer.name,
    sourceCrs: 'EPSG:4490',
    sourceFile: null,
    createdAt: '2026-01-01T00:00:00Z',
  });
}

export function planWorkspace(layers: FixtureLayer[]): { file: string; db: Db } {
  const file = path.join(tempDir('cim-mp-'), 'plans.gpkg');
  const db = openWorkspaceDb(file, { create: true });
  db.transaction(() => {
    setWorkspaceMeta(db, 'gk_zone_epsg', '4526');
    for (const l of layers) writeLayer(db, l);
  })();
  return { file, db };
}

const TEXT = (name: string): FieldDef => ({ name, type: 'TEXT' });

/**
 * The hand-worked case (tests/fixtures/README.md, "multiplan hand case"): see the expected
 * conflicts in tests/unit/analysis/multiplan.test.ts.
 */
export function handCase(): FixtureLayer[] {
  return [
    {
      name: 'plan_master',
      fields: [TEXT('dlbm'), TEXT('dlmc')],
      features: [
        { rings: [rect(0, 0, 100, 100)], values: ['0103', '旱地'] },
        { rings: [rect(100, 0, 200, 100)], values: ['0701', '城镇住宅用地'] },
      ],
    },
    {
      name: 'plan_regulatory',
      fields: [TEXT('dkbm'), TEXT('yddm'), TEXT('ydmc')],
      features: [
        { rings: [rect(50, 0, 150, 100)], values: ['DK-01', '0901', '商业用地'] },
        { rings: [rect(199.95, 0, 300, 100)], values: ['DK-02', '0901', '商业用地'] },
      ],
    },
    {
      name: 'control_lines',
      fields: [TEXT('kzxlx'), TEXT('name')],
      features: [
        { rings: [rect(0, 0, 60, 50)], values: ['生态保护红线', '河道生态红线'] },
        { rings: [rect(100, 0, 300, 100)], values: ['城镇开发边界', '中心城区'] },
      ],
    },
  ];
}
