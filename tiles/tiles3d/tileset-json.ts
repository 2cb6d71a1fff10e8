/**
 * tileset.json (3D Tiles 1.1, OGC 22-025r4 §6): `region` bounding volumes in radians with
 * min/max ellipsoidal height, geometric error from the root region's diagonal halving with
 * each level, content only at the leaves with `refine: "ADD"`, and each leaf's ENU frame
 * as its `transform`. Pure; environment: common.
 */
import { M_PER_DEG_LAT } from '../geo/tiling.js';
import type { QuadNode } from './quadtree.js';

export interface NodeExtent {
  box: [number, number, number, number];
  minHeightM: number;
  maxHeightM: number;
  transform: number[];
  featureCount: number;
  uri: string;
}

interface TileJson {
  boundingVolume: { region: number[] };
  geometricError: number;
  refine?: 'ADD';
  transform?: number[];
  content?: { uri: string };
  children?: TileJson[];
}

const RAD = Math.PI / 180;
/** Geometric error of a leaf (metres): small, but above 0 as ADD refinement wants. */
const LEAF_ERROR_M = 1;

function diagonalM(box: [number, number, number, number], heightM: number): number {
  const cos = Math.cos(((box[1] + box[3]) / 2) * RAD);
  return Math.hypot((box[2] - box[0]) * cos * M_PER_DEG_LAT, (box[3] - box[1]) * M_PER_DEG_LAT, heightM);
}

function union(
  a: Omit<NodeExtent, 'uri' | 'transform' | 'featureCount'>,
  b: NodeExtent | Omit<NodeExtent, 'uri' | 'transform' | 'featureCount'>,
) {
  return {
    box: [
      Math.min(a.box[0], b.box[0]),
      Math.min(a.box[1], b.box[1]),
      Math.max(a.box[2], b.box[2]),
      Math.max(a.box[3], b.box[3]),
    ] as [number, number, number, number],
    minHeightM: Math.min(a.minHeightM, b.minHeightM),
    maxHeightM: Math.max(a.maxHeightM, b.maxHeightM),
  };
}

const region = (e: Omit<NodeExtent, 'uri' | 'transform' | 'featureCount'>): number[] => [
  e.box[0] * RAD,
  e.box[1] * RAD,
  e.box[2] * RAD,
  e.box[3] * RAD,
  e.minHeightM,
  e.maxHeightM,
];

export function tilesetJson(root: QuadNode, leafExtents: ReadonlyMap<QuadNode, NodeExtent>): Record<string, unknown> {
  const extentOf = (node: QuadNode): Omit<NodeExtent, 'uri' | 'transform' | 'featureCount'> | null => {
    const own = leafExtents.get(node);
    if (own) return own;
    let acc: Omit<NodeExtent, 'uri' | 'transform' | 'featureCount'> | null = null;
    for (const c of node.children) {
      const ce = extentOf(c);
      if (ce) acc = acc ? union(acc, ce) : ce;
    }
    return acc;
  };
  const rootExtent = extentOf(root);
  const rootError = rootExtent
    ? diagonalM(rootExtent.box, rootExtent.maxHeightM - rootExtent.minHeightM) / 4
    : LEAF_ERROR_M;
  const tile = (node: QuadNode): TileJson | null => {
    const extent = extentOf(node);
    if (!extent) return null;
    const leaf = leafExtents.get(node);
    const error = Math.max(rootError / 2 ** node.depth, LEAF_ERROR_M * 2);
    if (leaf) {
      return {
        boundingVolume: { region: region(leaf) },
        geometricError: LEAF_ERROR_M,
        refine: 'ADD',
        transform: leaf.transform,
        content: { uri: leaf.uri },
      };
    }
    const children = node.children.map(tile).filter((t): t is TileJson => t !== null);
    return { boundingVolume: { region: region(extent) }, geometricError: error, refine: 'ADD', children };
  };
  return {
    asset: { version: '1.1', generator: 'CIM Workstation tiles/tiles3d' },
    geometricError: rootError * 2,
    root: tile(root),
  };
}
