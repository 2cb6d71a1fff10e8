import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobInfo, LayerEntry } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { CimError } from '../../../common/errors.js';
import { getLayer, listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../main/store/feature-table.js';
import { buildBuildings, buildTerrain, epochLabel } from '../../../main/tiles-jobs/build-jobs.js';
import { tilesDirFor } from '../../../main/tiles-jobs/output.js';
import { ROOT, tempDir } from '../helpers.js';
import { control, gdalProject, makeDem, makeOrtho } from './support.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let ws: string;
let dem: string;
const [[X0, Y0]] = [[38361600, 3652600]] as const;

beforeAll(() => {
  dir = tempDir('cim-tiles-jobs-');
  ws = path.join(dir, 'city.gpkg');
  // A slope rising 1 m per 10 m to the east: h = 100 + 0.1 (x - X0).
  dem = makeDem(path.join(dir, 'dem.tif'), {
    cols: 100,
    rows: 100,
    xll: X0,
    yll: Y0,
    cell: 10,
    value: (c) => 100 + (c + 0.5),
  });
  const db = openWorkspaceDb(ws, { create: true });
  const [lon, lat] = gdalProject([[X0 + 500, Y0 + 500]], 'EPSG:4326', 'EPSG:4526')[0]!;
  db.transaction(() => {
    for (const year of [2022, 2024]) {
      const name = `buildings_${String(year)}`;
      const spec = {
        name,
        title: name,
        geometryType: 'POLYGON' as const,
        fields: [
          { name: 'bldg_id', type: 'TEXT' as const },
          { name: 'height_m', type: 'REAL' as const },
        ],
      };
      createFeatureTable(db, spec);
      const w = featureWriter(db, spec);
      const d = 0.0002;
      w.write(
        {
          type: 'Polygon',
          coordinates: [
            [
              [lon, lat],
              [lon + d, lat],
              [lon + d, lat + d],
              [lon, lat + d],
              [lon, lat],
            ],
          ],
        },
        ['A', 10],
      );
      if (year === 2024)
        w.write(
          {
            type: 'Polygon',
            coordinates: [
              [
                [lon + 0.001, lat],
                [lon + 0.001 + d, lat],
                [lon + 0.001 + d, lat + d],
                [lon + 0.001, lat],
              ],
            ],
          },
          ['B', 20],
        );
      finishFeatureTable(db, name, w.extent());
    }
  })();
  db.close();
});

describe('cim tiles build', () => {
  it('builds terrain from a DEM, prints the --json summary and catalogues the layer', () => {
    const r = cim(['tiles', 'build', 'terrain', '--workspace', ws, '--source', dem, '--json']);
    expect(r.stderr).toContain('jobs.tiles.terrain');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      resultLayer: 'terrain',
      kind: 'terrain',
      root: 'terrain/terrain/layer.json',
      warnings: [],
    });
    expect(summary.count).toBe(summary.tilesWritten);
    expect(Number(summary.tilesWritten)).toBeGreaterThan(16);
    expect(Number(summary.bytes)).toBeGreaterThan(Number(summary.tilesWritten) * 65 * 65 * 4);
    expect(typeof summary.durationMs).toBe('number');
    expect(fs.existsSync(path.join(tilesDirFor(ws), 'terrain/terrain/layer.json'))).toBe(true);
    const layers = JSON.parse(cim(['layers', '--workspace', ws, '--json']).stdout) as
      LayerEntry[] | { layers: LayerEntry[] };
    const list = Array.isArray(layers) ? layers : layers.layers;
    expect(list.find((l) => l.name === 'terrain')).toMatchObject({
      kind: 'terrain',
      tiles: { root: 'terrain/terrain/layer.json', sourceLayers: [], epochs: [] },
      sourceCrs: 'EPSG:4526',
      sourceFile: 'dem.tif',
    });
  });

  it('exits 2 on bad arguments and 1 with one line on a user error', () => {
    expect(cim(['tiles', 'build', 'terrain', '--workspace', ws]).code).toBe(2);
    expect(cim(['tiles', 'build', 'meshes', '--workspace', ws, '--source', dem]).code).toBe(2);
    const r = cim(['tiles', 'build', 'buildings', '--workspace', ws, '--layers', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['cim: Layer nope not found']);
  });
});

