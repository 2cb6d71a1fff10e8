/**
 * From a lit mask to what a reviewer reads: the lit intervals in true solar time and Beijing
 * time, and the minutes that count. GB/T 50947-2014 leaves continuity to local rules, so both
 * are parameters, off by default, and the result says which were applied:
 * - minimum counted segment (最小连续日照时间): a lit interval shorter than it is listed but
 *   not counted;
 * - the sweep-angle rule (日照扫掠角) acts earlier, on the mask (cast.ts).
 * Environment: common.
 */
import { clockText } from '../sun/solar-time.js';
import type { SunTrack } from './track.js';

interface LitInterval {
  /** True solar time, `HH:MM:SS`. */
  startTrueSolar: string;
  endTrueSolar: string;
  /** Beijing time (UTC+8), `HH:MM:SS`. */
  startBeijing: string;
  endBeijing: string;
  minutes: number;
  /** False when the minimum counted segment rule dropped it. */
  counted: boolean;
}

export interface PointSunlight {
  /** Minutes that count toward the requirement. */
  sunlitMinutes: number;
  /** All lit minutes, counted or not. */
  litMinutes: number;
  intervals: LitInterval[];
}

export function intervalsOf(track: SunTrack, mask: Uint8Array, minSegmentMin: number | null): PointSunlight {
  const intervals: LitInterval[] = [];
  let sunlitMinutes = 0;
  let litMinutes = 0;
  const step = track.stepMin;
  const offset = track.conversion.offsetMin;
  for (let k = 0; k < track.count;) {
    if (!mask[k]) {
      k++;
      continue;
    }
    let j = k;
    while (j < track.count && mask[j]) j++;
    const startTst = track.startMin + k * step;
    const endTst = track.startMin + j * step;
    const minutes = (j - k) * step;
    const counted = minSegmentMin === null || minutes >= minSegmentMin;
    intervals.push({
      startTrueSolar: clockText(startTst, true),
      endTrueSolar: clockText(endTst, true),
      startBeijing: clockText(startTst - offset, true),
      endBeijing: clockText(endTst - offset, true),
      minutes,
      counted,
    });
    litMinutes += minutes;
    if (counted) sunlitMinutes += minutes;
    k = j;
  }
  return { sunlitMinutes, litMinutes, intervals };
}
