/** Small hand-made networks for the pipe analyses; coordinates are metres in the local frame. */
import type { PipeSystem } from '../../../../layers/pipelines.js';
import type { NodeRecord, SegmentRecord, XY } from '../../../../main/pipes/model.js';

export function node(
  nodeId: string,
  system: PipeSystem,
  kind: string,
  xy: XY,
  extra: Partial<NodeRecord> = {},
): NodeRecord {
  return {
    nodeId,
    system,
    kind,
    status: kind === '阀门' ? 'open' : null,
    households: null,
    groundM: 100,
    depthM: null,
    invertM: null,
    xy,
    ...extra,
  };
}

export function seg(
  pipeId: string,
  system: PipeSystem,
  from: NodeRecord | string | null,
  to: NodeRecord | string | null,
  xy: readonly XY[],
  extra: Partial<SegmentRecord> = {},
): SegmentRecord {
  const id = (n: NodeRecord | string | null): string | null => (n === null || typeof n === 'string' ? n : n.nodeId);
  return {
    pipeId,
    system,
    fromNode: id(from),
    toNode: id(to),
    diameterMm: 200,
    widthMm: null,
    heightMm: null,
    material: null,
    pressure: null,
    laying: null,
    startDepthM: 1.2,
    endDepthM: 1.2,
    invStartM: null,
    invEndM: null,
    laidYear: null,
    xy,
    ...extra,
  };
}

/** A segment straight from node a to node b. */
export function link(pipeId: string, a: NodeRecord, b: NodeRecord, extra: Partial<SegmentRecord> = {}): SegmentRecord {
  return seg(pipeId, a.system, a, b, [a.xy, b.xy], extra);
}

/**
 * The water network of isolate.test.ts:
 *
 *   S1 水源 ─P1─ V1 ─P2─ J1 三通 ─P3─ V2 ─P4─ J2 三通 ─P5─ V4 ─P6─ E1 接户点 (50 户)
 *                         │                     │
 *                        P7                    P8
 *                         │                     │
 *                  H1 接户点 (100 户)         V3 常闭 (closed)
 *                                               │
 *                                              P9
 *                                               │
 *                                            S2 水源
 * With `trunk`, a third source S3 joins J1 directly by P10: a source trunk with no valve.
 */
export function waterNetwork(trunk = false): { nodes: NodeRecord[]; segments: SegmentRecord[] } {
  const S1 = node('S1', '给水', '水源', [0, 0]);
  const V1 = node('V1', '给水', '阀门', [100, 0]);
  const J1 = node('J1', '给水', '三通', [200, 0]);
  const V2 = node('V2', '给水', '阀门', [300, 0]);
  const J2 = node('J2', '给水', '三通', [400, 0]);
  const V4 = node('V4', '给水', '阀门', [500, 0]);
  const E1 = node('E1', '给水', '接户点', [600, 0], { households: 50 });
  const H1 = node('H1', '给水', '接户点', [200, -100], { households: 100 });
  const V3 = node('V3', '给水', '阀门', [400, -100], { status: 'closed' });
  const S2 = node('S2', '给水', '水源', [400, -200]);
  const nodes = [S1, V1, J1, V2, J2, V4, E1, H1, V3, S2];
  const segments = [
    link('P1', S1, V1),
    link('P2', V1, J1),
    link('P3', J1, V2),
    link('P4', V2, J2),
    link('P5', J2, V4),
    link('P6', V4, E1),
    link('P7', J1, H1),
    link('P8', J2, V3),
    link('P9', V3, S2),
  ];
  if (trunk) {
    const S3 = node('S3', '给水', '水源', [200, 100]);
    nodes.push(S3);
    segments.push(link('P10', S3, J1));
  }
  return { nodes, segments };
}
