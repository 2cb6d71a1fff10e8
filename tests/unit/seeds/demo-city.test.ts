/**
 * The demo city as `npm start` and `cim seed` make it: the seeded workspace with its terrain,
 * imagery and 3D Tiles built and catalogued, a first view, and nothing left behind.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getCamera, listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { buildDemoCity, type DemoCitySummary } from '../../../seeds/demo-city.js';
import { tempDir } from '../helpers.js';
import { leafGlbsOf } from '../tiles/buildings-fixture.js';

let dir: string;
let ws: string;
let summary: DemoCitySummary;

/** The folder's files; a read-only look at a WAL workspace leaves its -wal/-shm behind. */
const files = (): string[] =>
  fs
    .readdirSync(dir)
    .filter((f) => !/-(wal|shm)$/.test(f))
    .sort();

beforeAll(async () => {
  dir = tempDir('cim-demo-city-');
  ws = path.join(dir, 'demo.gpkg');
  summary = await buildDemoCity(ws, { scale: 'small' });
}, 300_000);

describe('the demo city', () => {
  it('catalogues terrain, imagery and 3D Tiles of both epochs, built from the seeded sources', () => {
    const db = openWorkspaceDb(ws, { readonly: true });
    try {
      const layers = new Map(listLayers(db).map((l) => [l.name, l]));
      expect(layers.get('terrain')).toMatchObject({ kind: 'terrain', title: '地形（DEM）', sourceFile: 'dem.tif' });
      expect(layers.get('imagery')).toMatchObject({ kind: 'imagery', title: '正射影像', sourceFile: 'ortho.tif' });
      const buildings = layers.get('buildings_3d');
      expect(buildings).toMatchObject({ kind: 'tiles3d', title: '建筑三维模型', visible: true });
      expect(buildings?.tiles).toEqual({
        root: '3dtiles/buildings_3d/tileset.json',
        sourceLayers: ['buildings_2022', 'buildings_2024'],
        epochs: ['2022', '2024'],
      });
      expect(buildings?.style.thematic).toMatchObject({ field: 'use', method: 'categories' });
      // every 2024 building is a feature; changed and demolished 2022 ones add their own
      expect(buildings?.featureCount).toBeGreaterThanOrEqual(layers.get('buildings_2024')?.featureCount ?? Infinity);
      for (const layer of ['terrain', 'imagery', 'buildings_3d']) {
        const root = layers.get(layer)?.tiles?.root ?? '';
        expect(fs.existsSync(path.join(summary.tilesDir, root)), root).toBe(true);
      }
      const camera = getCamera(db);
      const [w, s, e, n] = layers.get('terrain')?.bbox ?? [0, 0, 0, 0];
      expect(camera?.lon).toBeGreaterThan(w);
      expect(camera?.lon).toBeLessThan(e);
      // the first view looks north at the district from its southern edge
      expect(camera?.lat).toBeGreaterThan(s - (n - s));
      expect(camera?.lat).toBeLessThan(n);
      expect(camera?.pitchDeg).toBe(-35);
    } finally {
      db.close();
    }
    expect(summary.tiles.map((t) => [t.resultLayer, t.kind])).toEqual([
      ['terrain', 'terrain'],
      ['imagery', 'imagery'],
      ['buildings_3d', 'tiles3d'],
    ]);
    expect(summary.rasters.every((r) => fs.existsSync(r.path))).toBe(true);
  });

  it('writes 3D Tiles whose glbs pass gltf-validator and whose property tables keep the EXT_structural_metadata rules', async () => {
    const validator = createRequire(import.meta.url)('gltf-validator') as {
      validateBytes(
        data: Uint8Array,
        options?: { maxIssues?: number },
      ): Promise<{
        issues: { numErrors: number; numWarnings: number };
      }>;
    };
    // leafGlbsOf checks every property table (lengths, alignment, offsets) as it reads it.
    const leaves = leafGlbsOf(path.join(summary.tilesDir, '3dtiles/buildings_3d'));
    expect(leaves.length).toBeGreaterThan(0);
    for (const { bytes } of leaves) {
      const report = await validator.validateBytes(bytes, { maxIssues: 0 });
      expect([report.issues.numErrors, report.issues.numWarnings]).toEqual([0, 0]);
    }
  });

  it('leaves no staging files, refuses to overwrite, and a cancelled rebuild keeps the old city', async () => {
    expect(files()).toEqual(['demo.gpkg', 'demo.tiles']);
    await expect(buildDemoCity(ws)).rejects.toMatchObject({ code: 'seed.exists' });
    const before = fs.statSync(ws).mtimeMs;
    // cancelled once the seed is written, while the tiles are being built (past the seed's
    // 35 % of the progress bar), so the cancel lands in the middle of the tile builders
    let tiling = false;
    let checksWhileTiling = 0;
    const cancelled = buildDemoCity(ws, {
      force: true,
      progress: (f) => {
        if (f > 0.4) tiling = true;
      },
      isCancelled: () => tiling && ++checksWhileTiling > 3,
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'jobs.cancelled' });
    expect(checksWhileTiling).toBeGreaterThan(3);
    expect(files()).toEqual(['demo.gpkg', 'demo.tiles']);
    expect(fs.statSync(ws).mtimeMs).toBe(before);
    expect(fs.existsSync(path.join(dir, 'demo.tiles/3dtiles/buildings_3d/tileset.json'))).toBe(true);
  }, 300_000);
});
