/**
 * The proposed scheme's buildings: a footprint layer with heights, or a glTF/GLB model placed
 * by the import (a one-tile 3D Tiles set: `model.glb` under a root `transform`). A model is
 * cast as its envelope prism: the convex hull of its vertices seen from above, from its lowest
 * to its highest vertex. That is conservative (a set-back upper storey shades as if it went
 * straight down), and the summary says the scheme was a model. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NodeIO, type Node as GltfNode } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { CimError } from '../../../common/errors.js';
import { ecefToGeodetic } from '../../../tiles/geo/ellipsoid.js';
import { multiply, transformPoint, type Mat4 } from '../../../tiles/geo/placement.js';
import { externalTilesDir, getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import type { Position } from '../../store/gpkg-geometry.js';
import type { LocalFrame } from '../obstacles/frame.js';
import { buildingsSource, readBuildings, type LoadedBuilding } from '../obstacles/read-buildings.js';
import type { TerrainGrid } from '../obstacles/terrain-grid.js';
import { convexHull } from './shadow-envelope.js';

/** glTF y-up → 3D Tiles z-up: (x, y, z) → (x, −z, y). */
const Y_UP_TO_Z_UP: Mat4 = [1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1];

interface TilesetJson {
  root?: { transform?: number[]; content?: { uri?: string } };
}

async function modelVertices(dir: string): Promise<[number, number, number][]> {
  const tileset = JSON.parse(fs.readFileSync(path.join(dir, 'tileset.json'), 'utf8')) as TilesetJson;
  const uri = tileset.root?.content?.uri;
  if (!uri) throw new CimError('sunlight.scheme_not_model', { layer: dir });
  const rootTransform = tileset.root?.transform ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const doc = await new NodeIO().registerExtensions(ALL_EXTENSIONS).read(path.join(dir, uri));
  const out: [number, number, number][] = [];
  const toEcef = multiply(rootTransform, Y_UP_TO_Z_UP);
  const visit = (node: GltfNode): void => {
    const mesh = node.getMesh();
    if (mesh) {
      const world = multiply(toEcef, node.getWorldMatrix());
      for (const prim of mesh.listPrimitives()) {
        const pos = prim.getAttribute('POSITION');
        if (!pos) continue;
        const v: number[] = [0, 0, 0];
        for (let i = 0; i < pos.getCount(); i++) {
          pos.getElement(i, v);
          const [x, y, z] = transformPoint(world, [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0]);
          out.push(ecefToGeodetic(x, y, z));
        }
      }
    }
    for (const child of node.listChildren()) visit(child);
  };
  const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
  for (const n of scene?.listChildren() ?? []) visit(n);
  return out;
}

export async function readSchemeBuildings(
  db: Db,
  tilesDir: string,
  layer: string,
  frame: LocalFrame,
  terrain: TerrainGrid | null,
  heightField: string | undefined,
): Promise<LoadedBuilding[]> {
  const entry = getLayer(db, layer);
  if (entry.kind === 'vector' || (entry.tiles?.sourceLayers.length ?? 0) > 0) {
    return readBuildings(db, buildingsSource(db, layer, { heightField }), frame, terrain).buildings;
  }
  if (entry.kind !== 'tiles3d' || !entry.tiles) throw new CimError('sunlight.scheme_not_model', { layer });
  const dir = externalTilesDir(db, layer) ?? path.join(tilesDir, path.posix.dirname(entry.tiles.root));
  const vertices = await modelVertices(dir);
  if (vertices.length === 0) throw new CimError('sunlight.scheme_not_model', { layer });
  const xy = new Float64Array(2);
  let lo = Infinity;
  let hi = -Infinity;
  const flat: Position[] = vertices.map(([lon, lat, h]) => {
    lo = Math.min(lo, h);
    hi = Math.max(hi, h);
    frame.toGk(lon, lat, xy);
    return [xy[0] ?? 0, xy[1] ?? 0];
  });
  const hull = convexHull(flat).slice(0, -1) as [number, number][];
  const lonLat = hull.map(([x, y]) => {
    frame.toLonLat(x, y, xy);
    return [xy[0] ?? 0, xy[1] ?? 0] as Position;
  });
  return [
    {
      id: layer,
      fid: 1,
      lonLat: [[[...lonLat, lonLat[0] ?? [0, 0]]]],
      rings: [hull],
      baseM: lo,
      heightM: hi - lo,
      floors: null,
      properties: { model: true },
    },
  ];
}
