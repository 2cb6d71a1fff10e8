import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../main/import/run-import.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { exportLayer } from '../../../main/export/export-layer.js';
import { FIXTURES, SHARED, tempDir } from '../helpers.js';

/** GDAL's GeoPackage conformance checker (python3-gdal, which gdal-bin depends on). */
function validateGpkg(file: string): { code: number | null; output: string } {
  // Debian's python3 (the one python3-gdal installs into), not a pyenv one earlier on PATH.
  const r = spawnSync(
    '/usr/bin/python3',
    ['-m', 'osgeo_utils.samples.validate_gpkg', '--extra', '--warning-as-error', file],
    {
      encoding: 'utf8',
    },
  );
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date('2026-01-01T00:00:00Z') };

describe('GeoPackage conformance (GDAL validate_gpkg.py)', () => {
  it('passes for a new workspace, one with points, polygons and null geometries, and an export', async () => {
    const dir = tempDir();
    const ws = path.join(dir, 'w.gpkg');
    const db = openWorkspaceDb(ws, { create: true });
    expect(validateGpkg(ws)).toEqual({ code: 0, output: '' });
    for (const f of [
      path.join(SHARED, 'crs-china/parcels_wgs84.geojson'),
      path.join(FIXTURES, 'geojson/mixed.geojson'),
    ]) {
      await runImport(db, { file: { path: f, fileName: path.basename(f) } }, control);
    }
    await exportLayer(db, 'mixed', 'gpkg', path.join(dir, 'out.gpkg'), new Date());
    db.close();
    expect(validateGpkg(ws)).toEqual({ code: 0, output: '' });
    expect(validateGpkg(path.join(dir, 'out.gpkg'))).toEqual({ code: 0, output: '' });
  });

  it('fails for a file that breaks the standard (so the check above can fail)', () => {
    const r = validateGpkg(path.join(FIXTURES, 'bad/not-a-gpkg.gpkg'));
    expect(r.code).not.toBe(0);
  });
});
