/**
 * Where the legend box may sit on the globe, and how big it may be (issue #17, item 16).
 * The legend floats over the map, so every pixel it covers is a pixel a click cannot reach
 * the globe through: on a small map it starts folded to its title bar, it never grows past
 * a share of the map, and a drag cannot push it out of the map (nor cut off its bottom).
 * Pure: sizes in CSS pixels in, sizes out.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Offset {
  x: number;
  y: number;
}

/** A box on the map, CSS pixels from the map's top-left corner. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Below this map size the legend starts folded: a 1024×768 projector with both side panels
 * open leaves about 454×680 px of map, and an open legend there covered the parcels people
 * click on (a measurement vertex landed on it).
 */
export const SMALL_MAP: Size = { width: 720, height: 620 };

/** Kept clear of the map's edges (the credits line runs along the bottom). */
export const EDGE_MARGIN_PX = 8;

export function legendStartsCollapsed(map: Size): boolean {
  return map.width < SMALL_MAP.width || map.height < SMALL_MAP.height;
}

/**
 * The tallest the open legend may be: at most 45% of a small map's height, 60% of a large
 * one's, and never taller than the map minus its margins (its list scrolls inside).
 */
export function legendMaxHeightPx(map: Size): number {
  const share = legendStartsCollapsed(map) ? 0.45 : 0.6;
  return Math.max(0, Math.min(Math.round(map.height * share), map.height - 2 * EDGE_MARGIN_PX));
}

/**
 * The drag offset that keeps a box wholly inside the map (with the edge margin): the box
 * was laid out at `box` with no offset, and the user dragged it by `offset`. A box larger
 * than the map keeps its top-left corner in.
 */
export function clampLegendOffset(offset: Offset, box: Box, map: Size): Offset {
  const clampAxis = (delta: number, start: number, length: number, room: number): number => {
    const min = EDGE_MARGIN_PX - start;
    const max = Math.max(min, room - EDGE_MARGIN_PX - length - start);
    return Math.min(Math.max(delta, min), max);
  };
  return {
    x: clampAxis(offset.x, box.left, box.width, map.width),
    y: clampAxis(offset.y, box.top, box.height, map.height),
  };
}
