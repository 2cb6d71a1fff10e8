/**
 * The tileset's quadtree over building centroids: a node splits into four quadrants of its
 * lon/lat box until it holds at most `maxPerTile` buildings or reaches `maxDepth`; only
 * leaves carry content (refine ADD). Pure; environment: common.
 */

export interface QuadNode {
  depth: number;
  x: number;
  y: number;
  /** Quadrant box [west, south, east, north] degrees (content may reach past it). */
  box: [number, number, number, number];
  children: QuadNode[];
  /** Indices of the features of a leaf. */
  items: number[];
}

export function buildQuadtree(
  lons: ArrayLike<number>,
  lats: ArrayLike<number>,
  box: [number, number, number, number],
  maxPerTile: number,
  maxDepth: number,
): QuadNode {
  const all = Array.from({ length: lons.length }, (_, i) => i);
  const split = (
    items: number[],
    b: [number, number, number, number],
    depth: number,
    x: number,
    y: number,
  ): QuadNode => {
    if (items.length <= maxPerTile || depth >= maxDepth) return { depth, x, y, box: b, children: [], items };
    const [w, s, e, n] = b;
    const mx = (w + e) / 2;
    const my = (s + n) / 2;
    const quads: number[][] = [[], [], [], []];
    for (const i of items) {
      const lon = lons[i] as number;
      const lat = lats[i] as number;
      // Quadrant q: bit 0 east half, bit 1 south half (y counts from the north, like the tilings).
      quads[(lon >= mx ? 1 : 0) + (lat < my ? 2 : 0)]?.push(i);
    }
    const children = quads.flatMap((q, k) => {
      if (q.length === 0) return [];
      const east = (k & 1) === 1;
      const south = (k & 2) === 2;
      const cb: [number, number, number, number] = [east ? mx : w, south ? s : my, east ? e : mx, south ? my : n];
      return [split(q, cb, depth + 1, 2 * x + (east ? 1 : 0), 2 * y + (south ? 1 : 0))];
    });
    return { depth, x, y, box: b, children, items: [] };
  };
  return split(all, box, 0, 0, 0);
}

export function* leaves(node: QuadNode): Generator<QuadNode> {
  if (node.children.length === 0) yield node;
  for (const c of node.children) yield* leaves(c);
}
