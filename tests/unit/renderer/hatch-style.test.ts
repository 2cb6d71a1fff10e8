import { describe, expect, it } from 'vitest';
import { landUseClasses } from '../../../layers/landuse.js';
import { SEVERITY_COLOURS } from '../../../layers/plan-rules.js';
import {
  HATCH_CASING,
  HATCH_HALO,
  hatchLinePasses,
  hatchOutlinePasses,
} from '../../../renderer/map/vector/hatch-style.js';

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

function hue(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return Number.NaN;
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h * 60;
}

/** Luminance contrast 3:1 (WCAG non-text), or a clear hue difference when both are coloured. */
function reads(stroke: string, fill: string): boolean {
  if (contrast(stroke, fill) >= 3) return true;
  const dh = Math.abs(hue(stroke) - hue(fill));
  return Math.min(dh, 360 - dh) >= 60;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('conflict hatching over land-use fills', () => {
  it('every outline, and every hatch line but over the darkest fills, has a pass that reads over the land-use fill beneath', () => {
    // red high-severity hatching over red 0901 商业 was the case of issue #17
    for (const severity of Object.values(SEVERITY_COLOURS))
      for (const cls of landUseClasses()) {
        expect(
          hatchOutlinePasses(severity, 2).some((p) => reads(p.colour, cls.colour)),
          `outline ${severity} over ${cls.code}`,
        ).toBe(true);
        // the darkest fills of the severity's own hue rely on the outline's white halo
        if (luminance(cls.colour) < 0.1) continue;
        expect(
          hatchLinePasses(severity).some((p) => reads(p.colour, cls.colour)),
          `hatch ${severity} over ${cls.code}`,
        ).toBe(true);
      }
  });

  it('draws the dark casing first and wider, the category colour on top', () => {
    const [halo, casing, top] = hatchOutlinePasses('#e60000', 2);
    expect(halo?.colour).toBe(HATCH_HALO);
    expect(casing?.colour).toBe(HATCH_CASING);
    expect(top?.colour).toBe('#e60000');
    expect(casing?.widthPx).toBeGreaterThan(top?.widthPx ?? 0);
  });
});
