import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveTilePath } from '../../../main/api/external-tiles.js';
import { previewImport } from '../../../main/import/preview.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { externalTilesDir, listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { placementMatrix, transformPoint } from '../../../tiles/geo/placement.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';
import { failure, src } from './tiled-support.js';

const SAMPLE = path.join(SHARED, 'tiles3d/MetadataGranularities');
const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
const PLACE = { lon: 8.5417, lat: 47.3769, heightM: 408, headingDeg: 30, scale: 2 };

/** A small georeferenced tileset: a region around Zurich in radians (3D Tiles 1.1 §5.7.2). */
function writeRegionTileset(dir: string, asset: unknown = { version: '1.1' }): string {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const region = [rad(8.5), rad(47.3), rad(8.6), rad(47.4), 0, 100];
  fs.writeFileSync(path.join(dir, 'a.glb'), fs.readFileSync(path.join(SAMPLE, 'house1-1.glb')));
  const file = path.join(dir, 'tileset.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      asset,
      geometricError: 100,
      root: { boundingVolume: { region }, geometricError: 10, content: { uri: 'a.glb' } },
    }),
  );
  return file;
}

describe('existing 3D Tiles tileset', () => {
  let dir: string;
  let ws: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    ws = path.join(dir, 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });

  it('MetadataGranularities is in local coordinates: it waits for a placement, then gets an ENU wrapper', async () => {
    const file = path.join(SAMPLE, 'tileset.json');
    const preview = await previewImport(src(file));
    expect(preview.format).toBe('tiles3d');
    expect(preview.layers[0]).toMatchObject({ featureCount: 20, bbox: null, suggestedName: 'MetadataGranularities' });
    expect(preview.layers[0]?.tiled).toMatchObject({ kind: 'tiles3d', needsPlacement: true });
    const before = snapshot(ws);
    expect((await failure(runImport(db, { file: src(file) }, control))).code).toBe('import.placement_required');
    expect(snapshot(ws)).toEqual(before);

    const [r] = await runImport(db, { file: src(file), options: { placement: PLACE } }, control);
    expect(r).toMatchObject({ resultLayer: 'MetadataGranularities', kind: 'tiles3d', count: 20 });
    const layer = listLayers(db).find((l) => l.name === 'MetadataGranularities');
    // the folder is registered by its real path (the tile server's containment check is on real paths)
    expect(layer?.tiles).toMatchObject({
      root: '3dtiles/MetadataGranularities/tileset.json',
      externalDir: fs.realpathSync(SAMPLE),
    });
    const wrapper = JSON.parse(
      fs.readFileSync(path.join(ws.replace(/\.gpkg$/, '.tiles'), '3dtiles/MetadataGranularities/tileset.json'), 'utf8'),
    ) as { root: { transform: number[]; content: { uri: string } } };
    expect(wrapper.root.content.uri).toBe('../../ext/MetadataGranularities/tileset.json');
    expect(wrapper.root.transform).toEqual(placementMatrix(PLACE));
    // The box (about 33 m × 39 m, doubled by the scale) lies around the placement point.
    const [w, s, e, n] = layer?.bbox ?? [];
    expect(PLACE.lon > (w ?? NaN) && PLACE.lon < (e ?? NaN) && PLACE.lat > (s ?? NaN) && PLACE.lat < (n ?? NaN)).toBe(
      true,
    );
    expect(((e ?? 0) - (w ?? 0)) * 111320 * Math.cos((PLACE.lat * Math.PI) / 180)).toBeLessThan(120);
    // Nothing was copied: the wrapper is the only file.
    expect(fs.readdirSync(path.join(ws.replace(/\.gpkg$/, '.tiles'), '3dtiles/MetadataGranularities'))).toEqual([
      'tileset.json',
    ]);
  });

  it('a georeferenced tileset is registered in place: no files written, bbox from its region', async () => {
    const data = path.join(dir, 'city');
    fs.mkdirSync(data);
    const file = writeRegionTileset(data);
    const [r] = await runImport(db, { file: src(file), name: 'zurich_tiles' }, control);
    expect(r).toMatchObject({ resultLayer: 'zurich_tiles', kind: 'tiles3d', count: 1 });
    const layer = listLayers(db)[0];
    expect(layer?.tiles).toMatchObject({ root: 'ext/zurich_tiles/tileset.json', externalDir: fs.realpathSync(data) });
    expect(layer?.bbox?.map((v) => Number(v.toFixed(9)))).toEqual([8.5, 47.3, 8.6, 47.4]);
    expect(fs.existsSync(ws.replace(/\.gpkg$/, '.tiles'))).toBe(false);
    expect(externalTilesDir(db, 'zurich_tiles')).toBe(fs.realpathSync(data));
  });

  it('refuses other versions and a root without bounding volume or geometric error, naming the file', async () => {
    const write = (name: string, json: unknown): string => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, JSON.stringify(json));
      return f;
    };
    const v2 = write('v2.json', { asset: { version: '2.0' }, root: { boundingVolume: { sphere: [0, 0, 0, 1] } } });
    expect((await failure(previewImport(src(v2)))).facts).toEqual({ file: 'v2.json', version: '2.0' });
    const noError = write('tileset.json', {
      asset: { version: '1.0' },
      root: { boundingVolume: { sphere: [0, 0, 0, 1] } },
    });
    const e1 = await failure(previewImport(src(noError)));
    expect(e1.code).toBe('import.tileset_invalid');
    expect(e1.facts).toEqual({ file: 'tileset.json', problem: 'root.geometricError missing or negative' });
    const noVolume = write('tileset.json', {
      asset: { version: '1.1' },
      root: { boundingVolume: { box: [1, 2] }, geometricError: 1 },
    });
    expect((await failure(previewImport(src(noVolume)))).facts).toMatchObject({
      problem: 'root.boundingVolume missing or not a region, box or sphere',
    });
  });
});

