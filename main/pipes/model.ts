/**
 * The pipe network model (issue #14): segment and node records as the analyses read them, in
 * a local metric frame (`xy` metres east/north of the layer's centre). Field names follow
 * layers/pipelines.ts (`pipe_id`, `from_node`, `start_depth_m`…); survey names map onto them
 * when the layer is read (read-network.ts). Environment: common.
 */
import type { Laying, PipeSystem, ValveStatus } from '../../layers/pipelines.js';

export type XY = readonly [number, number];

export interface SegmentRecord {
  pipeId: string;
  system: PipeSystem;
  fromNode: string | null;
  toNode: string | null;
  diameterMm: number | null;
  /** Duct banks and box culverts: width × height of the section. */
  widthMm: number | null;
  heightMm: number | null;
  material: string | null;
  pressure: string | null;
  laying: Laying | null;
  /** Cover to the pipe top at each end (pressure and cable systems). */
  startDepthM: number | null;
  endDepthM: number | null;
  /** Invert (管底) elevations (gravity systems). */
  invStartM: number | null;
  invEndM: number | null;
  laidYear: number | null;
  /** The centreline in the local frame, metres. */
  xy: readonly XY[];
}

export interface NodeRecord {
  nodeId: string;
  system: PipeSystem;
  kind: string;
  status: ValveStatus | null;
  households: number | null;
  groundM: number | null;
  depthM: number | null;
  invertM: number | null;
  xy: XY;
}

type TopologyErrorCode =
  | 'duplicate_segment'
  | 'duplicate_node'
  | 'missing_node'
  | 'unconnected_end'
  | 'end_off_node'
  | 'dangle'
  | 'flow_backfall'
  | 'flow_sink'
  | 'flat_gravity';

/** One topology finding: what, where (pipe, node, end) and the figure that shows it. */
export interface TopologyError {
  code: TopologyErrorCode;
  pipeId: string | null;
  nodeId: string | null;
  end: 'from' | 'to' | null;
  /** Distance or height difference that made it an error, metres. */
  valueM: number | null;
}

export function lineLengthM(xy: readonly XY[]): number {
  let sum = 0;
  for (let i = 1; i < xy.length; i++) {
    const a = xy[i - 1] as XY;
    const b = xy[i] as XY;
    sum += Math.hypot(b[0] - a[0], b[1] - a[1]);
  }
  return sum;
}
