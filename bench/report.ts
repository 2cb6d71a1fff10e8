/** Writes a run's JSON to bench/results/ and appends a dated, human-readable section to RESULTS.md. */
import fs from 'node:fs';
import path from 'node:path';
import type { DemoFrameResult } from './demo-city-frame.js';
import type { FirstFrameResult } from './first-frame.js';
import type { ImportBenchResult } from './import-throughput.js';
import type { TilesBenchResult } from './tiles-build.js';
import type { ShapefileBenchResult } from './shapefile-import.js';
import type { MachineInfo, RepoInfo } from './lib/machine.js';
import type { SeedBenchResult } from './seed.js';
import type { StartupBenchResult } from './startup.js';
import type { MultiplanBenchResult } from './multiplan-overlay.js';
import type { SunlightBenchResult } from './sunlight.js';
import type { CasesQueryBenchResult } from './cases-query.js';
import type { ViewshedBenchResult } from './viewshed.js';
import type { TourBenchResult } from './tour-next.js';

export interface BenchReport {
  benchmark: 'cim-workstation';
  schemaVersion: 1;
  date: string;
  durationS: number;
  machine: MachineInfo & { loadAverage1mAtEnd: number };
  repo: RepoInfo;
  options: {
    only: string[] | null;
    features: number;
    repetitions: number;
    seed: number;
    buildings?: number;
    rasterPx?: number;
    sizes?: number[];
  };
  tiles?: TilesBenchResult | { status: 'failed'; error: string };
  startup?: StartupBenchResult | { status: 'failed'; error: string };
  import?: ImportBenchResult | { status: 'failed'; error: string };
  shapefile?: ShapefileBenchResult | { status: 'failed'; error: string };
  firstframe?: FirstFrameResult;
  democity?: DemoFrameResult;
  seed?: SeedBenchResult | { status: 'failed'; error: string };
  multiplan?: MultiplanBenchResult | { status: 'failed'; error: string };
  sunlight?: SunlightBenchResult;
  casesquery?: CasesQueryBenchResult;
  viewshed?: ViewshedBenchResult;
  tour?: TourBenchResult;
  recordedTo: string | null;
}

