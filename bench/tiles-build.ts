/**
 * Tile builds: `cim tiles build buildings` of N generated buildings in two epochs (3D Tiles
 * throughput in buildings/s, output size), and `cim tiles build terrain|imagery` of a
 * synthetic DEM and orthophoto, each as a process with its peak RSS and CPU time. References
 * in the same run, alternating with cim: `ogr2ogr -f GeoJSON` of the 2022 footprints (read and
 * write the same features once) for the buildings, and for the pyramids `gdal2tiles.py` over
 * the same zoom levels on two processes, in Cesium's tiling (`-p geodetic --tmscompatible
 * --xyz`: 2 x 1 tiles at level 0, y from the north), so both write the same tiles, level by
 * level (counted and recorded). gdal2tiles takes 8-bit rasters only: the DEM goes through
 * `gdal_translate -of VRT -ot Byte -scale` (a virtual file, no pixel work), the same warping
 * work at the same levels. An untimed cim run first tells the levels (its layer.json).
 */
import { execFileSync } from 'node:child_process';
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
  /** User + system CPU of the process and its children (gdal2tiles' worker processes). */
  cpuMs: Summary;
}

interface PyramidReference extends Measured {
  command: string;
  /** Tiles gdal2tiles wrote (PNG files), to set beside cim's. */
  tilesWritten: number;
  levels: string;
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
  reference: { ogr2ogrGeojson: Measured; gdal2tilesDem: PyramidReference; gdal2tilesOrtho: PyramidReference };
  /** cim / reference medians (> 1: cim slower or bigger). */
  ratio: Record<'buildings' | 'terrain' | 'imagery', { wallTime: number; peakRss: number; cpuTime: number }>;
}

function check(run: MeasuredRun, what: string): MeasuredRun {
  if (run.exitCode !== 0) throw new Error(`${what} exited with ${String(run.exitCode)}:\n${run.stderrTail}`);
  return run;
}

const mib = (r: MeasuredRun): number => r.peakRssKiB / 1024;

function countFiles(dir: string, ext: string): number {
  let n = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countFiles(path.join(dir, e.name), ext);
    else if (e.name.endsWith(ext)) n += 1;
  }
  return n;
}

