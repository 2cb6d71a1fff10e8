/**
 * The raster method's reading through real GeoTIFFs (written with the demo's COG writer,
 * seeds/raster/geotiff.ts), hand-worked:
 * - two grids: the before DSM is 20 × 20 cells of 1 m, the after DSM 10 × 10 cells of 2 m on
 *   the same origin; the comparison runs on the before grid, each cell taking the after cell
 *   its centre falls in. A roof raised 6 m over after cells (2..5, 2..5) is before cells
 *   4..11 × 4..11: one component of 64 cells, mean and max gain 6 m.
 * - a raster edge with nodata: the after DSM's first column (before columns 0-1) is −9999
 *   where the before DSM stands at 50 m: no gain there, whatever the fill.
 * - rasters that do not overlap are refused, naming both files and extents, and nothing is
 *   written to the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDsmPair, openDsmPair } from '../../../../main/analysis/change/dsm-read.js';
import { runChange } from '../../../../main/analysis/change/run-change.js';
import { addLayer } from '../../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../../main/store/connection.js';
import {
  createFeatureTable,
  featureWriter,
  finishFeatureTable,
  tableExists,
} from '../../../../main/store/feature-table.js';
import { encodeGeoTiff } from '../../../../seeds/raster/geotiff.js';
import { tempDir } from '../../helpers.js';

const X0 = 38_500_000;
const Y0 = 3_650_000;

function tif(
  dir: string,
  name: string,
  n: number,
  cellM: number,
  fill: (r: number, c: number) => number,
  x0 = X0,
): string {
  const data = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) data[r * n + c] = fill(r, c);
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    encodeGeoTiff(
      {
        widthPx: n,
        heightPx: n,
        samplesPerPixel: 1,
        data,
        originX: x0,
        originY: Y0,
        cellSizeM: cellM,
        epsg: 4526,
        citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
        nodata: -9999,
      },
      { tileSize: 16 },
    ),
  );
  return file;
}

describe('DSM pair reading', () => {
  it('compares two grids on the before grid, nearest cell, and honours a nodata edge', async () => {
    const dir = tempDir('cim-dsm-');
    const before = tif(dir, 'a.tif', 20, 1, () => 50);
    const after = tif(dir, 'b.tif', 10, 2, (r, c) =>
      c === 0 ? -9999 : r >= 2 && r <= 5 && c >= 2 && c <= 5 ? 56 : 50,
    );
    const { a, b } = await openDsmPair(before, after);
    const d = await diffDsmPair(a, b, { minGainM: 2.5, minCells: 4 });
    await a.close();
    await b.close();
    expect(d.grid).toMatchObject({ width: 20, height: 20, originX: X0, originY: Y0, sameGrid: false });
    expect(d.components.map((c) => [c.cells, c.box, c.meanGainM, c.maxGainM, c.meanBeforeM])).toEqual([
      [64, [4, 4, 11, 11], 6, 6, 50],
    ]);
    // the same with a tall after surface on the nodata column: still only the roof
    const after2 = tif(dir, 'c.tif', 10, 2, (r, c) =>
      c === 0 ? -9999 : r >= 2 && r <= 5 && c >= 2 && c <= 5 ? 56 : 50,
    );
    const before2 = tif(dir, 'd.tif', 20, 1, (_r, c) => (c <= 1 ? -9999 : 50));
    const p2 = await openDsmPair(before2, after2);
    const d2 = await diffDsmPair(p2.a, p2.b, { minGainM: 2.5, minCells: 4 });
    await p2.a.close();
    await p2.b.close();
    expect(d2.components.map((c) => c.cells)).toEqual([64]);
  });

  it('refuses rasters that do not overlap, with both files named, and writes nothing', async () => {
    const dir = tempDir('cim-dsm-');
    const before = tif(dir, 'dsm_2022.tif', 20, 1, () => 50);
    const after = tif(dir, 'dsm_2024.tif', 20, 1, () => 56, X0 + 1000);
    const file = path.join(dir, 'w.gpkg');
    const db = openWorkspaceDb(file, { create: true });
    for (const name of ['b1', 'b2', 'permits']) {
      db.transaction(() => {
        const spec = {
          name,
          title: name,
          geometryType: 'POLYGON' as const,
          fields: [{ name: 'height_m', type: 'REAL' as const }],
        };
        createFeatureTable(db, spec);
        const w = featureWriter(db, spec);
        const q = name === 'b2' ? 0.0001 : 0;
        w.write(
          {
            type: 'Polygon',
            coordinates: [
              [
                [113, 33],
                [113.0002 + q, 33],
                [113.0002 + q, 33.0002],
                [113, 33.0002],
                [113, 33],
              ],
            ],
          },
          [9],
        );
        finishFeatureTable(db, name, w.extent());
        addLayer(db, { name, title: name, sourceCrs: null, sourceFile: null, createdAt: '2026-12-07T00:00:00Z' });
      })();
    }
    const control = {
      progress: () => undefined,
      isCancelled: () => false,
      now: () => new Date('2026-12-07T10:00:00Z'),
    };
    const p = { before: 'b1', after: 'b2', permits: 'permits', dsmBefore: before, dsmAfter: after };
    await expect(runChange(db, p, control)).rejects.toMatchObject({
      code: 'change.dsm_no_overlap',
      facts: {
        before: 'dsm_2022.tif',
        after: 'dsm_2024.tif',
        beforeExtent: '38500000.0,3649980.0,38500020.0,3650000.0',
        afterExtent: '38501000.0,3649980.0,38501020.0,3650000.0',
      },
    });
    await expect(
      runChange(db, { before: 'b1', after: 'b2', permits: 'permits', dsmBefore: before }, control),
    ).rejects.toMatchObject({
      code: 'change.dsm_pair',
    });
    expect(tableExists(db, 'change_1')).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM cim_analysis_runs').get()).toEqual({ n: 0 });
    db.close();
  });
});
