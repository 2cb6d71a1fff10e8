/**
 * Tile builds: `cim tiles build buildings` of N generated buildings in two epochs (3D Tiles
 * throughput in buildings/s, output size), and `cim tiles build terrain|imagery` of a
 * synthetic demo-size DEM and orthophoto, each as a process with its peak RSS. References
 * in the same run, alternating with cim: `ogr2ogr -f GeoJSON` of the 2022 footprints (read
 * and write the same features once) and `gdalwarp -t_srs EPSG:4326 -r bilinear` of each
 * raster (reproject and resample every pixel once).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateBuildingsWorkspace, type GeneratedBuildings } from './gen/buildings.js';
import { generateDem, generateOrtho } from './gen/rasters.js';
import { runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface TilesBenchOptions {
  root: string;
  outDir: string;
  buildings: number;
  rasterPx: number;
  seed: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface Measured {
  wallMs: Summary;
  peakRssMiB: Summary;
}

interface CimMeasured extends Measured {
  jobDurationMs: Summary;
  count: number;
  tilesWritten: number;
  bytes: number;
}

export interface TilesBenchResult {
  input: GeneratedBuildings & { seed: number; demPx: number; orthoPx: number; generator: string };
  repetitions: number;
  buildings: CimMeasured & { buildingsPerSecond: Summary; jobBuildingsPerSecond: Summary; bytesPerBuilding: number };
  terrain: CimMeasured;
  imagery: CimMeasured;
  reference: { ogr2ogrGeojson: Measured; gdalwarpDem: Measured; gdalwarpOrtho: Measured };
  /** cim / reference medians (> 1: cim slower or bigger). */
  ratio: Record<'buildings' | 'terrain' | 'imagery', { wallTime: number; peakRss: number }>;
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

const mib = (r: MeasuredRun): number => r.peakRssKiB / 1024;

