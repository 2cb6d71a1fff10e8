/**
 * Illegal-build detection (issue #13), vector method: `cim analyze change` on N generated
 * buildings per epoch (bench/gen/buildings.ts: 3 % raised by 6 m, 2 % demolished, 3 % new)
 * with permits for the new ones and half the raised ones, so every check path runs: wall
 * time, peak RSS and buildings/s. The reference in the same run is `ogr2ogr -f GPKG` copying
 * both epochs (reading and writing every footprint once: the I/O floor of any tool).
 *
 *   npx tsx bench/change-detect.ts [--buildings 100000] [--repetitions 3]
 *
 * prints one JSON object on stdout. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addLayer } from '../main/store/catalog.js';
import { openWorkspaceDb } from '../main/store/connection.js';
import {
  createFeatureTable,
  describeFeatureTable,
  featureWriter,
  finishFeatureTable,
  iterateFeatures,
} from '../main/store/feature-table.js';
import { generateBuildingsWorkspace } from './gen/buildings.js';
import { defaultRssMethod, runMeasured, type MeasuredRun, type RssMethod } from './lib/spawn-measured.js';
import { ratio, summarize, type Summary } from './lib/stats.js';

export interface ChangeBenchOptions {
  root: string;
  outDir: string;
  buildings: number;
  repetitions: number;
  seed: number;
  rssMethod: RssMethod;
  log: (line: string) => void;
}

interface Side {
  wallMs: Summary;
  peakRssMiB: Summary;
}

export interface ChangeBenchResult {
  status: 'ok';
  buildingsPerEpoch: { before: number; after: number };
  permits: number;
  suspects: number;
  byKind: Record<string, number>;
  cim: Side & { buildingsPerSecond: number };
  ogr2ogrCopy: Side;
  /** cim / ogr2ogr copy (wall). */
  ratio: number;
}

/** Permits: the footprints of the new buildings and of every other raised one, at their 2024 heights. */
function addPermits(file: string): number {
  const db = openWorkspaceDb(file);
  try {
    const before = new Map<string, number>();
    for (const f of iterateFeatures(db, describeFeatureTable(db, 'buildings_2022')))
      before.set(String(f.properties.bldg_id), Number(f.properties.height_m));
    const fields = [
      { name: 'xkzh', type: 'TEXT' as const },
      { name: 'height_m', type: 'REAL' as const },
    ];
    const spec = { name: 'permits', title: 'permits', geometryType: 'POLYGON' as const, fields };
    let raised = 0;
    let n = 0;
    const after = [...iterateFeatures(db, describeFeatureTable(db, 'buildings_2024'))];
    db.transaction(() => {
      createFeatureTable(db, spec);
      const w = featureWriter(db, spec);
      for (const f of after) {
        const id = String(f.properties.bldg_id);
        const h = Number(f.properties.height_m);
        const old = before.get(id);
        const isNew = old === undefined;
        const isRaised = old !== undefined && h > old + 1 && raised++ % 2 === 0;
        if (!f.geometry || (!isNew && !isRaised)) continue;
        w.write(f.geometry, [`P${String(++n)}`, h]);
      }
      finishFeatureTable(db, 'permits', w.extent());
      addLayer(db, {
        name: 'permits',
        title: 'permits',
        sourceCrs: 'EPSG:4326',
        sourceFile: null,
        createdAt: new Date(0).toISOString(),
      });
    })();
    return n;
  } finally {
    db.close();
  }
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

export async function runChangeBench(o: ChangeBenchOptions): Promise<ChangeBenchResult> {
  fs.mkdirSync(o.outDir, { recursive: true });
  const file = path.join(o.outDir, `change-${String(o.buildings)}.gpkg`);
  o.log(`change: generating ${String(o.buildings)} buildings per epoch`);
  const gen = generateBuildingsWorkspace(file, o.buildings, o.seed);
  const permits = addPermits(file);
  const cli = path.join(o.root, 'bin', 'cim.mjs');
  const cimRuns: MeasuredRun[] = [];
  const refRuns: MeasuredRun[] = [];
  let last: { count: number; byKind: Record<string, number> } | null = null;
  for (let i = 0; i < o.repetitions; i++) {
    const copy = path.join(o.outDir, `change-copy-${String(i)}.gpkg`);
    fs.rmSync(copy, { force: true });
    const ref = await runMeasured('ogr2ogr', ['-f', 'GPKG', copy, file, 'buildings_2022', 'buildings_2024'], {
      cwd: o.root,
      method: o.rssMethod,
    });
    if (ref.exitCode !== 0) throw new Error(`ogr2ogr failed: ${ref.stderrTail}`);
    refRuns.push(ref);
    const run = await runMeasured(
      process.execPath,
      [
        cli,
        'analyze',
        'change',
        '--workspace',
        file,
        '--before',
        'buildings_2022',
        '--after',
        'buildings_2024',
        '--permits',
        'permits',
        '--json',
      ],
      { cwd: o.root, method: o.rssMethod },
    );
    if (run.exitCode !== 0) throw new Error(`cim analyze change failed: ${run.stderrTail}`);
    cimRuns.push(run);
    last = JSON.parse(run.stdout) as { count: number; byKind: Record<string, number> };
    o.log(
      `change: run ${String(i + 1)}: cim ${String(Math.round(run.wallMs))} ms, ogr2ogr ${String(Math.round(ref.wallMs))} ms`,
    );
  }
  const cim = side(cimRuns);
  const ogr = side(refRuns);
  return {
    status: 'ok',
    buildingsPerEpoch: { before: gen.buildings2022, after: gen.buildings2024 },
    permits,
    suspects: last?.count ?? 0,
    byKind: last?.byKind ?? {},
    cim: {
      ...cim,
      buildingsPerSecond: Math.round((gen.buildings2022 + gen.buildings2024) / (cim.wallMs.median / 1000)),
    },
    ogr2ogrCopy: ogr,
    ratio: ratio(cim.wallMs.median, ogr.wallMs.median),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      buildings: { type: 'string', default: '100000' },
      repetitions: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20240601' },
    },
  });
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = await runChangeBench({
    root,
    outDir: path.join(root, 'bench', 'out'),
    buildings: Number(values.buildings),
    repetitions: Number(values.repetitions),
    seed: Number(values.seed),
    rssMethod: defaultRssMethod(),
    log: (line) => void process.stderr.write(`bench: ${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
