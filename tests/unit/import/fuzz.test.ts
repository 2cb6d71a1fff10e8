/**
 * 500 damaged copies of the shared vector files (seeded, so every run damages the same
 * bytes): truncated, byte-flipped, or both, in one part of a shapefile or the whole file
 * otherwise. Each goes through the real import path and must end in a valid import or a
 * CimError with a message in both languages, within 5 s, never a crash; after each the
 * workspace passes `PRAGMA integrity_check`, and a refused import leaves it unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { loadCatalog } from '../../../main/i18n/catalog.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';

const CASES = 500;
/** FUZZ_SEED=n explores other damage; CI runs the fixed seed. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MAX_MS = 5000;

/** mulberry32: small, fast and the same everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  /** The file the import is given. */
  main: string;
  /** Every file of the source (a shapefile's parts); one of them is damaged. */
  parts: string[];
  options?: { crs: string };
}

function shapefile(rel: string): Source {
  const dir = path.join(SHARED, path.dirname(rel));
  const stem = path.basename(rel, '.shp');
  const parts = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.`) && /\.(shp|shx|dbf|prj|cpg)$/i.test(f))
    .map((f) => path.join(dir, f));
  return { main: path.join(SHARED, rel), parts };
}

const single = (rel: string, options?: { crs: string }): Source => ({
  main: path.join(SHARED, rel),
  parts: [path.join(SHARED, rel)],
  ...(options ? { options } : {}),
});

const SOURCES: Source[] = [
  shapefile('crs-china/parcels_cgcs2000_gk38_gbk.shp'),
  shapefile('crs-china/parcels_cgcs2000_cm114_utf8.shp'),
  shapefile('crs-china/parcels_xian80_cm114_gbk.shp'),
  shapefile('shapefile/LGA_2013_AUST.shp'),
  shapefile('shapefile/senate.shp'),
  shapefile('shapefile/codepage.shp'),
  single('shapefile/qgis.zip'),
  single('crs-china/parcels_cgcs2000.gpkg'),
  single('crs-china/parcels.kml'),
  single('crs-china/parcels_wgs84.geojson'),
  single('crs-china/parcel_centroids_gk38.csv', { crs: 'EPSG:4526' }),
  single('crs-china/site_plan_gk38.dxf', { crs: 'EPSG:4526' }),
];

function damage(bytes: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(bytes);
  const kind = rand();
  let result = out;
  if (kind < 0.4 || kind >= 0.8) result = out.subarray(0, Math.floor(rand() * out.length));
  if (kind >= 0.4) {
    const flips = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < flips && result.length > 0; i++) {
      const at = Math.floor(rand() * result.length);
      result[at] = (result[at] ?? 0) ^ (1 + Math.floor(rand() * 255));
    }
  }
  return result;
}

function lookup(catalog: unknown, code: string): unknown {
  return code
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date(0) };

describe('fuzz: damaged vector files end in an import or a clean CimError', () => {
  const messages = (['zh-CN', 'en'] as const).map((lng) => loadCatalog(lng, 'errors'));
  let ws: string;
  let db: Db;
  let work: string;
  beforeAll(() => {
    ws = path.join(tempDir(), 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    work = tempDir('cim-fuzz-');
  });
  afterAll(() => {
    db.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it(`${String(CASES)} cases, seed ${String(SEED)}`, { timeout: 240_000 }, async () => {
    const rand = prng(SEED);
    const outcomes = { imported: 0, refused: 0 };
    const codes = new Set<string>();
    let slowestMs = 0;
    for (let n = 0; n < CASES; n++) {
      const source = SOURCES[n % SOURCES.length] ?? SOURCES[0];
      if (!source) throw new Error('no sources');
      const dir = path.join(work, String(n));
      fs.mkdirSync(dir);
      const victim = source.parts[Math.floor(rand() * source.parts.length)] ?? source.main;
      for (const part of source.parts) {
        const bytes = fs.readFileSync(part);
        fs.writeFileSync(path.join(dir, path.basename(part)), part === victim ? damage(bytes, rand) : bytes);
      }
      const file = path.join(dir, path.basename(source.main));
      const before = snapshot(ws);
      const started = performance.now();
      const label = `case ${String(n)}: ${path.basename(victim)} of ${path.basename(source.main)}`;
      try {
        await runImport(db, { file: { path: file, fileName: path.basename(file) }, options: source.options }, control);
        outcomes.imported++;
      } catch (err) {
        if (!(err instanceof CimError))
          expect.fail(`${label}: ${err instanceof Error ? (err.stack ?? '') : String(err)}`);
        const code = err.code;
        codes.add(code);
        for (const catalog of messages) expect(typeof lookup(catalog, code), `${label}: ${code}`).toBe('string');
        expect(snapshot(ws), label).toEqual(before);
        outcomes.refused++;
      }
      const ms = performance.now() - started;
      slowestMs = Math.max(slowestMs, ms);
      expect(ms, label).toBeLessThan(MAX_MS);
      expect(snapshot(ws).integrity, label).toBe('ok');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Both outcomes occur: the damage is neither always fatal nor always harmless.
    expect(outcomes.imported).toBeGreaterThan(20);
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(codes.size).toBeGreaterThan(8);
  });
});
