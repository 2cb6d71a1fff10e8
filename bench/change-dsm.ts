/**
 * Illegal-build detection (issue #13), raster method: the difference step on an N × N
 * Float32 DSM pair (default 10,000 × 10,000, 0.5 m cells, EPSG:4526, tiled 256 × 256,
 * DEFLATE with the floating-point predictor, written by the demo's GeoTIFF writer): a sloping
 * terrain with 20 m × 20 m buildings every 40 m, 3 % of them raised by 6 m in the later DSM.
 * cim (bench/dsm-diff-step.ts: windowed reads, B − A, threshold, 3 × 3 opening, labelling)
 * against the reference in the same run, `gdal_calc.py -A a.tif -B b.tif --calc="B-A"`
 * (which writes the difference raster, uncompressed Float32): wall time and peak RSS.
 * Target: at most 1.5 × gdal_calc's time, peak RSS under 1 GB.
 *
 *   npx tsx bench/change-dsm.ts [--px 10000] [--repetitions 3]
 *
 * prints one JSON object on stdout. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeGeoTiff } from '../seeds/raster/geotiff.js';
import { defaultRssMethod, runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface DsmBenchOptions {
  root: string;
  outDir: string;
  px: number;
  repetitions: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface Side {
  wallMs: Summary;
  peakRssMiB: Summary;
}

export interface DsmBenchResult {
  status: 'ok';
  px: number;
  cells: number;
  raisedBuildings: number;
  components: number;
  cim: Side;
  gdalCalc: Side;
  /** cim / gdal_calc (wall). */
  ratio: number;
  targetRatio: 1.5;
  targetPeakRssMiB: 1024;
}

const CELL_M = 0.5;
const PITCH = 80;
const SIDE = 40;

/** Writes the pair; returns how many buildings were raised. Each raster is built and freed in turn. */
function writePair(dir: string, px: number): { a: string; b: string; raised: number } {
  const files = { a: path.join(dir, `dsm-a-${String(px)}.tif`), b: path.join(dir, `dsm-b-${String(px)}.tif`) };
  let raised = 0;
  for (const which of ['a', 'b'] as const) {
    const data = new Float32Array(px * px);
    for (let r = 0; r < px; r++) {
      const row = r * px;
      for (let c = 0; c < px; c++) data[row + c] = 50 + r * 0.002 + c * 0.001;
    }
    let k = 0;
    for (let r0 = 8; r0 + SIDE < px; r0 += PITCH)
      for (let c0 = 8; c0 + SIDE < px; c0 += PITCH) {
        const up = which === 'b' && k++ % 33 === 0;
        if (up) raised++;
        const h = 9 + (up ? 6 : 0);
        for (let r = r0; r < r0 + SIDE; r++)
          for (let c = c0; c < c0 + SIDE; c++) data[r * px + c] = (data[r * px + c] ?? 0) + h;
      }
    const tif = encodeGeoTiff(
      {
        widthPx: px,
        heightPx: px,
        samplesPerPixel: 1,
        data,
        originX: 38_500_000,
        originY: 3_660_000,
        cellSizeM: CELL_M,
        epsg: 4526,
        citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
        nodata: -9999,
      },
      { deflateLevel: 1, overviews: false },
    );
    fs.writeFileSync(files[which], tif);
  }
  return { ...files, raised };
}

function side(runs: MeasuredRun[]): Side {
  return {
    wallMs: summarize(runs.map((r) => r.wallMs)),
    peakRssMiB: summarize(
      runs.map((r) => r.peakRssKiB / 1024),
      1,
    ),
  };
}

export async function runDsmBench(o: DsmBenchOptions): Promise<DsmBenchResult> {
  fs.mkdirSync(o.outDir, { recursive: true });
  o.log(`change-dsm: writing a ${String(o.px)} × ${String(o.px)} Float32 DSM pair`);
  const pair = writePair(o.outDir, o.px);
  const out = path.join(o.outDir, `dsm-diff-${String(o.px)}.tif`);
  const cimRuns: MeasuredRun[] = [];
  const refRuns: MeasuredRun[] = [];
  let components = 0;
  for (let i = 0; i < o.repetitions; i++) {
    fs.rmSync(out, { force: true });
    const ref = await runMeasured(
      'gdal_calc.py',
      ['-A', pair.a, '-B', pair.b, '--calc=B-A', '--type=Float32', '--outfile', out, '--overwrite', '--quiet'],
      { cwd: o.root, method: o.rssMethod },
    );
    if (ref.exitCode !== 0) throw new Error(`gdal_calc.py failed: ${ref.stderrTail}`);
    refRuns.push(ref);
    const run = await runMeasured(
      process.execPath,
      ['--import', 'tsx', path.join(o.root, 'bench', 'dsm-diff-step.ts'), pair.a, pair.b],
      { cwd: o.root, method: o.rssMethod },
    );
    if (run.exitCode !== 0) throw new Error(`dsm-diff-step failed: ${run.stderrTail}`);
    cimRuns.push(run);
    components = (JSON.parse(run.stdout) as { components: number }).components;
    o.log(
      `change-dsm: run ${String(i + 1)}: cim ${String(Math.round(run.wallMs))} ms (${String(Math.round(run.peakRssKiB / 1024))} MiB), gdal_calc ${String(Math.round(ref.wallMs))} ms (${String(Math.round(ref.peakRssKiB / 1024))} MiB)`,
    );
  }
  fs.rmSync(out, { force: true });
  const cim = side(cimRuns);
  const gdal = side(refRuns);
  return {
    status: 'ok',
    px: o.px,
    cells: o.px * o.px,
    raisedBuildings: pair.raised,
    components,
    cim,
    gdalCalc: gdal,
    ratio: ratio(cim.wallMs.median, gdal.wallMs.median),
    targetRatio: 1.5,
    targetPeakRssMiB: 1024,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { px: { type: 'string', default: '10000' }, repetitions: { type: 'string', default: '3' } },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await runDsmBench({
    root,
    outDir: path.join(root, 'bench', 'out'),
    px: Number(values.px),
    repetitions: Number(values.repetitions),
    rssMethod: defaultRssMethod(),
    log: (line) => void process.stderr.write(`bench: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
