/**
 * Cross-section (横断面) along a drawn line: every pipe the line crosses, at its distance along
 * the line, with its top and bottom elevation there (interpolated along the pipe from its
 * ends), its size, the ground there and its cover. Sorted by distance, the chart draws it
 * left to right. Environment: common.
 */
import { crossing, chainage } from '../../pipes/geometry.js';
import { pipeSize, segmentElevation } from '../../pipes/elevation.js';
import type { SegmentRecord, XY } from '../../pipes/model.js';
import type { PipeNetwork } from '../../pipes/network.js';

interface SectionPipe {
  pipeId: string;
  system: string;
  /** Distance along the section line, metres. */
  offsetM: number;
  groundM: number;
  topM: number;
  bottomM: number;
  coverM: number;
  widthM: number;
  heightM: number;
  depthDefaulted: boolean;
  xy: XY;
}

export interface SectionResult {
  lengthM: number;
  pipes: SectionPipe[];
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function crossSection(net: PipeNetwork, line: readonly XY[]): SectionResult {
  const lc = chainage(line);
  const pipes: SectionPipe[] = [];
  net.segments.forEach((s: SegmentRecord, i) => {
    const sc = chainage(s.xy);
    for (let p = 1; p < line.length; p++) {
      const a = line[p - 1] as XY;
      const b = line[p] as XY;
      for (let q = 1; q < s.xy.length; q++) {
        const c = s.xy[q - 1] as XY;
        const d = s.xy[q] as XY;
        const x = crossing(a, b, c, d);
        if (!x) continue;
        const along = (sc[q - 1] ?? 0) + x.u * ((sc[q] ?? 0) - (sc[q - 1] ?? 0));
        const len = net.lengthM[i] ?? 0;
        const f = len > 0 ? along / len : 0;
        const e = segmentElevation(net, i);
        const size = pipeSize(s);
        const ground = e.groundStartM + (e.groundEndM - e.groundStartM) * f;
        const top = e.topStartM + (e.topEndM - e.topStartM) * f;
        pipes.push({
          pipeId: s.pipeId,
          system: s.system,
          offsetM: r3((lc[p - 1] ?? 0) + x.t * ((lc[p] ?? 0) - (lc[p - 1] ?? 0))),
          groundM: r3(ground),
          topM: r3(top),
          bottomM: r3(top - size.heightM),
          coverM: r3(ground - top),
          widthM: size.widthM,
          heightM: size.heightM,
          depthDefaulted: e.defaulted,
          xy: [a[0] + x.t * (b[0] - a[0]), a[1] + x.t * (b[1] - a[1])],
        });
      }
    }
  });
  pipes.sort((x, y) => x.offsetM - y.offsetM || x.pipeId.localeCompare(y.pipeId));
  return { lengthM: r3(lc[lc.length - 1] ?? 0), pipes };
}