describe('tile build jobs', () => {
  it('labels epochs by the layer name year', () => {
    expect(epochLabel('buildings_2022')).toBe('2022');
    expect(epochLabel('survey')).toBe('survey');
  });

  it('seats buildings on a terrain layer and catalogues sources and epochs', async () => {
    const db = openWorkspaceDb(ws);
    try {
      const summary = await buildBuildings(
        db,
        tilesDirFor(ws),
        { type: 'buildings', layers: ['buildings_2022', 'buildings_2024'], terrain: 'terrain' },
        control,
      );
      expect(summary).toMatchObject({
        resultLayer: 'buildings_3d',
        kind: 'tiles3d',
        count: 2,
        root: '3dtiles/buildings_3d/tileset.json',
      });
      const entry = getLayer(db, 'buildings_3d');
      expect(entry).toMatchObject({
        kind: 'tiles3d',
        featureCount: 2,
        geometryType: 'MULTIPOLYGON',
        tiles: {
          root: '3dtiles/buildings_3d/tileset.json',
          sourceLayers: ['buildings_2022', 'buildings_2024'],
          epochs: ['2022', '2024'],
        },
      });
      expect(entry.fields.map((f) => f.name)).toContain('in_2024');
      const ts = JSON.parse(fs.readFileSync(path.join(tilesDirFor(ws), entry.tiles!.root), 'utf8')) as {
        root: { boundingVolume: { region: number[] } };
      };
      // Ground under the buildings is about 150 m (the slope's middle), so the region starts there.
      expect(ts.root.boundingVolume.region[4]).toBeGreaterThan(140);
      expect(ts.root.boundingVolume.region[4]).toBeLessThan(160);
    } finally {
      db.close();
    }
  });

  it('a rebuild replaces the old tile set; a cancel leaves the old one and the catalog as they were', async () => {
    const db = openWorkspaceDb(ws);
    const tiles = tilesDirFor(ws);
    try {
      const before = getLayer(db, 'terrain');
      const again = await buildTerrain(db, tiles, { type: 'terrain', source: dem, maxLevel: 12 }, control);
      expect(again.tilesWritten).toBe(13);
      expect(fs.existsSync(path.join(tiles, 'terrain/terrain/15'))).toBe(false);
      expect(listLayers(db).filter((l) => l.name === 'terrain')).toHaveLength(1);
      expect(getLayer(db, 'terrain').order).toBe(before.order);
      const rebuilt = getLayer(db, 'terrain');
      let err: unknown;
      try {
        await buildTerrain(db, tiles, { type: 'terrain', source: dem }, { ...control, isCancelled: () => true });
      } catch (e) {
        err = e;
      }
      expect((err as CimError).code).toBe('jobs.cancelled');
      expect(fs.readdirSync(tiles).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(fs.existsSync(path.join(tiles, 'terrain/terrain/12'))).toBe(true);
      expect(getLayer(db, 'terrain')).toEqual(rebuilt);
      // A vector layer's name is refused before anything is built.
      await expect(
        buildTerrain(db, tiles, { type: 'terrain', source: dem, name: 'buildings_2022' }, control),
      ).rejects.toThrow('store.layer_exists');
    } finally {
      db.close();
    }
  });

  it('runs as a tiles.build job in a worker thread (the contract call the UI makes)', async () => {
    const ortho = makeOrtho(
      path.join(dir, 'ortho.tif'),
      { cols: 64, rows: 64, xll: X0, yll: Y0, cell: 2, value: () => 0 },
      [(c) => c * 4, (_, r) => r * 4, () => 50],
    );
    const backend = await createBackend({
      workspacePath: ws,
      host: 'browser',
      tempDir: dir,
      logError: () => undefined,
    });
    try {
      const started = await backend.dispatch('tiles.build', { type: 'imagery', source: ortho, name: 'ortho' });
      expect(started.ok).toBe(true);
      const jobId = (started as { ok: true; result: { jobId: string } }).result.jobId;
      let job: JobInfo | null = null;
      for (let i = 0; i < 600; i++) {
        const r = await backend.dispatch('jobs.get', { jobId });
        job = (r as { ok: true; result: JobInfo }).result;
        if (job.state !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(job?.error).toBeNull();
      expect(job?.state).toBe('done');
      expect(job?.result).toMatchObject({ resultLayer: 'ortho', kind: 'imagery', root: 'imagery/ortho/layer.json' });
      const list = (await backend.dispatch('layers.list', {})) as { ok: true; result: LayerEntry[] };
      expect(list.result.find((l) => l.name === 'ortho')?.kind).toBe('imagery');
      expect(backend.resolveTile('imagery/ortho/layer.json')).toBe(
        path.join(tilesDirFor(ws), 'imagery/ortho/layer.json'),
      );
      const bad = await backend.dispatch('tiles.build', { type: 'buildings', layers: [] });
      expect(bad.ok).toBe(false);
    } finally {
      backend.close();
    }
  });
});
