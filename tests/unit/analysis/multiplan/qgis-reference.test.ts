/**
 * The whole overlay (--all-pairs) against QGIS native:intersection, summed by class pair:
 * tests/fixtures/multiplan/qgis-reference.json, made by make-qgis-reference.sh there.
 * Acceptance (issue #5): per class pair, total area within 0.01 %; part count within 0.5 %,
 * with the same sliver rule (area >= 1 m², mean width >= 0.1 m) applied to QGIS's parts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMultiplan } from '../../../../main/analysis/multiplan/run-multiplan.js';
import type { MultiplanSummary } from '../../../../main/analysis/multiplan/types.js';
import { runImport } from '../../../../main/import/run-import.js';
import { setWorkspaceMeta } from '../../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { generatePolygons } from '../../../../bench/gen/polygons.js';
import { FIXTURES, SHARED, tempDir } from '../../helpers.js';

interface QgisCase {
  qgis: { pairs: Record<string, { count: number; areaM2: number }>; count: number; areaM2: number };
}
const REFERENCE = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'multiplan/qgis-reference.json'), 'utf8')) as {
  cases: Record<'generated' | 'crs-china' | 'senate', QgisCase>;
};

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

async function load(db: Db, file: string, name: string): Promise<void> {
  await runImport(db, { file: { path: file, fileName: path.basename(file) }, name }, control);
}

function compare(s: MultiplanSummary, reference: QgisCase): void {
  const ours = new Map(s.byPair.map((p) => [`${p.classA ?? ''}|${p.classB ?? ''}`, p]));
  const theirs = reference.qgis.pairs;
  expect([...ours.keys()].sort()).toEqual(Object.keys(theirs).sort());
  for (const [key, q] of Object.entries(theirs)) {
    const p = ours.get(key);
    expect(Math.abs((p?.areaM2 ?? 0) - q.areaM2) / q.areaM2, `area of ${key}`).toBeLessThan(1e-4);
  }
  expect(Math.abs(s.total.areaM2 - reference.qgis.areaM2) / reference.qgis.areaM2).toBeLessThan(1e-4);
  expect(Math.abs(s.count - reference.qgis.count) / reference.qgis.count).toBeLessThanOrEqual(0.005);
}

describe('the whole overlay against QGIS native:intersection', () => {
  it('matches QGIS on two generated parcel layers (2000 x 2000, the bench layout)', async () => {
    const dir = tempDir();
    const db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
    db.transaction(() => setWorkspaceMeta(db, 'gk_zone_epsg', '4526'))();
    generatePolygons(path.join(dir, 'a.geojson'), 2000, 20240601);
    generatePolygons(path.join(dir, 'b.geojson'), 2000, 20240602, [12, 9]);
    await load(db, path.join(dir, 'a.geojson'), 'gen_a');
    await load(db, path.join(dir, 'b.geojson'), 'gen_b');
    const s = await runMultiplan(db, { layers: ['gen_a', 'gen_b'], allPairs: true }, control);
    expect(s.gkZoneEpsg).toBe(4526);
    compare(s, REFERENCE.cases.generated);
    db.close();
  });

  it('matches QGIS on the crs-china parcels against the CAD site plan of the same district', async () => {
    const dir = tempDir();
    const site = path.join(dir, 'site.gpkg');
    // GDAL places the DXF (EPSG:4526 coordinates, no CRS in the file) in lon/lat, as for QGIS.
    execFileSync('ogr2ogr', [
      '-f',
      'GPKG',
      '-s_srs',
      'EPSG:4526',
      '-t_srs',
      'EPSG:4490',
      '-nlt',
      'MULTIPOLYGON',
      site,
      path.join(SHARED, 'crs-china/site_plan_gk38.dxf'),
      '-nln',
      'site_plan',
    ]);
    const db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
    db.transaction(() => setWorkspaceMeta(db, 'gk_zone_epsg', '4526'))();
    await load(db, path.join(SHARED, 'crs-china/parcels_wgs84.geojson'), 'parcels');
    await load(db, site, 'site_plan');
    const s = await runMultiplan(
      db,
      { layers: ['parcels', 'site_plan'], allPairs: true, classFields: { site_plan: 'Layer' } },
      control,
    );
    compare(s, REFERENCE.cases['crs-china']);
    db.close();
  });

  it('matches QGIS on a real layer with shared boundaries and an invalid ring (senate x senate)', async () => {
    const dir = tempDir();
    const lonLat = path.join(dir, 'senate.geojson');
    execFileSync('ogr2ogr', [
      '-f',
      'GeoJSON',
      '-t_srs',
      'EPSG:4326',
      lonLat,
      path.join(SHARED, 'shapefile/senate.shp'),
    ]);
    const db = openWorkspaceDb(path.join(dir, 'w.gpkg'), { create: true });
    await load(db, lonLat, 'senate_a');
    await load(db, lonLat, 'senate_b');
    const s = await runMultiplan(
      db,
      {
        layers: ['senate_a', 'senate_b'],
        allPairs: true,
        classFields: { senate_a: 'SEN_PARTY', senate_b: 'SEN_PARTY' },
      },
      control,
    );
    expect(s.gkDefinition).toBe(
      '+proj=tmerc +lat_0=0 +lon_0=-72 +k=1 +x_0=-23500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    );
    expect(
      s.problems
        .filter((p) => p.code === 'multiplan.geometry_repaired')
        .map((p) => p.layer)
        .sort(),
    ).toEqual(['senate_a', 'senate_b']);
    compare(s, REFERENCE.cases.senate);
    db.close();
  });
});
