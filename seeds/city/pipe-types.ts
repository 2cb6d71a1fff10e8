/** Pipe network records shared by the network builder, its attributes and the drains. */
import type { PipeSystem } from '../../layers/pipelines.js';
import type { XY } from '../geo/frame.js';

export interface PipeNode {
  nodeId: string;
  system: PipeSystem;
  kind: string;
  at: XY;
  groundM: number;
  /** Drains: invert (管底) elevation; null otherwise. */
  invertM: number | null;
  /** Cover depth (埋深) to the pipe top for pressure pipes and ducts; well depth for drains. */
  depthM: number;
  road: string;
  /** Valves: 开 or 关 (normally closed); null for other points. */
  status?: '开' | '关' | null;
  /** Service connections (接户点): households supplied through this point. */
  households?: number | null;
}

export interface PipeSegment {
  pipeId: string;
  system: PipeSystem;
  from: PipeNode;
  to: PipeNode;
  diameterMm: number | null;
  section: string | null;
  material: string;
  pressure: string | null;
  depthM: number | null;
  invStartM: number | null;
  invEndM: number | null;
  laidYear: number;
  road: string;
  lengthM: number;
  /** Cover depth at each end to the pipe top (gravity pipes: ground minus invert minus size). */
  startDepthM?: number;
  endDepthM?: number;
}

export interface PipeNetworks {
  nodes: PipeNode[];
  segments: PipeSegment[];
}

export interface Draft {
  key: string;
  at: XY;
  road: string;
  junction: boolean;
  degree: number;
}
