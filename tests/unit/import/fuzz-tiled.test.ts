/**
 * 500 damaged copies (seeded) of the shared GeoTIFFs, CityJSON files, the 3D Tiles
 * tileset.json and a glb, through the real import path (which builds tiles): each ends in
 * a valid import or a CimError with a message in both languages, never a crash or a hang.
 * A raster build is cancelled after CANCEL_AFTER_MS (a clean `jobs.cancelled`), which bounds
 * every case; after each the workspace passes `PRAGMA integrity_check`, a refused import
 * leaves it unchanged, and no staging folder is left in the tiles folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { loadCatalog } from '../../../main/i18n/catalog.js';
import type { ImportOptionsInput } from '../../../main/import/options.js';
import { runImport } from '../../../main/import/run-import.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';

const CASES = 500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const MAX_MS = 5000;
const CANCEL_AFTER_MS = 400;
const PLACE = { lon: 8.54, lat: 47.37, heightM: 400, headingDeg: 15, scale: 1 };

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

const SOURCES: { rel: string; options?: ImportOptionsInput }[] = [
  { rel: 'geotiff/float_raster_with_nodata.tif' },
  { rel: 'geotiff/shade.tif' },
  { rel: 'geotiff/cogeo.tif' },
  { rel: 'geotiff/RGB.byte.tif' },
  { rel: 'cityjson/delft.json' },
  { rel: 'cityjson/zurich_subset_lod2.json' },
  { rel: 'cityjson/DH_01_subs.city.json', options: { crs: 'EPSG:28992' } },
  { rel: 'cityjson/rotterdam_subset.json', options: { crs: 'EPSG:28992' } },
  { rel: 'tiles3d/MetadataGranularities/tileset.json', options: { placement: PLACE } },
  { rel: 'tiles3d/MetadataGranularities/house1-1.glb', options: { placement: PLACE } },
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

describe('fuzz: damaged rasters, CityJSON, tilesets and glb end in an import or a clean CimError', () => {
  const messages = (['zh-CN', 'en'] as const).map((lng) => loadCatalog(lng, 'errors'));
  let ws: string;
  let db: Db;
  let work: string;
  beforeAll(() => {
    ws = path.join(tempDir(), 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    work = tempDir('cim-fuzz3d-');
  });
  afterAll(() => {
    db.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it(`${String(CASES)} cases, seed ${String(SEED)}`, { timeout: 300_000 }, async () => {
    const rand = prng(SEED);
    const outcomes = { imported: 0, refused: 0, cancelled: 0 };
    const codes = new Set<string>();
    const tilesDir = ws.replace(/\.gpkg$/, '.tiles');
    // The sibling files a tileset or a model names stay beside the damaged copy.
    const originals = new Map(SOURCES.map((s) => [s.rel, fs.readFileSync(path.join(SHARED, s.rel))]));
    for (let n = 0; n < CASES; n++) {
      const source = SOURCES[n % SOURCES.length] ?? SOURCES[0];
      if (!source) throw new Error('no sources');
      const dir = path.join(work, String(n));
      fs.mkdirSync(dir);
      const file = path.join(dir, path.basename(source.rel));
      fs.writeFileSync(file, damage(originals.get(source.rel) ?? Buffer.alloc(0), rand));
      if (source.rel.endsWith('tileset.json')) {
        for (const glb of ['house-3-0.glb', 'tree-spruce-0-0.glb'])
          fs.symlinkSync(path.join(SHARED, 'tiles3d/MetadataGranularities', glb), path.join(dir, glb));
      }
      const before = snapshot(ws);
      const started = performance.now();
      const control = {
        progress: () => undefined,
        isCancelled: () => performance.now() - started > CANCEL_AFTER_MS,
        now: () => new Date(0),
      };
      const label = `case ${String(n)}: ${source.rel}`;
      try {
        await runImport(db, { file: { path: file, fileName: path.basename(file) }, options: source.options }, control);
        outcomes.imported++;
      } catch (err) {
        if (!(err instanceof CimError))
          expect.fail(`${label}: ${err instanceof Error ? (err.stack ?? '') : String(err)}`);
        codes.add(err.code);
        for (const catalog of messages)
          expect(typeof lookup(catalog, err.code), `${label}: ${err.code}`).toBe('string');
        expect(snapshot(ws), label).toEqual(before);
        if (err.code === 'jobs.cancelled') outcomes.cancelled++;
        else outcomes.refused++;
      }
      const ms = performance.now() - started;
      expect(ms, label).toBeLessThan(MAX_MS);
      expect(snapshot(ws).integrity, label).toBe('ok');
      const staging = fs.existsSync(tilesDir) ? fs.readdirSync(tilesDir).filter((f) => f.startsWith('.')) : [];
      expect(staging, label).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(outcomes.imported).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(codes.size).toBeGreaterThan(4);
    console.log(JSON.stringify({ outcomes, codes: [...codes].sort() }));
  });
});
