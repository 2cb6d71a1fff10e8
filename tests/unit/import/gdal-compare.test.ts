/**
 * Every vector file of the shared data imported through the real import path and compared
 * with GDAL 3.6 (the reference): feature count equals `ogrinfo -so`'s, every vertex lies
 * within 1 cm of `ogr2ogr -t_srs EPSG:4326`'s, and the attribute text equals GDAL's decoding.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../../main/store/feature-table.js';
import { SHARED, tempDir } from '../helpers.js';
import { maxVertexErrorM, ogrFeatureCount, ogrFeatures } from './gdal-reference.js';

const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date(0) };

interface Case {
  file: string;
  /** How GDAL opens it (a zip through /vsizip/). */
  gdalPath?: string;
  /** Our options (the CRS the user picks for CSV and DXF). */
  crs?: string;
  gdalArgs?: string[];
  /** Attribute text GDAL cannot decode (its iconv lacks "ANSI 1250"): checked by hand elsewhere. */
  skipText?: boolean;
}

const CASES: Case[] = [
  { file: 'shapefile/LGA_2013_AUST.shp' },
  { file: 'shapefile/senate.shp' },
  { file: 'shapefile/ipra_dresden_polygon.shp' },
  { file: 'shapefile/codepage.shp', skipText: true },
  {
    file: 'shapefile/codepage.zip',
    gdalPath: '/vsizip/' + path.join(SHARED, 'shapefile/codepage.zip'),
    skipText: true,
  },
  { file: 'shapefile/qgis.zip', gdalPath: '/vsizip/' + path.join(SHARED, 'shapefile/qgis.zip') },
  { file: 'crs-china/parcels_cgcs2000_gk38_gbk.shp' },
  { file: 'crs-china/parcels_cgcs2000_cm114_utf8.shp' },
  { file: 'crs-china/parcels_xian80_cm114_gbk.shp' },
  { file: 'crs-china/parcels_beijing54_cm114_gbk.shp' },
  { file: 'crs-china/parcels_cgcs2000.gpkg' },
  { file: 'crs-china/parcels_wgs84.geojson' },
  { file: 'crs-china/parcels.kml' },
  {
    file: 'crs-china/parcel_centroids_gk38.csv',
    crs: 'EPSG:4526',
    gdalArgs: ['-s_srs', 'EPSG:4526', '-oo', 'X_POSSIBLE_NAMES=X', '-oo', 'Y_POSSIBLE_NAMES=Y'],
  },
  { file: 'crs-china/site_plan_gk38.dxf', crs: 'EPSG:4526', gdalArgs: ['-s_srs', 'EPSG:4526'] },
];

/** GDAL keeps the stray bytes of a name cut inside a UTF-8 character; JSON turns them into U+FFFD. */
const cleanName = (name: string): string => name.replace(/\uFFFD+$/, '');

describe('imports match GDAL', () => {
  let db: Db;
  beforeEach(() => {
    db = openWorkspaceDb(path.join(tempDir(), 'w.gpkg'), { create: true });
    return () => db.close();
  });

  it.each(CASES)('$file', async (c) => {
    const file = path.join(SHARED, c.file);
    const gdalPath = c.gdalPath ?? file;
    const results = await runImport(
      db,
      { file: { path: file, fileName: path.basename(file) }, options: { crs: c.crs } },
      control,
    );
    const ours = results.flatMap((r) => [...iterateFeatures(db, describeFeatureTable(db, r.resultLayer))]);
    const openOptions = (c.gdalArgs ?? []).filter((a, i, all) => all[i - 1] === '-oo').flatMap((o) => ['-oo', o]);
    expect(ours.length).toBe(ogrFeatureCount(gdalPath, openOptions));

    const gdal = ogrFeatures(gdalPath, c.gdalArgs);
    expect(ours.length).toBe(gdal.length);
    let worstM = 0;
    let compared = 0;
    ours.forEach((f, i) => {
      const g = gdal[i];
      worstM = Math.max(worstM, maxVertexErrorM(f.geometry, g?.geometry ?? null));
      const theirEntries = Object.entries(g?.properties ?? {});
      const ourEntries = Object.entries(f.properties);
      const props = new Map(theirEntries.map(([k, v]) => [cleanName(k), v]));
      // Same columns (a shapefile's): compared in order, as a name clashing with our `fid`
      // column is renamed (FID -> FID_1). Otherwise by name.
      const sameColumns = theirEntries.length === ourEntries.length && c.file.includes('.shp') === !c.gdalPath;
      for (const [k, [name, value]] of ourEntries.entries()) {
        if (!sameColumns && !props.has(name)) continue;
        const theirs = sameColumns ? theirEntries[k]?.[1] : props.get(name);
        if (sameColumns && i === 0) expect(name.replace(/_1$/, '')).toBe(cleanName(theirEntries[k]?.[0] ?? ''));
        if (typeof value === 'number') expect(value).toBeCloseTo(Number(theirs), 6);
        else if (typeof value === 'string' && !c.skipText) expect(value).toBe(theirs ?? '');
        compared++;
      }
    });
    expect(worstM).toBeLessThan(0.01);
    // The comparison compared something: at least one attribute per feature on the attribute files.
    if (!c.file.endsWith('.dxf')) expect(compared).toBeGreaterThanOrEqual(ours.length);
  });
});