export async function runTilesBench(o: TilesBenchOptions): Promise<TilesBenchResult> {
  const ws = path.join(o.outDir, 'tiles-bench.gpkg');
  o.log(`tiles: generating ${String(o.buildings)} buildings in two epochs -> ${path.relative(o.root, ws)}`);
  const generated = generateBuildingsWorkspace(ws, o.buildings, o.seed);
  const demPx = Math.max(64, Math.round(o.rasterPx / 2));
  o.log(`tiles: generating a ${String(demPx)}^2 DEM (5 m) and a ${String(o.rasterPx)}^2 orthophoto (1 m) with GDAL`);
  const dem = generateDem(path.join(o.outDir, 'tiles-dem.tif'), demPx);
  const ortho = generateOrtho(path.join(o.outDir, 'tiles-ortho.tif'), o.rasterPx);
  const dem8 = path.join(o.outDir, 'tiles-dem-byte.vrt');
  fs.rmSync(dem8, { force: true });
  execFileSync('gdal_translate', ['-q', '-of', 'VRT', '-ot', 'Byte', '-scale', dem, dem8]);
  const cim = (args: string[]) => ['bin/cim.mjs', 'tiles', 'build', ...args, '--workspace', ws, '--json'];
  const jobs = {
    buildings: cim(['buildings', '--layers', 'buildings_2022,buildings_2024']),
    terrain: cim(['terrain', '--source', dem]),
    imagery: cim(['imagery', '--source', ortho]),
  };
  // Untimed: the levels cim builds (and warm caches for both sides).
  const maxLevel = async (kind: 'terrain' | 'imagery'): Promise<number> => {
    const run = check(await runMeasured(process.execPath, jobs[kind], { cwd: o.root, method: o.rssMethod }), kind);
    const summary = JSON.parse(run.stdout) as { root: string };
    const layer = path.join(ws.replace(/\.gpkg$/, '.tiles'), summary.root);
    return (JSON.parse(fs.readFileSync(layer, 'utf8')) as { maxLevel: number }).maxLevel;
  };
  const levels = { terrain: await maxLevel('terrain'), imagery: await maxLevel('imagery') };
  o.log(`tiles: cim builds terrain levels 0-${String(levels.terrain)}, imagery 0-${String(levels.imagery)}`);
  const gdal2tiles = (src: string, z: number, out: string) =>
    [
      'gdal2tiles.py',
      [
        '--xyz',
        '-p',
        'geodetic',
        '--tmscompatible',
        '-r',
        'bilinear',
        '--processes=2',
        '-z',
        `0-${String(z)}`,
        '-q',
        src,
        out,
      ],
    ] as const;
  const refs = {
    ogr2ogrGeojson: (out: string) => ['ogr2ogr', ['-f', 'GeoJSON', out, ws, 'buildings_2022']] as const,
    gdal2tilesDem: (out: string) => gdal2tiles(dem8, levels.terrain, out),
    gdal2tilesOrtho: (out: string) => gdal2tiles(ortho, levels.imagery, out),
  };
  const refOut = {
    ogr2ogrGeojson: 'ref.geojson',
    gdal2tilesDem: 'ref-dem-tiles',
    gdal2tilesOrtho: 'ref-ortho-tiles',
  } as const;
  const pair = { buildings: 'ogr2ogrGeojson', terrain: 'gdal2tilesDem', imagery: 'gdal2tilesOrtho' } as const;

  const cimRuns: Record<keyof typeof jobs, { run: MeasuredRun; summary: Record<string, number> }[]> = {
    buildings: [],
    terrain: [],
    imagery: [],
  };
  const refRuns: Record<keyof typeof refs, MeasuredRun[]> = {
    ogr2ogrGeojson: [],
    gdal2tilesDem: [],
    gdal2tilesOrtho: [],
  };
  const refTiles = { gdal2tilesDem: 0, gdal2tilesOrtho: 0 };
  for (let i = 1; i <= o.repetitions; i++) {
    for (const kind of ['terrain', 'imagery', 'buildings'] as const) {
      const refName = pair[kind];
      const out = path.join(o.outDir, refOut[refName]);
      fs.rmSync(out, { recursive: true, force: true });
      const [cmd, args] = refs[refName](out);
      const ref = check(await runMeasured(cmd, [...args], { cwd: o.root, method: o.rssMethod }), refName);
      refRuns[refName].push(ref);
      if (refName !== 'ogr2ogrGeojson') refTiles[refName] = countFiles(out, '.png');
      const run = check(
        await runMeasured(process.execPath, jobs[kind], { cwd: o.root, method: o.rssMethod }),
        `cim tiles build ${kind}`,
      );
      const summary = JSON.parse(run.stdout) as Record<string, number>;
      cimRuns[kind].push({ run, summary });
      o.log(
        `tiles: run ${String(i)}/${String(o.repetitions)} ${kind}: ${refName} ${ref.wallMs.toFixed(0)} ms ${mib(ref).toFixed(0)} MiB cpu ${(ref.cpuMs / 1000).toFixed(1)} s; ` +
          `cim ${run.wallMs.toFixed(0)} ms ${mib(run).toFixed(0)} MiB cpu ${(run.cpuMs / 1000).toFixed(1)} s, ${String(summary.count)} -> ${String(summary.tilesWritten)} tiles, ${((summary.bytes ?? 0) / 1e6).toFixed(1)} MB`,
      );
    }
  }
  const measured = (runs: MeasuredRun[]): Measured => ({
    wallMs: summarize(runs.map((r) => r.wallMs)),
    peakRssMiB: summarize(runs.map(mib), 1),
    cpuMs: summarize(runs.map((r) => r.cpuMs)),
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
  const pyramidRef = (name: 'gdal2tilesDem' | 'gdal2tilesOrtho', z: number): PyramidReference => {
    const [cmd, args] = refs[name](`bench/out/${refOut[name]}`);
    return {
      ...measured(refRuns[name]),
      command: [cmd, ...args.map((a) => (path.isAbsolute(a) ? path.relative(o.root, a) : a))].join(' '),
      tilesWritten: refTiles[name],
      levels: `0-${String(z)}`,
    };
  };
  const reference = {
    ogr2ogrGeojson: measured(refRuns.ogr2ogrGeojson),
    gdal2tilesDem: pyramidRef('gdal2tilesDem', levels.terrain),
    gdal2tilesOrtho: pyramidRef('gdal2tilesOrtho', levels.imagery),
  };
  const terrain = cimMeasured('terrain');
  const imagery = cimMeasured('imagery');
  const r = (c: Measured, ref: Measured) => ({
    wallTime: ratio(c.wallMs.median, ref.wallMs.median),
    peakRss: ratio(c.peakRssMiB.median, ref.peakRssMiB.median),
    cpuTime: ratio(c.cpuMs.median, ref.cpuMs.median),
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
      terrain: r(terrain, reference.gdal2tilesDem),
      imagery: r(imagery, reference.gdal2tilesOrtho),
    },
  };
}
