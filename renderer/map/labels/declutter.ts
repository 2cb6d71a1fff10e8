/**
 * Screen-space label collision (issue #17, item 4): which label candidates to show so that
 * no two overlap, higher priorities first (place names over road names over parcel codes over
 * building numbers), larger features first within a priority. A uniform grid of cells holds
 * the boxes already placed, so each candidate is tested only against its neighbours (the
 * "collision grid" of Mapbox GL's symbol placement). Pure: CSS pixels in, keys out.
 */

export interface LabelCandidate {
  /** Unique among the candidates (layer and feature id). */
  key: string;
  text: string;
  /** Centre of the label on screen, CSS pixels from the canvas's top-left. */
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
  /** Within a priority, larger first (a feature's area or length on screen). */
  weight: number;
  /** The same text closer than this to a placed one is left out (0: no such rule). */
  repeatPx: number;
}

export interface PlacedLabel {
  key: string;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface DeclutterOptions {
  viewportWidth: number;
  viewportHeight: number;
  /** Placed labels stand at least twice this apart, CSS pixels. */
  paddingPx: number;
  /** Side of a grid cell, CSS pixels. */
  cellPx?: number;
}

const DEFAULT_CELL_PX = 64;

/** The order in which candidates claim their place: priority, then weight, then key. */
export function placementOrder(a: LabelCandidate, b: LabelCandidate): number {
  return b.priority - a.priority || b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * The candidates that fit, in placement order: each wholly on screen, none overlapping
 * another (with the padding), and no text repeated within its `repeatPx`.
 */
export function declutter(candidates: readonly LabelCandidate[], options: DeclutterOptions): PlacedLabel[] {
  const { viewportWidth, viewportHeight, paddingPx } = options;
  const cell = options.cellPx ?? DEFAULT_CELL_PX;
  const cols = Math.max(1, Math.ceil(viewportWidth / cell));
  const rows = Math.max(1, Math.ceil(viewportHeight / cell));
  const grid: PlacedLabel[][] = Array.from({ length: cols * rows }, () => []);
  const byText = new Map<string, { x: number; y: number }[]>();
  const placed: PlacedLabel[] = [];
  for (const c of [...candidates].sort(placementOrder)) {
    if (c.text === '' || !Number.isFinite(c.x) || !Number.isFinite(c.y)) continue;
    const box: PlacedLabel = {
      key: c.key,
      text: c.text,
      left: c.x - c.width / 2,
      top: c.y - c.height / 2,
      right: c.x + c.width / 2,
      bottom: c.y + c.height / 2,
    };
    if (box.left < 0 || box.top < 0 || box.right > viewportWidth || box.bottom > viewportHeight) continue;
    const padded: PlacedLabel = {
      ...box,
      left: box.left - paddingPx,
      top: box.top - paddingPx,
      right: box.right + paddingPx,
      bottom: box.bottom + paddingPx,
    };
    const seen = byText.get(c.text);
    if (c.repeatPx > 0 && seen?.some((p) => Math.hypot(p.x - c.x, p.y - c.y) < c.repeatPx)) continue;
    const c0 = Math.max(0, Math.floor(padded.left / cell));
    const c1 = Math.min(cols - 1, Math.floor(padded.right / cell));
    const r0 = Math.max(0, Math.floor(padded.top / cell));
    const r1 = Math.min(rows - 1, Math.floor(padded.bottom / cell));
    let free = true;
    for (let r = r0; r <= r1 && free; r++) {
      for (let col = c0; col <= c1 && free; col++) {
        if ((grid[r * cols + col] ?? []).some((other) => overlaps(padded, other))) free = false;
      }
    }
    if (!free) continue;
    // padded boxes against padded boxes: two placed labels stand at least twice the padding apart
    for (let r = r0; r <= r1; r++) for (let col = c0; col <= c1; col++) grid[r * cols + col]?.push(padded);
    if (seen) seen.push({ x: c.x, y: c.y });
    else byText.set(c.text, [{ x: c.x, y: c.y }]);
    placed.push(box);
  }
  return placed;
}