export async function runTilesBench(o: TilesBenchOptions): Promise<TilesBenchResult> {
  const ws = path.join(o.outDir, 'tiles-bench.gpkg');
  o.log(`tiles: generating ${String(o.buildings)} buildings in two epochs -> ${path.relative(o.root, ws)}`);
  const generated = generateBuildingsWorkspace(ws, o.buildings, o.seed);
  const demPx = Math.max(64, Math.round(o.rasterPx / 2));
  o.log(`tiles: generating a ${String(demPx)}^2 DEM (5 m) and a ${String(o.rasterPx)}^2 orthophoto (1 m) with GDAL`);
  const dem = generateDem(path.join(o.outDir, 'tiles-dem.tif'), demPx);
  const ortho = generateOrtho(path.join(o.outDir, 'tiles-ortho.tif'), o.rasterPx);
  const cim = (args: string[]) => ['bin/cim.mjs', 'tiles', 'build', ...args, '--workspace', ws, '--json'];
  const jobs = {
    buildings: cim(['buildings', '--layers', 'buildings_2022,buildings_2024']),
    terrain: cim(['terrain', '--source', dem]),
    imagery: cim(['imagery', '--source', ortho]),
  };
  const refs = {
    ogr2ogrGeojson: (out: string) => ['ogr2ogr', ['-f', 'GeoJSON', out, ws, 'buildings_2022']] as const,
    gdalwarpDem: (out: string) =>
      ['gdalwarp', ['-q', '-overwrite', '-t_srs', 'EPSG:4326', '-r', 'bilinear', dem, out]] as const,
    gdalwarpOrtho: (out: string) =>
      ['gdalwarp', ['-q', '-overwrite', '-t_srs', 'EPSG:4326', '-r', 'bilinear', ortho, out]] as const,
  };
  const refOut = { ogr2ogrGeojson: 'ref.geojson', gdalwarpDem: 'ref-dem.tif', gdalwarpOrtho: 'ref-ortho.tif' } as const;
  const pair = { buildings: 'ogr2ogrGeojson', terrain: 'gdalwarpDem', imagery: 'gdalwarpOrtho' } as const;

  const cimRuns: Record<keyof typeof jobs, { run: MeasuredRun; summary: Record<string, number> }[]> = {
    buildings: [],
    terrain: [],
    imagery: [],
  };
  const refRuns: Record<keyof typeof refs, MeasuredRun[]> = { ogr2ogrGeojson: [], gdalwarpDem: [], gdalwarpOrtho: [] };
  for (let i = 1; i <= o.repetitions; i++) {
    for (const kind of ['terrain', 'imagery', 'buildings'] as const) {
      const refName = pair[kind];
      const out = path.join(o.outDir, refOut[refName]);
      fs.rmSync(out, { force: true });
      const [cmd, args] = refs[refName](out);
      const ref = check(await runMeasured(cmd, [...args], { cwd: o.root, method: o.rssMethod }), refName);
      refRuns[refName].push(ref);
      const run = check(
        await runMeasured(process.execPath, jobs[kind], { cwd: o.root, method: o.rssMethod }),
        `cim tiles build ${kind}`,
      );
      const summary = JSON.parse(run.stdout) as Record<string, number>;
      cimRuns[kind].push({ run, summary });
      o.log(
        `tiles: run ${String(i)}/${String(o.repetitions)} ${kind}: ${refName} ${ref.wallMs.toFixed(0)} ms ${mib(ref).toFixed(0)} MiB; ` +
          `cim ${run.wallMs.toFixed(0)} ms ${mib(run).toFixed(0)} MiB, ${String(summary.count)} -> ${String(summary.tilesWritten)} tiles, ${((summary.bytes ?? 0) / 1e6).toFixed(1)} MB`,
      );
    }
  }
  const measured = (runs: MeasuredRun[]): Measured => ({
    wallMs: summarize(runs.map((r) => r.wallMs)),
    peakRssMiB: summarize(runs.map(mib), 1),
  });
  const cimMeasured = (kind: keyof typeof jobs): CimMeasured => {
    const runs = cimRuns[kind];
    const last = runs[runs.length - 1]?.summary ?? {};
    return {
      ...measured(runs.map((r) => r.run)),
      jobDurationMs: summarize(runs.map((r) => r.summary.durationMs ?? NaN)),
      count: last.count ?? 0,
      tilesWritten: last.tilesWritten ?? 0,
      bytes: last.bytes ?? 0,
    };
  };
  const b = cimMeasured('buildings');
  const buildings = {
    ...b,
    buildingsPerSecond: summarize(cimRuns.buildings.map((r) => b.count / (r.run.wallMs / 1000))),
    jobBuildingsPerSecond: summarize(cimRuns.buildings.map((r) => b.count / ((r.summary.durationMs ?? NaN) / 1000))),
    bytesPerBuilding: Math.round(b.bytes / Math.max(1, b.count)),
  };
  const reference = {
    ogr2ogrGeojson: measured(refRuns.ogr2ogrGeojson),
    gdalwarpDem: measured(refRuns.gdalwarpDem),
    gdalwarpOrtho: measured(refRuns.gdalwarpOrtho),
  };
  const terrain = cimMeasured('terrain');
  const imagery = cimMeasured('imagery');
  const r = (c: Measured, ref: Measured) => ({
    wallTime: ratio(c.wallMs.median, ref.wallMs.median),
    peakRss: ratio(c.peakRssMiB.median, ref.peakRssMiB.median),
  });
  return {
    input: {
      ...generated,
      path: path.relative(o.root, generated.path),
      seed: o.seed,
      demPx,
      orthoPx: o.rasterPx,
      generator: 'bench/gen/buildings.ts, bench/gen/rasters.ts',
    },
    repetitions: o.repetitions,
    buildings,
    terrain,
    imagery,
    reference,
    ratio: {
      buildings: r(buildings, reference.ogr2ogrGeojson),
      terrain: r(terrain, reference.gdalwarpDem),
      imagery: r(imagery, reference.gdalwarpOrtho),
    },
  };
}
