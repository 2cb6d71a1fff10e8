import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../main/import/preview.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { IDENTITY, placementMatrix, transformPoint } from '../../../tiles/geo/placement.js';
import { ecefToGeodetic } from '../../../tiles/geo/ellipsoid.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';
import { accessorValues, readGlb } from '../tiles/support.js';
import { failure, src } from './tiled-support.js';

const HOUSE = path.join(SHARED, 'tiles3d/MetadataGranularities/house1-1.glb');
const control: JobControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
const PLACE = { lon: 116.3913, lat: 39.9075, heightM: 45, headingDeg: 90, scale: 1.5 };
const validator = createRequire(import.meta.url)('gltf-validator') as {
  validateBytes(data: Uint8Array): Promise<{ issues: { numErrors: number } }>;
};

describe('glTF / GLB placement', () => {
  let dir: string;
  let ws: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    ws = path.join(dir, 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });
  const tiles = (name: string): string => path.join(ws.replace(/\.gpkg$/, '.tiles'), '3dtiles', name);

  it('house1-1.glb: a one-tile tileset, ENU × heading × scale at the point, glb copied as it is', async () => {
    const preview = await previewImport(src(HOUSE));
    expect(preview.format).toBe('gltf');
    expect(preview.layers[0]?.tiled).toMatchObject({ kind: 'tiles3d', needsPlacement: true });
    expect(preview.layers[0]?.bbox).toBeNull();
    const before = snapshot(ws);
    expect((await failure(runImport(db, { file: src(HOUSE) }, control))).code).toBe('import.placement_required');
    expect(snapshot(ws)).toEqual(before);

    const [r] = await runImport(db, { file: src(HOUSE), options: { placement: PLACE } }, control);
    expect(r).toMatchObject({ resultLayer: 'house1_1', kind: 'tiles3d', count: 1 });
    const out = tiles('house1_1');
    expect(fs.readFileSync(path.join(out, 'model.glb'))).toEqual(fs.readFileSync(HOUSE));
    const ts = JSON.parse(fs.readFileSync(path.join(out, 'tileset.json'), 'utf8')) as {
      asset: { version: string };
      root: { transform: number[]; boundingVolume: { box: number[] }; content: { uri: string } };
    };
    expect(ts.asset.version).toBe('1.1');
    expect(ts.root.transform).toEqual(placementMatrix(PLACE));
    expect(ts.root.content.uri).toBe('model.glb');
    // Every vertex (y-up -> z-up) lies in the box, and lands within 50 m of the point.
    const glb = readGlb(new Uint8Array(fs.readFileSync(HOUSE)));
    const [cx, cy, cz, hx, , , , hy, , , , hz] = ts.root.boundingVolume.box;
    const nodes = (glb.json as unknown as { nodes: { mesh?: number; matrix?: number[] }[] }).nodes;
    for (const node of nodes.filter((n) => n.mesh !== undefined))
      for (const prim of glb.json.meshes[node.mesh!]!.primitives)
        for (const local of accessorValues(glb, prim.attributes.POSITION!)) {
          // The node's matrix (this model has one, no hierarchy), then y-up -> z-up.
          const [x, y, z] = transformPoint(node.matrix ?? IDENTITY, local as [number, number, number]);
          const p: [number, number, number] = [x, -z, y];
          expect(Math.abs(p[0] - cx!)).toBeLessThanOrEqual(hx! + 1e-4);
          expect(Math.abs(p[1] - cy!)).toBeLessThanOrEqual(hy! + 1e-4);
          expect(Math.abs(p[2] - cz!)).toBeLessThanOrEqual(hz! + 1e-4);
          const [lon, lat, h] = ecefToGeodetic(...transformPoint(ts.root.transform, p));
          expect(Math.abs(lon - PLACE.lon) * 85_000).toBeLessThan(50);
          expect(Math.abs(lat - PLACE.lat) * 111_000).toBeLessThan(50);
          expect(h).toBeGreaterThan(PLACE.heightM - 1);
        }
    const bbox = listLayers(db)[0]?.bbox ?? [];
    // The model's origin is the point; the house stands beside it (its node is translated).
    expect(Math.abs(bbox[0]! - PLACE.lon) + Math.abs(bbox[2]! - PLACE.lon)).toBeLessThan(0.001);
    expect(Math.abs(bbox[1]! - PLACE.lat) + Math.abs(bbox[3]! - PLACE.lat)).toBeLessThan(0.001);
  });

  it('a .gltf with an external buffer is packed into one valid glb', async () => {
    const io = new NodeIO().registerExtensions(ALL_EXTENSIONS);
    const doc = await io.read(HOUSE);
    const gltf = path.join(dir, 'house.gltf');
    await io.write(gltf, doc);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.bin'))).toBe(true);
    const [r] = await runImport(db, { file: src(gltf), options: { placement: PLACE } }, control);
    const glb = new Uint8Array(fs.readFileSync(path.join(tiles(r?.resultLayer ?? ''), 'model.glb')));
    expect(new TextDecoder().decode(glb.subarray(0, 4))).toBe('glTF');
    expect((await validator.validateBytes(glb)).issues.numErrors).toBe(0);
  });

  it('refuses a model the validator finds errors in, listing them', async () => {
    const bad = path.join(dir, 'bad.gltf');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        asset: { version: '2.0' },
        accessors: [{ bufferView: 3, componentType: 5126, count: 3, type: 'VEC3' }],
        meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
        nodes: [{ mesh: 0 }],
        scenes: [{ nodes: [0] }],
      }),
    );
    const err = await failure(previewImport(src(bad)));
    expect(err.code).toBe('import.gltf_invalid');
    expect(String(err.facts.errors)).toContain('UNRESOLVED_REFERENCE');
    const truncated = path.join(dir, 'cut.glb');
    fs.writeFileSync(truncated, fs.readFileSync(HOUSE).subarray(0, 5000));
    expect((await failure(previewImport(src(truncated)))).code).toBe('import.gltf_invalid');
  });
});
