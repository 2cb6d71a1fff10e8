/**
 * Generated pipe networks for bench/pipes.ts, deterministic from a seed:
 * - water: a square grid of mains (junctions 100 m apart) with a line valve in the middle of
 *   85% of the grid edges (below the bond-percolation threshold of 50% unvalved, so zones stay local) (5% of them normally closed), a source at each corner and a service
 *   connection with households at 20% of the junctions;
 * - sewer: a comb of gravity lines (every column drains south into a trunk along the bottom
 *   row that drains east to one outfall), inverts falling 0.1 m per segment, a quarter of the
 *   segments digitised against the flow.
 */
import type { NodeRecord, SegmentRecord, XY } from '../../main/pipes/model.js';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nodeOf = (
  nodeId: string,
  system: NodeRecord['system'],
  kind: string,
  xy: XY,
  extra: Partial<NodeRecord> = {},
): NodeRecord => ({
  nodeId,
  system,
  kind,
  status: null,
  households: null,
  groundM: 100,
  depthM: null,
  invertM: null,
  xy,
  ...extra,
});

const segOf = (
  pipeId: string,
  system: SegmentRecord['system'],
  a: NodeRecord,
  b: NodeRecord,
  extra: Partial<SegmentRecord> = {},
): SegmentRecord => ({
  pipeId,
  system,
  fromNode: a.nodeId,
  toNode: b.nodeId,
  diameterMm: 300,
  widthMm: null,
  heightMm: null,
  material: null,
  pressure: null,
  laying: '直埋',
  startDepthM: 1.2,
  endDepthM: 1.2,
  invStartM: null,
  invEndM: null,
  laidYear: null,
  xy: [a.xy, b.xy],
  ...extra,
});

/** A water grid of about `targetSegments` segments. */
export function waterGrid(targetSegments: number, seed: number): { nodes: NodeRecord[]; segments: SegmentRecord[] } {
  const random = rng(seed);
  const n = Math.max(3, Math.round(Math.sqrt(targetSegments / 3.7)));
  const nodes: NodeRecord[] = [];
  const segments: SegmentRecord[] = [];
  const grid: NodeRecord[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const corner = (x === 0 || x === n - 1) && (y === 0 || y === n - 1);
      const service = !corner && random() < 0.2;
      const node = nodeOf(
        `J${String(y * n + x)}`,
        '给水',
        corner ? '水源' : service ? '接户点' : '四通',
        [x * 100, y * 100],
        {
          households: service ? 1 + Math.floor(random() * 200) : null,
        },
      );
      grid.push(node);
      nodes.push(node);
    }
  }
  let valves = 0;
  const edge = (a: NodeRecord, b: NodeRecord): void => {
    if (random() < 0.85) {
      const v = nodeOf(`V${String(valves++)}`, '给水', '阀门', [(a.xy[0] + b.xy[0]) / 2, (a.xy[1] + b.xy[1]) / 2], {
        status: random() < 0.05 ? 'closed' : 'open',
      });
      nodes.push(v);
      segments.push(segOf(`P${String(segments.length)}`, '给水', a, v));
      segments.push(segOf(`P${String(segments.length)}`, '给水', v, b));
    } else segments.push(segOf(`P${String(segments.length)}`, '给水', a, b));
  };
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const here = grid[y * n + x] as NodeRecord;
      if (x + 1 < n) edge(here, grid[y * n + x + 1] as NodeRecord);
      if (y + 1 < n) edge(here, grid[(y + 1) * n + x] as NodeRecord);
    }
  }
  return { nodes, segments };
}

/** A sewer comb of about `targetSegments` segments. */
export function sewerComb(targetSegments: number, seed: number): { nodes: NodeRecord[]; segments: SegmentRecord[] } {
  const random = rng(seed);
  const n = Math.max(3, Math.round(Math.sqrt(targetSegments)));
  const nodes: NodeRecord[] = [];
  const segments: SegmentRecord[] = [];
  // invert: the trunk (row 0) falls east; each column falls south into it
  const invertAt = (x: number, y: number): number => 50 - x * 0.1 + y * 0.1 + n * 0.1 + 1;
  const at = (x: number, y: number): NodeRecord => nodes[y * (n + 1) + x] as NodeRecord;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x <= n; x++) {
      const outfall = x === n && y === 0;
      nodes.push(
        nodeOf(`M${String(y)}_${String(x)}`, '污水', outfall ? '出水口' : '检查井', [x * 40, y * 40], {
          invertM: outfall ? invertAt(x, y) - 0.1 : invertAt(x, y),
        }),
      );
    }
  }
  const flow = (up: NodeRecord, down: NodeRecord): void => {
    const i0 = up.invertM ?? 0;
    const i1 = down.invertM ?? 0;
    const against = random() < 0.25;
    const extra = { diameterMm: 400, startDepthM: null, endDepthM: null };
    segments.push(
      against
        ? segOf(`W${String(segments.length)}`, '污水', down, up, { ...extra, invStartM: i1, invEndM: i0 })
        : segOf(`W${String(segments.length)}`, '污水', up, down, { ...extra, invStartM: i0, invEndM: i1 }),
    );
  };
  for (let x = 0; x < n; x++) for (let y = n - 1; y > 0; y--) flow(at(x, y), at(x, y - 1));
  for (let x = 0; x < n; x++) flow(at(x, 0), at(x + 1, 0));
  return { nodes, segments };
}
