import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { landUseClass, landUseClasses, landUseColour, siblingTone } from '../../../layers/landuse.js';

const appendixB = JSON.parse(
  readFileSync(new URL('../../fixtures/landuse/appendix-b.json', import.meta.url), 'utf8'),
) as { colours: Record<string, string> };

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hue(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h * 60;
}

describe('land-use colours (用地用海分类指南 2023, 附录B)', () => {
  it('uses 附录B values wherever the appendix gives one', () => {
    for (const [code, colour] of Object.entries(appendixB.colours)) {
      expect(landUseClass(code)?.code, code).toBe(code);
      expect(landUseClass(code)?.colour, code).toBe(colour);
      expect(landUseClass(code)?.source, code).toBe('B');
    }
  });

  it('gives every second-level class of the 2023 guide (land classes) a colour', () => {
    const second = landUseClasses().filter((c) => c.code.length === 4);
    expect(second).toHaveLength(89);
    for (const c of second) expect(c.colour, c.code).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('tells siblings apart: 0901 from 0902, 0701 from 0702, and every other pair', () => {
    expect(landUseColour('0901')).not.toBe(landUseColour('0902'));
    expect(landUseColour('0701')).not.toBe(landUseColour('0702'));
    const second = landUseClasses().filter((c) => c.code.length === 4);
    for (const a of second)
      for (const b of second) {
        if (a.code >= b.code || a.code.slice(0, 2) !== b.code.slice(0, 2)) continue;
        const [ra, ga, ba] = rgb(a.colour);
        const [rb, gb, bb] = rgb(b.colour);
        const distance = Math.hypot(ra - rb, ga - gb, ba - bb);
        expect(distance, `${a.code} vs ${b.code}`).toBeGreaterThan(8);
      }
  });

  it('keeps a tone in its first-level family (same hue, lightness within 0.28)', () => {
    for (const c of landUseClasses()) {
      if (c.source !== 'tone') continue;
      const parent = landUseClass(c.code.slice(0, 2));
      if (!parent || parent.colour === '#ffffff' || /^#(..)\1\1$/.test(parent.colour)) continue;
      const dh = Math.abs(hue(c.colour) - hue(parent.colour));
      expect(Math.min(dh, 360 - dh), c.code).toBeLessThan(3);
    }
  });

  it('tones: the first child keeps the parent colour; the next is darker, then lighter', () => {
    expect(siblingTone('#ff0000', 0, 4)).toBe('#ff0000');
    const darker = rgb(siblingTone('#ff0000', 1, 4));
    const lighter = rgb(siblingTone('#ff0000', 2, 4));
    expect(darker[0]).toBeLessThan(255);
    expect(lighter[1]).toBeGreaterThan(0);
  });

  it('third-level codes fall back to their second-level class', () => {
    expect(landUseColour('090101')).toBe(landUseColour('0901'));
    expect(landUseColour('070102')).toBe('#ffff2d');
  });
});
