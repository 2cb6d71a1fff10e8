/**
 * Sizes and elevations of a segment: how big its section is and where its top lies at each
 * end. The depth reference follows the data: cover to the top (埋深) for pressure and cable
 * systems, invert (管底) for gravity systems (CJJ 61-2017 §4.2: 压力管道和电缆量测管顶或
 * 管块顶, 自流管道量测管底). A segment with neither gets the default cover of
 * layers/pipelines.ts and is flagged `defaulted`; so is a depth-referenced segment whose end
 * nodes give no ground elevation (its top is then taken from a ground at 0 m). Environment: common.
 */
import { DEFAULT_COVER_M, pipeSystem } from '../../layers/pipelines.js';
import type { NodeRecord, SegmentRecord } from './model.js';
import type { PipeNetwork } from './network.js';

export interface PipeSize {
  widthM: number;
  heightM: number;
}

/** Diameter, or width × height; unknown sizes count as 0 (a line) rather than a guess. */
export function pipeSize(s: SegmentRecord): PipeSize {
  if (s.widthMm !== null && s.heightMm !== null) return { widthM: s.widthMm / 1000, heightM: s.heightMm / 1000 };
  const d = (s.diameterMm ?? 0) / 1000;
  return { widthM: d, heightM: d };
}

/**
 * Parses a section text: `1400×1200` (width × height, mm) or a duct bank `12孔Φ110` (holes of
 * 110 mm laid in a near-square block, 50 mm between bores as GB 50217-2018 §5.2 duct banks).
 */
export function parseSection(text: string | null): { widthMm: number; heightMm: number } | null {
  if (!text) return null;
  const box = /^\s*(\d+(?:\.\d+)?)\s*[×xX*]\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (box) return { widthMm: Number(box[1]), heightMm: Number(box[2]) };
  const bank = /(\d+)\s*孔\s*[Φφ]?\s*(\d+(?:\.\d+)?)/.exec(text);
  if (bank) {
    const holes = Number(bank[1]);
    const bore = Number(bank[2]) + 50;
    const cols = Math.ceil(Math.sqrt(holes));
    return { widthMm: cols * bore, heightMm: Math.ceil(holes / cols) * bore };
  }
  return null;
}

export interface SegmentElevation {
  groundStartM: number;
  groundEndM: number;
  topStartM: number;
  topEndM: number;
  /** No depth or invert in the data: the default cover was used. */
  defaulted: boolean;
}

function nodeAt(net: PipeNetwork, n: number): NodeRecord | null {
  return n >= 0 ? (net.nodes[n] ?? null) : null;
}

export function segmentElevation(net: PipeNetwork, i: number): SegmentElevation {
  const s = net.segments[i] as SegmentRecord;
  const a = nodeAt(net, net.segFrom[i] ?? -1);
  const b = nodeAt(net, net.segTo[i] ?? -1);
  const groundStartM = a?.groundM ?? b?.groundM ?? 0;
  const groundEndM = b?.groundM ?? a?.groundM ?? 0;
  const { heightM } = pipeSize(s);
  const gravity = pipeSystem(s.system)?.gravity ?? false;
  if (gravity && s.invStartM !== null && s.invEndM !== null) {
    return {
      groundStartM,
      groundEndM,
      topStartM: s.invStartM + heightM,
      topEndM: s.invEndM + heightM,
      defaulted: false,
    };
  }
  const cover = DEFAULT_COVER_M[s.system];
  const startDepth = s.startDepthM ?? (gravity ? null : a?.depthM) ?? null;
  const endDepth = s.endDepthM ?? (gravity ? null : b?.depthM) ?? startDepth;
  const d0 = startDepth ?? endDepth;
  return {
    groundStartM,
    groundEndM,
    topStartM: groundStartM - (d0 ?? cover),
    topEndM: groundEndM - (endDepth ?? cover),
    defaulted: d0 === null || (a?.groundM ?? b?.groundM ?? null) === null,
  };
}