const HEADER = `# Benchmark results

\`npm run bench\` (bin/cim-bench.mjs -> bench/run.ts) appends one section per recorded run;
the full figures, every repetition and the machine are in \`bench/results/<date>-<host>.json\`.
Speed is judged by the ratios to the reference measured in the same run, not by the raw
times, which move with the (shared, noisy) machine. Each figure is the median of the runs.

What the numbers mean:
- Every cim command runs from the CLI bundle (\`dist/cli\`, built at the start of the run),
  as users run it; runs recorded before 2026-12-07 went through tsx.
- **Import, wall time**: spawn of \`node bin/cim.mjs import parcels.geojson --workspace W.gpkg\`
  (new workspace each run) to its exit, so Node start-up is in it; **features/s** is
  the feature count over that time. **Job time** is cim's own \`durationMs\` (parse + write,
  no process start-up). Input: bench/gen/polygons.ts (seeded, byte-identical every run).
- **ogr2ogr**: \`ogr2ogr -f GPKG out.gpkg parcels.geojson\` on the same file, the reference;
  **ratio** = cim / ogr2ogr (> 1: cim slower or bigger).
- **Peak RSS**: the process's kernel high-water mark of resident memory (ru_maxrss through
  \`/usr/bin/time -f %M\`, or VmHWM polled in /proc when GNU time is missing), one process
  (the cim \`node\` process with all its threads; the \`ogr2ogr\` binary).
- **Tile pyramids**: \`cim tiles build terrain|imagery\` against \`gdal2tiles.py --xyz -p geodetic
  --tmscompatible -r bilinear --processes=2\` over the same levels (Cesium's tiling: the same
  tiles, counted); the DEM reaches gdal2tiles as an 8-bit VRT (\`gdal_translate -of VRT -ot Byte
  -scale\`), gdal2tiles' only input type. **CPU** is user + system time of the process and the
  children it waited for (gdal2tiles' worker processes; cim's worker threads).
- **Start-up**: spawn to exit of \`node bin/cim.mjs layers --workspace demo.gpkg --json\` and of
  \`cim --help\` minus that of \`node -e 0\`, alternating, medians (target: +0.15 s for layers).
- **Seed**: spawn of \`node bin/cim.mjs seed --out W.gpkg --scale small|full --json\` (new
  workspace each run) to its exit; **job time** is its \`durationMs\` (generation, rasters,
  GeoPackage); features written counts every row of every layer and table. No reference tool
  exists for a generator: compare runs on the same machine and load.
- **First frame**: from spawning \`cim serve\` on a new workspace to \`window.__cimMap.frameCount() > 0\`
  in headless Chromium with SwiftShader WebGL; the browser is launched after the URL line
  arrives, so its start-up is included. **Browser up -> frame** leaves out server and browser
  start-up (page load, app start, Cesium's first render). **Idle**: spawn to \`isIdle()\`
  (globe tiles loaded, nothing pending). **Serve peak RSS**: VmHWM of the serve process at idle.
  **Reference**: the same path with a bare CesiumJS Viewer of the same Cesium version and the
  bundled NaturalEarthII imagery on a plain Node server (bench/firstframe/cesium-reference-server.mjs;
  until 2026-12-07 a page that only cleared a WebGL canvas); **ratio** = cim / reference.
- **Multi-plan overlay**: spawn to exit of \`cim analyze multiplan --all-pairs\` on two generated
  parcel layers in one workspace (reading, overlay in two clip workers, writing the result
  layer; Node + tsx start-up included), against \`qgis_process run native:intersection\` on the
  same two layers; **QGIS compute** = its wall time less its start-up (the same algorithm on a
  one-parcel layer, measured in the same run); **ratio** = cim wall / QGIS compute (target
  <= 0.5 at 20k and 50k), peak RSS of each process (target: cim < 1 GiB).
- **Sunlight**: the sunlight core (main/analysis/sunlight) on 10,000 facade points against
  2,000 buildings (bench/gen/sunlight-city.ts), 大寒日 08:00-16:00 true solar time at 1-minute
  steps (480 samples a point), with two worker threads; **cores busy** = process CPU time (all
  threads) / wall time; the reference is the same input on one thread; **ratio** = two
  workers / one thread (wall). Target: under 30 s.
- **Cases on PostGIS** (bench/cases-query.ts): 1,000,000 generated cases in a workspace's
  \`cases\` layer and in the server's \`cim_cases\` (a throwaway PostgreSQL 15 + PostGIS 3.3
  cluster on 127.0.0.1); the desk's query, a ~1 km viewport plus a seven-day window (count
  and the newest 100), 200 random queries: the desk's own \`queryCases\` on the GeoPackage
  (the reference) against the same in SQL on the server (GiST + btree); both must give the
  same counts. **ratio** = PostGIS / GeoPackage at p50 and p95.
`;

const n = (v: number, digits = 0): string =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
const s = (ms: number): string => `${n(ms / 1000, 2)} s`;

function importSection(r: NonNullable<BenchReport['import']>): string {
  if ('status' in r) return `Import: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  const mb = n(r.input.bytes / 1e6, 1);
  return [
    `Import of ${n(r.input.features)} parcels (${n(r.input.vertices)} vertices, ${mb} MB GeoJSON, seed ${String(r.input.seed)}), median of ${String(r.repetitions)}:`,
    '',
    '| | wall time | features/s | peak RSS |',
    '|---|---:|---:|---:|',
    `| cim import | ${s(r.cim.wallMs.median)} | ${n(r.cim.featuresPerSecond.median)} | ${n(r.cim.peakRssMiB.median)} MiB |`,
    `| cim import, job time only | ${s(r.cim.jobDurationMs.median)} | ${n(r.cim.jobFeaturesPerSecond.median)} | |`,
    `| ogr2ogr -f GPKG (reference) | ${s(r.ogr2ogr.wallMs.median)} | ${n(r.ogr2ogr.featuresPerSecond.median)} | ${n(r.ogr2ogr.peakRssMiB.median)} MiB |`,
    `| **ratio cim / ogr2ogr** | **${n(r.ratioToOgr2ogr.wallTime, 2)}** | | **${n(r.ratioToOgr2ogr.peakRss, 2)}** |`,
    '',
  ].join('\n');
}

function seedSection(r: NonNullable<BenchReport['seed']>): string {
  if ('status' in r) return `Seed: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  return [
    `Demo city generation (\`cim seed\`, seed ${String(r.seed)}), median of the runs:`,
    '',
    '| scale | runs | wall time | job time | peak RSS | buildings 2024 | cases | features written | features/s (job) | workspace |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.scales.map(
      (s) =>
        `| ${s.scale} | ${String(s.runs)} | ${n(s.wallMs.median / 1000, 2)} s | ${n(s.jobDurationMs.median / 1000, 2)} s | ${n(s.peakRssMiB.median)} MiB | ${n(s.buildings2024)} | ${n(s.cases)} | ${n(s.featuresWritten)} | ${n(s.featuresPerSecond.median)} | ${n(s.workspaceBytes / 1e6, 1)} MB |`,
    ),
    '',
  ].join('\n');
}

