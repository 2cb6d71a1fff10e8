import { describe, expect, it } from 'vitest';
import {
  clampLegendOffset,
  legendMaxHeightPx,
  legendStartsCollapsed,
} from '../../../renderer/panels/legend/legend-layout.js';

describe('legend layout (issue #17 item 16)', () => {
  it('starts folded on the map a 1024x768 projector leaves, open on a 1440x900 one', () => {
    // 1024x768 with both side panels open: 1024 - 270 - 300 = 454 px wide
    expect(legendStartsCollapsed({ width: 454, height: 680 })).toBe(true);
    // both panels folded at 1024x768: wide enough, but 768 - menu - status bar is short
    expect(legendStartsCollapsed({ width: 980, height: 600 })).toBe(true);
    // 1440x900 with both panels open: 870 x 812
    expect(legendStartsCollapsed({ width: 870, height: 812 })).toBe(false);
  });

  it('caps the open legend at a share of the map height', () => {
    expect(legendMaxHeightPx({ width: 454, height: 680 })).toBe(306); // 45% of a small map
    expect(legendMaxHeightPx({ width: 870, height: 812 })).toBe(487); // 60% of 812 = 487.2
    expect(legendMaxHeightPx({ width: 900, height: 10 })).toBe(0); // no room at all
  });

  it('keeps a dragged box inside the map with an 8 px margin', () => {
    const map = { width: 800, height: 600 };
    // laid out at the bottom-left: left 8, top 400, 200x172 (bottom edge 572)
    const box = { left: 8, top: 400, width: 200, height: 172 };
    expect(clampLegendOffset({ x: 30, y: -50 }, box, map)).toEqual({ x: 30, y: -50 });
    // dragged 100 px down: the bottom may reach 600 - 8 = 592, so y stops at 20
    expect(clampLegendOffset({ x: 0, y: 100 }, box, map)).toEqual({ x: 0, y: 20 });
    // dragged far left and up: the top-left corner stops at (8, 8)
    expect(clampLegendOffset({ x: -500, y: -900 }, box, map)).toEqual({ x: 0, y: -392 });
    // dragged far right: the right edge stops at 792, left = 592, x = 584
    expect(clampLegendOffset({ x: 2000, y: 0 }, box, map)).toEqual({ x: 584, y: 0 });
  });

  it('keeps the top-left corner in when the box is larger than the map', () => {
    const box = { left: 8, top: 20, width: 300, height: 500 };
    expect(clampLegendOffset({ x: 50, y: 50 }, box, { width: 200, height: 300 })).toEqual({ x: 0, y: -12 });
  });
});
