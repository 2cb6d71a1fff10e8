import { describe, expect, it } from 'vitest';
import { BUILDING_USE_COLOURS, USUAL_PARCEL_CLASS } from '../../../layers/buildings.js';
import { landUseColour } from '../../../layers/landuse.js';

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function rgbDistance(a: string, b: string): number {
  const x = Number.parseInt(a.slice(1), 16);
  const y = Number.parseInt(b.slice(1), 16);
  return Math.hypot(((x >> 16) & 255) - ((y >> 16) & 255), ((x >> 8) & 255) - ((y >> 8) & 255), (x & 255) - (y & 255));
}

describe('building palette', () => {
  it('stands off the land-use colour of the parcel each use usually stands on', () => {
    // 住宅 on 0701 was yellow on yellow (#f4d35e on #ffff2d): the case of issue #17
    for (const [use, code] of Object.entries(USUAL_PARCEL_CLASS)) {
      const building = BUILDING_USE_COLOURS[use] ?? '';
      const parcel = landUseColour(code);
      expect(rgbDistance(building, parcel), `${use} on ${code}`).toBeGreaterThan(90);
      if (luminance(parcel) > 0.3) expect(contrast(building, parcel), `${use} on ${code}`).toBeGreaterThan(1.8);
    }
  });

  it('gives every use its own colour', () => {
    const colours = Object.values(BUILDING_USE_COLOURS);
    expect(new Set(colours).size).toBe(colours.length);
    for (const a of colours)
      for (const b of colours) if (a < b) expect(rgbDistance(a, b), `${a} ${b}`).toBeGreaterThan(20);
  });
});
