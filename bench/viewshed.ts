/**
 * Viewshed (issue #16): a 2 km radius at 2 m cells (a 2001 × 2001 window) on a generated hill
 * country DEM, our job's path (read the DEM window from the GeoTIFF, the Wang-2000 scan,
 * write the visibility GeoTIFF) next to `gdal_viewshed` (GDAL, the same DEM, observer,
 * heights and radius, writing its GeoTIFF) in the same run. Both give the same visible cell
 * count (checked here too). Target: at most 1.5 × GDAL's time.
 * Standalone: `node --import tsx/esm bench/viewshed.ts` (or `npm run bench -- --only viewshed`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cgcs2000ZoneForLon, converter } from '../layers/crs.js';
import { centreX, centreY } from '../main/analysis/terrain/dem.js';
import { readDem } from '../main/analysis/terrain/read-dem.js';
import { VISIBLE, HIDDEN, viewshed } from '../main/analysis/terrain/viewshed-core.js';
import { encodeGeoTiff } from '../seeds/raster/geotiff.js';
import { openRaster } from '../tiles/raster/open-raster.js';
import { hillCountry } from './gen/terrain-dem.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface ViewshedBenchOptions {
  seed: number;
  repetitions: number;
  log: (line: string) => void;
}

export type ViewshedBenchResult =
  | {
      status: 'ok';
      cells: number;
      radiusM: number;
      cellM: number;
      ours: Summary;
      oursCore: Summary;
      gdal: Summary;
      /** ours / gdal (wall, medians). */
      ratio: number;
      visibleOurs: number;
      visibleGdal: number;
      gdalVersion: string;
      target: number;
      targetMet: boolean;
    }
  | { status: 'failed'; error: string };

const RADIUS_M = 2000;
const CELL_M = 2;
const TARGET = 1.5;

export async function runViewshedBench(o: ViewshedBenchOptions): Promise<ViewshedBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-bench-viewshed-'));
  try {
    const n = 2201;
    const dem = hillCountry(n, CELL_M, o.seed);
    const file = path.join(dir, 'dem.tif');
    fs.writeFileSync(
      file,
      encodeGeoTiff(
        {
          widthPx: n,
          heightPx: n,
          samplesPerPixel: 1,
          data: dem.data,
          originX: dem.originX,
          originY: dem.originY,
          cellSizeM: CELL_M,
          epsg: 4526,
          citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
        },
        { overviews: false },
      ),
    );
    const x = centreX(dem, 1100);
    const y = centreY(dem, 1100);
    o.log(`viewshed: ${String(n)}² DEM of ${String(CELL_M)} m, radius ${String(RADIUS_M)} m`);
    const gdalVersion = execFileSync('gdalinfo', ['--version'], { encoding: 'utf8' }).trim();
    const oursMs: number[] = [];
    const coreMs: number[] = [];
    const gdalMs: number[] = [];
    let visibleOurs = 0;
    let visibleGdal = 0;
    for (let rep = 0; rep < o.repetitions; rep++) {
      // GDAL first and ours second, alternating the file cache fairly: both read the same file.
      const out = path.join(dir, `gdal-${String(rep)}.tif`);
      const g0 = performance.now();
      execFileSync('gdal_viewshed', [
        '-q',
        '-ox',
        String(x),
        '-oy',
        String(y),
        '-oz',
        '10',
        '-md',
        String(RADIUS_M),
        file,
        out,
      ]);
      gdalMs.push(performance.now() - g0);
      const t0 = performance.now();
      const loaded = await readDem(file, (lon) => cgcs2000ZoneForLon(lon), windowAround(x, y));
      const c0 = performance.now();
      const v = viewshed(loaded.dem, { x, y, heightM: 10, targetHeightM: 0, radiusM: RADIUS_M });
      coreMs.push(performance.now() - c0);
      const data = new Uint8Array(v.codes.length);
      for (let k = 0; k < data.length; k++) data[k] = v.codes[k] === VISIBLE ? 1 : v.codes[k] === HIDDEN ? 0 : 255;
      fs.writeFileSync(
        path.join(dir, `ours-${String(rep)}.tif`),
        encodeGeoTiff(
          {
            widthPx: v.width,
            heightPx: v.height,
            samplesPerPixel: 1,
            data,
            originX: loaded.dem.originX + v.col0 * CELL_M,
            originY: loaded.dem.originY - v.row0 * CELL_M,
            cellSizeM: CELL_M,
            epsg: 4526,
            citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
            nodata: 255,
          },
          { overviews: false, deflateLevel: 1 },
        ),
      );
      oursMs.push(performance.now() - t0);
      visibleOurs = v.visibleCells;
      visibleGdal = await countVisible(out);
      o.log(
        `viewshed: run ${String(rep + 1)}: ours ${oursMs.at(-1)?.toFixed(0) ?? ''} ms, gdal ${gdalMs.at(-1)?.toFixed(0) ?? ''} ms`,
      );
    }
    const ours = summarize(oursMs);
    const gdal = summarize(gdalMs);
    const r = ratio(ours.median, gdal.median);
    return {
      status: 'ok',
      cells: n * n,
      radiusM: RADIUS_M,
      cellM: CELL_M,
      ours,
      oursCore: summarize(coreMs),
      gdal,
      ratio: r,
      visibleOurs,
      visibleGdal,
      gdalVersion,
      target: TARGET,
      targetMet: r <= TARGET,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The lon/lat box of the radius around the observer (as the job asks readDem for it). */
function windowAround(x: number, y: number) {
  const toLonLat = converter(4526, 4490);
  const a = toLonLat([x - RADIUS_M, y - RADIUS_M]);
  const b = toLonLat([x + RADIUS_M, y + RADIUS_M]);
  return {
    minLon: Math.min(a[0], b[0]),
    maxLon: Math.max(a[0], b[0]),
    minLat: Math.min(a[1], b[1]),
    maxLat: Math.max(a[1], b[1]),
  };
}

async function countVisible(file: string): Promise<number> {
  const r = await openRaster(file);
  try {
    const band = (await r.readWindow(0, [0, 0, r.width, r.height])).bands[0] ?? [];
    let k = 0;
    for (let i = 0; i < band.length; i++) if (band[i] === 255) k++;
    return k;
  } finally {
    await r.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runViewshedBench({
    seed: 20240601,
    repetitions: 3,
    log: (l) => void process.stderr.write(`bench: ${l}\n`),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}