describe('tile paths of a tileset registered in place', () => {
  it('stay inside the registered folder: .., encoded %2e%2e and symlinks out are refused', () => {
    const root = tempDir();
    const tilesDir = path.join(root, 'w.tiles');
    const data = path.join(root, 'data');
    fs.mkdirSync(path.join(data, 'sub'), { recursive: true });
    fs.mkdirSync(tilesDir);
    fs.writeFileSync(path.join(data, 'tileset.json'), '{}');
    fs.writeFileSync(path.join(data, 'sub/a.glb'), 'x');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(data, 'link.glb'));
    fs.symlinkSync(root, path.join(data, 'up'));
    const lookup = (layer: string): string | null => (layer === 'city' ? data : null);
    const resolve = (p: string): string | null => resolveTilePath(tilesDir, p, lookup);
    expect(resolve('ext/city/tileset.json')).toBe(fs.realpathSync(path.join(data, 'tileset.json')));
    expect(resolve('ext/city/sub/a.glb')).toBe(fs.realpathSync(path.join(data, 'sub/a.glb')));
    expect(resolve('ext/city/sub%2Fa.glb')).toBe(fs.realpathSync(path.join(data, 'sub/a.glb')));
    for (const bad of [
      'ext/city/../secret.txt',
      'ext/city/%2e%2e/secret.txt',
      'ext/city/sub/%2E%2E/%2e%2e/secret.txt',
      'ext/city/%252e%252e/secret.txt',
      'ext/city/link.glb',
      'ext/city/up/secret.txt',
      'ext/other/tileset.json',
      'ext/city',
      'ext/city/missing.glb',
      'ext/city/..%5Csecret.txt',
    ]) {
      expect(resolve(bad), bad).toBeNull();
    }
    // Workspace tiles are resolved as before.
    expect(resolve('3dtiles/b/tileset.json')).toBe(path.join(tilesDir, '3dtiles/b/tileset.json'));
    expect(resolve('3dtiles/%2e%2e/x')).toBeNull();
  });

  it('the placement matrix turns north toward east for a heading of 90° and scales', () => {
    const m = placementMatrix({ lon: 0, lat: 0, heightM: 0, headingDeg: 90, scale: 2 });
    // At (0°, 0°): east = +Y, north = +Z, up = +X in ECEF.
    const p = transformPoint(m, [0, 1, 0]);
    expect(p[0]).toBeCloseTo(6378137, 6);
    expect(p[1]).toBeCloseTo(2, 9);
    expect(p[2]).toBeCloseTo(0, 9);
    const up = transformPoint(m, [0, 0, 1]);
    expect(up[0]).toBeCloseTo(6378139, 6);
  });
});