function firstFrameSection(r: FirstFrameResult): string {
  const built = r.renderer?.builtBecause ? ` (ran \`npm run build\` first: ${r.renderer.builtBecause})` : '';
  if (r.status === 'skipped') return `First frame: **skipped**: ${r.reason}${built}\n`;
  if (r.status === 'failed') return `First frame: **failed**: ${r.error.split('\n')[0] ?? ''}${built}\n`;
  const c = r.cim;
  const ref = r.reference;
  return [
    `First globe frame, Chromium ${r.chromium} (SwiftShader), ${String(r.viewport.width)}x${String(r.viewport.height)}, median of ${String(r.repetitions)}${built}:`,
    '',
    '| | spawn -> URL line | spawn -> browser up | spawn -> first frame | browser up -> frame | spawn -> idle | server peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| cim serve | ${s(c.urlLineMs.median)} | ${s(c.browserLaunchedMs.median)} | ${s(c.firstFrameMs.median)} | ${s(c.pageToFirstFrameMs.median)} | ${c.idleMs ? s(c.idleMs.median) : `not idle in ${String(c.idleTimeouts)} runs`} | ${n(c.servePeakRssMiB.median)} MiB |`,
    `| bare CesiumJS Viewer (reference) | ${s(ref.urlLineMs.median)} | ${s(ref.browserLaunchedMs.median)} | ${s(ref.firstFrameMs.median)} | ${s(ref.pageToFirstFrameMs.median)} | | |`,
    `| **ratio cim / reference** | | | **${n(r.ratioToReference.firstFrame, 2)}** | **${n(r.ratioToReference.pageToFirstFrame, 2)}** | | |`,
    '',
    `Page diagnostics (cim runs): ${String(r.diagnostics.consoleErrors.length)} console errors, ${String(r.diagnostics.failedRequests.length)} failed requests, ${String(r.diagnostics.offHostRequests.length)} requests off 127.0.0.1` +
      (r.diagnostics.httpErrors.length > 0 ? `; HTTP errors: ${r.diagnostics.httpErrors.join(', ')}.` : '.'),
    '',
  ].join('\n');
}

function demoCitySection(r: DemoFrameResult): string {
  if (r.status !== 'ok') return `Demo city in the browser host: **${r.status}**: ${r.reason.split('\n')[0] ?? ''}\n`;
  const c = r.cim;
  return [
    `Demo city (small) in the browser host, Chromium (SwiftShader), ${String(r.viewport.width)}x${String(r.viewport.height)}, median of ${String(r.repetitions)}; built by \`${r.demo.command}\` in ${s(r.demo.buildMs)} (${n(r.demo.bytes / 1e6, 1)} MB with its tiles):`,
    '',
    '| | spawn -> first frame | spawn -> all tiles loaded | server peak RSS | browser peak RSS (all processes) |',
    '|---|---:|---:|---:|---:|',
    `| cim serve, demo city | ${s(c.firstFrameMs.median)} | ${c.idleMs ? s(c.idleMs.median) : `not loaded in ${String(c.idleTimeouts)} runs`} | ${n(c.serverPeakRssMiB.median)} MiB | ${n(c.browserPeakRssMiB.median)} MiB |`,
    `| ${r.reference.what} (reference) | ${s(r.reference.firstFrameMs.median)} | ${r.reference.idleMs ? s(r.reference.idleMs.median) : 'not loaded'} | | |`,
    `| **ratio cim / reference** (targets: first frame ≤ 1.2, all tiles ≤ 40 s) | **${n(r.ratioToReference.firstFrame, 2)}** | **${r.ratioToReference.idle === null ? '-' : n(r.ratioToReference.idle, 2)}** | | |`,
    '',
  ].join('\n');
}

