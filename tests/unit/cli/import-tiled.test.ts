import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED, tempDir } from '../helpers.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cim import of rasters, CityJSON, models and tilesets', () => {
  it('reports resultLayer, count and kind as JSON; a missing CRS or a bad number is a one-line error', () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    const dem = cim(['import', path.join(SHARED, 'geotiff/float_raster_with_nodata.tif'), '--workspace', ws, '--json']);
    expect(dem.code).toBe(0);
    expect(JSON.parse(dem.stdout)).toMatchObject({ resultLayer: 'float_raster_with_nodata', kind: 'terrain' });
    const city = path.join(SHARED, 'cityjson/DH_01_subs.city.json');
    const refused = cim(['import', city, '--workspace', ws, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('DH_01_subs.city.json has no coordinate reference system');
    const built = cim(['import', city, '--workspace', ws, '--crs', 'EPSG:28992', '--json']);
    expect(JSON.parse(built.stdout)).toMatchObject({ resultLayer: 'DH_01_subs', kind: 'tiles3d', count: 9 });
    const glb = path.join(SHARED, 'tiles3d/MetadataGranularities/house1-1.glb');
    const placed = cim([
      'import',
      glb,
      '--workspace',
      ws,
      '--lon',
      '116.39',
      '--lat',
      '39.9',
      '--heading',
      '45',
      '--json',
    ]);
    expect(JSON.parse(placed.stdout)).toMatchObject({ resultLayer: 'house1_1', kind: 'tiles3d', count: 1 });
    const bad = cim(['import', glb, '--workspace', ws, '--lon', 'east']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n').pop()).toBe('cim: --lon needs a number (got east)');
    const { layers } = JSON.parse(cim(['layers', '--workspace', ws, '--json']).stdout) as {
      layers: { name: string; kind: string }[];
    };
    expect(layers.map((l) => [l.name, l.kind]).sort()).toEqual([
      ['DH_01_subs', 'tiles3d'],
      ['float_raster_with_nodata', 'terrain'],
      ['house1_1', 'tiles3d'],
    ]);
  }, 60_000);
});
