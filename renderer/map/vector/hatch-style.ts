/**
 * How hatched polygons (conflicts, suspects) are stroked so they read over any fill: each
 * hatch line and outline is drawn twice, a dark casing first and the category colour on top
 * (the way road casings read over any land cover). A red hatch over red 商业 land still shows
 * its black casing; a yellow one over yellow 住宅 too. Pure: no DOM.
 */

/** Black, so it contrasts with every 用地用海分类 colour but the darkest. */
export const HATCH_CASING = '#000000';
/** Outside the casing of an outline: shows the edge over the darkest fills too (0904, 1306…). */
export const HATCH_HALO = '#ffffff';

export interface StrokePass {
  colour: string;
  alpha: number;
  widthPx: number;
}

/** The strokes of one hatch line, bottom first. */
export function hatchLinePasses(colour: string): StrokePass[] {
  return [
    // The colour stays the wider part: a draped tile is filtered as the globe draws it, and a
    // thin colour line inside a wide casing then reads as dark grey, not as its severity.
    { colour: HATCH_CASING, alpha: 0.5, widthPx: 4.5 },
    { colour, alpha: 1, widthPx: 3 },
  ];
}

/** The strokes of a hatched polygon's outline, bottom first. */
export function hatchOutlinePasses(colour: string, strokeWidthPx: number): StrokePass[] {
  const width = Math.max(strokeWidthPx, 1.5);
  return [
    { colour: HATCH_HALO, alpha: 0.9, widthPx: width + 4 },
    { colour: HATCH_CASING, alpha: 1, widthPx: width + 2 },
    { colour, alpha: 1, widthPx: width },
  ];
}

/** Hatch stripes every this many pixels, at 45°: room between the two-pass lines. */
export const HATCH_SPACING_PX = 10;

/** Fill under the hatch: a wash of the category colour, light enough to see the land beneath. */
export const HATCH_FILL_ALPHA = 0.12;