function tourSection(r: TourBenchResult): string {
  if (r.status !== 'ok') return `Tour "next" on the demo city: **${r.status}**: ${r.reason.split('\n')[0] ?? ''}\n`;
  return [
    `Tour "next" (ArrowRight in presentation mode) until the view is fully loaded, demo city (small), ${String(r.stops.length)} stops, ${String(r.viewport.width)}x${String(r.viewport.height)}, flights of ${String(r.flyDurationS)} s (bench/tour-next.ts):`,
    '',
    '| | next -> loaded (median) | min | max | / flight duration |',
    '|---|---:|---:|---:|---:|',
    `| first lap (cold) | ${s(r.coldMs.median)} | ${s(r.coldMs.min)} | ${s(r.coldMs.max)} | **${n(r.ratioColdToFlight, 2)}** |`,
    `| second lap (warm, reference) | ${s(r.warmMs.median)} | ${s(r.warmMs.min)} | ${s(r.warmMs.max)} | ${n(r.ratioWarmToFlight, 2)} |`,
    `| **cold / warm** | **${n(r.ratioColdToWarm, 2)}** | | | |`,
    r.timeouts > 0 ? `\n${String(r.timeouts)} steps did not load in time.` : '',
    '',
  ].join('\n');
}

function tilesSection(r: NonNullable<BenchReport['tiles']>): string {
  if ('status' in r) return `Tile builds: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  const cpu = (m: { cpuMs?: { median: number } }): string => (m.cpuMs ? s(m.cpuMs.median) : '-');
  const pyramid = (
    what: string,
    c: TilesBenchResult['terrain'],
    ref: TilesBenchResult['reference']['gdal2tilesDem'],
    rt: TilesBenchResult['ratio']['terrain'],
  ): string =>
    `| ${what}, levels ${ref.levels} | ${s(c.wallMs.median)} | ${cpu(c)} | ${n(c.peakRssMiB.median)} MiB | ${n(c.tilesWritten)} | ${n(c.bytes / 1e6, 1)} MB | ${s(ref.wallMs.median)}, cpu ${cpu(ref)}, ${n(ref.peakRssMiB.median)} MiB, ${n(ref.tilesWritten)} tiles | **${n(rt.wallTime, 2)}** / ${n(rt.cpuTime, 2)} / ${n(rt.peakRss, 2)} |`;
  const b = r.buildings;
  const o = r.reference.ogr2ogrGeojson;
  return [
    `Tile builds (${n(r.input.buildings2022)} + ${n(r.input.buildings2024)} buildings, DEM ${String(r.input.demPx)}² at 5 m, ortho ${String(r.input.orthoPx)}² at 1 m), median of ${String(r.repetitions)}:`,
    '',
    '| build | wall time | CPU | peak RSS | tiles | output | reference | ratio time / CPU / RSS |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
    `| 3D Tiles, ${n(b.count)} features (${n(b.buildingsPerSecond.median)}/s, job ${n(b.jobBuildingsPerSecond.median)}/s, ${n(b.bytesPerBuilding)} B each) | ${s(b.wallMs.median)} | ${cpu(b)} | ${n(b.peakRssMiB.median)} MiB | ${n(b.tilesWritten)} | ${n(b.bytes / 1e6, 1)} MB | ogr2ogr -f GeoJSON (2022 layer): ${s(o.wallMs.median)}, ${n(o.peakRssMiB.median)} MiB | **${n(r.ratio.buildings.wallTime, 2)}** / ${n(r.ratio.buildings.cpuTime, 2)} / ${n(r.ratio.buildings.peakRss, 2)} |`,
    pyramid('terrain', r.terrain, r.reference.gdal2tilesDem, r.ratio.terrain),
    pyramid('imagery', r.imagery, r.reference.gdal2tilesOrtho, r.ratio.imagery),
    '',
    `References: \`${r.reference.gdal2tilesDem.command}\`; \`${r.reference.gdal2tilesOrtho.command}\`.`,
    '',
  ].join('\n');
}

