/** Reads and builds the network a pipes job works on (before its transaction). Environment: node. */
import type { Db } from '../../store/connection.js';
import { toLonLat } from '../obstacles/frame.js';
import { buildNetwork, DEFAULT_SNAP_TOLERANCE_M, type PipeNetwork } from '../../pipes/network.js';
import type { XY } from '../../pipes/model.js';
import { readNetwork, type ReadNetwork } from './read-network.js';

export interface LoadedNetwork {
  net: PipeNetwork;
  read: ReadNetwork;
  lonLat: (xy: XY) => [number, number];
  lineLonLat: (i: number) => [number, number][];
  pointLonLat: (n: number) => [number, number];
}

export function loadNetwork(
  db: Db,
  p: { segments: string; nodes: string; snapToleranceM?: number | undefined; map?: Record<string, string> | undefined },
): LoadedNetwork {
  const read = readNetwork(db, p.segments, p.nodes, p.map ?? {});
  const net = buildNetwork(read.nodes, read.segments, p.snapToleranceM ?? DEFAULT_SNAP_TOLERANCE_M);
  const lonLat = (xy: XY): [number, number] => toLonLat(read.frame, xy[0], xy[1]);
  return {
    net,
    read,
    lonLat,
    lineLonLat: (i) => (net.segments[i]?.xy ?? []).map(lonLat),
    pointLonLat: (n) => lonLat(net.nodes[n]?.xy ?? [0, 0]),
  };
}

/** `FIELD=COLUMN,…` (the import mapping's form) into a record. */
export function parseFieldMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k && v) out[k] = v;
  }
  return out;
}