function startupSection(r: NonNullable<BenchReport['startup']>): string {
  if ('status' in r) return `Start-up: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  const ms = (v: number): string => `${n(v)} ms`;
  return [
    `\`cim\` start-up on ${r.workspace.path} (${String(r.workspace.layers)} layers), median of ${String(r.runs)} alternating runs:`,
    '',
    '| | wall time | CPU | over `node -e 0` (target <= 150 ms for layers) |',
    '|---|---:|---:|---:|',
    `| \`node -e 0\` (reference) | ${ms(r.node.wallMs.median)} | ${ms(r.node.cpuMs.median)} | |`,
    `| \`cim layers --json\` (bundle) | ${ms(r.layers.wallMs.median)} | ${ms(r.layers.cpuMs.median)} | **+${ms(r.overNode.layersWallMs)}** (CPU +${ms(r.overNode.layersCpuMs)}) |`,
    `| \`cim --help\` (bundle) | ${ms(r.help.wallMs.median)} | ${ms(r.help.cpuMs.median)} | +${ms(r.overNode.helpWallMs)} |`,
    `| \`cim layers --json\` through tsx (development) | ${ms(r.layersTsx.wallMs.median)} | ${ms(r.layersTsx.cpuMs.median)} | +${ms(r.overNode.layersTsxWallMs)} |`,
    '',
  ].join('\n');
}

function shapefileSection(r: NonNullable<BenchReport['shapefile']>): string {
  if ('status' in r) return `Shapefile import: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  return [
    `Shapefile import of ${n(r.input.features)} GBK parcels in EPSG:4526 (${n(r.input.shpBytes / 1e6, 1)} MB .shp, \`${r.input.command}\`), reprojected to EPSG:4326, median of ${String(r.repetitions)}:`,
    '',
    '| | wall time | features/s | peak RSS |',
    '|---|---:|---:|---:|',
    `| cim import | ${s(r.cim.wallMs.median)} | ${n(r.cim.featuresPerSecond.median)} | ${n(r.cim.peakRssMiB.median)} MiB |`,
    `| \`ogr2ogr -f GPKG -t_srs EPSG:4326\` | ${s(r.ogr2ogr.wallMs.median)} | ${n(r.ogr2ogr.featuresPerSecond.median)} | ${n(r.ogr2ogr.peakRssMiB.median)} MiB |`,
    `| ratio cim / ogr2ogr | ${n(r.ratioToOgr2ogr.wallTime, 2)} | ${n(r.ratioToOgr2ogr.featuresPerSecond, 2)} | ${n(r.ratioToOgr2ogr.peakRss, 2)} |`,
    '',
  ].join('\n');
}

function multiplanSection(r: NonNullable<BenchReport['multiplan']>): string {
  if (r.status === 'failed') return `Multi-plan overlay: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  if (r.status === 'skipped') return `Multi-plan overlay: **skipped**: ${r.reason}\n`;
  const yes = (v: boolean | null): string => (v === null ? '' : v ? 'yes' : '**no**');
  return [
    `Multi-plan overlay against ${r.qgis}, median of ${String(r.repetitions)}:`,
    '',
    '| parcels per layer | cim wall | cim job | cim peak RSS | QGIS wall | QGIS start-up | QGIS compute | QGIS peak RSS | **ratio** (target <= 0.5) | met | rows (QGIS features) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...r.sizes.map(
      (x) =>
        `| ${n(x.features)} | ${s(x.cim.wallMs.median)} | ${s(x.cim.jobDurationMs.median)} | ${n(x.cim.peakRssMiB.median)} MiB | ${s(x.qgis.wallMs.median)} | ${s(x.qgis.startupMs.median)} | ${s(x.qgis.computeMs.median)} | ${n(x.qgis.peakRssMiB.median)} MiB | **${n(x.ratio.timeToQgisCompute, 2)}** | ${yes(x.targetMet.time)} ${x.targetMet.memory ? '' : '(memory **no**)'} | ${n(x.cim.rows)} (${n(x.qgis.features)}) |`,
    ),
    '',
  ].join('\n');
}

function sunlightSection(r: SunlightBenchResult): string {
  if (r.status === 'failed') return `Sunlight: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  return [
    `Sunlight, ${n(r.points)} facade points × ${n(r.buildings)} buildings × ${String(r.samplesPerPoint)} one-minute samples, median of ${String(r.twoWorkers.wallMs.runs.length)}:`,
    '',
    '| | wall | CPU (all threads) | cores busy |',
    '|---|---:|---:|---:|',
    `| two workers | **${s(r.twoWorkers.wallMs.median)}** (target < ${s(r.targetMs)}: ${r.targetMet ? 'met' : '**not met**'}) | ${s(r.twoWorkers.cpuMs.median)} | ${n(r.twoWorkers.coresBusy.median, 2)} |`,
    `| one thread (reference) | ${s(r.oneThread.wallMs.median)} | ${s(r.oneThread.cpuMs.median)} | ${n(r.oneThread.coresBusy.median, 2)} |`,
    '',
    `Ratio two workers / one thread ${n(r.ratio, 2)}; ${n(r.raysPerSecond)} point-samples/s; ${n(r.failingPoints)} points below 2 h, mean ${n(r.meanSunlitMin)} min.`,
    '',
  ].join('\n');
}

function casesQuerySection(r: CasesQueryBenchResult): string {
  if (r.status === 'failed') return `Cases on PostGIS: **failed**: ${r.error.split('\n')[0] ?? ''}\n`;
  return [
    `Cases on PostGIS, ${n(r.cases)} cases, ${n(r.queries)} viewport + seven-day queries (mean ${n(r.meanHits, 1)} hits):`,
    '',
    '| | p50 | p95 | load |',
    '|---|---:|---:|---:|',
    `| GeoPackage, the desk's query (reference) | ${n(r.gpkg.p50Ms, 2)} ms | ${n(r.gpkg.p95Ms, 2)} ms | ${n(r.loadS.gpkg, 1)} s |`,
    `| PostGIS on 127.0.0.1 | ${n(r.postgis.p50Ms, 2)} ms | ${n(r.postgis.p95Ms, 2)} ms | ${n(r.loadS.postgis, 1)} s |`,
    '',
    `Ratio PostGIS / GeoPackage: p50 ${n(r.ratioP50, 2)}, p95 ${n(r.ratioP95, 2)}.`,
    '',
  ].join('\n');
}

export function markdownSection(r: BenchReport): string {
  const m = r.machine;
  const commit = r.repo.commit
    ? `${r.repo.commit.slice(0, 10)}${r.repo.dirty ? ' + uncommitted edits' : ''}`
    : 'unknown';
  const parts = [
    `## ${r.date.slice(0, 10)}, ${m.hostname}`,
    '',
    `${m.cpuModel}, ${String(m.cores)} cores, ${String(m.memoryGiB)} GiB, ${m.os}, Node ${m.node}, ${m.gdal ?? 'no GDAL'}; ` +
      `commit ${commit}; load average ${String(m.loadAverage1mAtStart)} -> ${String(m.loadAverage1mAtEnd)}; ` +
      `run at ${r.date}, took ${String(r.durationS)} s. JSON: \`${r.recordedTo ?? '(not recorded)'}\`.`,
    '',
  ];
  if (r.import) parts.push(importSection(r.import));
  if (r.startup) parts.push(startupSection(r.startup));
  if (r.tiles) parts.push(tilesSection(r.tiles));
  if (r.seed) parts.push(seedSection(r.seed));
  if (r.shapefile) parts.push(shapefileSection(r.shapefile));
  if (r.multiplan) parts.push(multiplanSection(r.multiplan));
  if (r.sunlight) parts.push(sunlightSection(r.sunlight));
  if (r.casesquery) parts.push(casesQuerySection(r.casesquery));
  if (r.firstframe) parts.push(firstFrameSection(r.firstframe));
  if (r.democity) parts.push(demoCitySection(r.democity));
  if (r.tour) parts.push(tourSection(r.tour));
  return parts.join('\n');
}

export function record(report: BenchReport, benchDir: string): void {
  const jsonPath = path.join(benchDir, '..', report.recordedTo ?? '');
  fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
  fs.writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  const md = path.join(benchDir, 'RESULTS.md');
  const existing = fs.existsSync(md) ? fs.readFileSync(md, 'utf8') : HEADER;
  fs.writeFileSync(md, `${existing.trimEnd()}\n\n${markdownSection(report)}`);
}
