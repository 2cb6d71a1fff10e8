/**
 * Draws a vector layer's features into one 256 x 256 image tile of the geographic tiling
 * scheme: polygons filled (even-odd, so holes stay open) or hatched, then their outlines,
 * lines, and points on top. Colours come from the layer's style and its resolved thematic
 * style, the same resolution the legend shows. Canvas 2D only; no Cesium.
 */
import { featureSymbol, type TileSymbology } from './feature-symbol.js';
import { featuresIn, type Extent, type VectorIndex } from './features.js';
import { HATCH_FILL_ALPHA, HATCH_SPACING_PX, hatchLinePasses, hatchOutlinePasses } from './hatch-style.js';

export type { TileSymbology } from './feature-symbol.js';

function rgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${String((n >> 16) & 255)},${String((n >> 8) & 255)},${String(n & 255)},${alpha.toFixed(3)})`;
}

function hatchPattern(ctx: CanvasRenderingContext2D, colour: string): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = HATCH_SPACING_PX;
  tile.height = HATCH_SPACING_PX;
  const c = tile.getContext('2d');
  if (!c) return rgba(colour, 0.5);
  const n = HATCH_SPACING_PX;
  for (const pass of hatchLinePasses(colour)) {
    c.strokeStyle = rgba(pass.colour, pass.alpha);
    c.lineWidth = pass.widthPx;
    c.beginPath();
    // one diagonal and its two corner pieces, so the stripes join across pattern cells
    c.moveTo(0, n);
    c.lineTo(n, 0);
    c.moveTo(-2, 2);
    c.lineTo(2, -2);
    c.moveTo(n - 2, n + 2);
    c.lineTo(n + 2, n - 2);
    c.stroke();
  }
  return ctx.createPattern(tile, 'repeat') ?? rgba(colour, 0.5);
}

export function paintTile(
  canvas: HTMLCanvasElement,
  layer: VectorIndex,
  rect: Extent,
  symbology: TileSymbology,
): boolean {
  const size = canvas.width;
  const [west, south, east, north] = rect;
  const sx = size / (east - west);
  const sy = size / (north - south);
  const { style } = symbology;
  // a stroke or a point reaches a few pixels beyond its feature's extent
  const marginPx = Math.max(style.strokeWidthPx, style.pointSizePx) + 1;
  const features = featuresIn(layer, [
    west - marginPx / sx,
    south - marginPx / sy,
    east + marginPx / sx,
    north + marginPx / sy,
  ]);
  if (features.length === 0) return false;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const path = (xy: readonly number[], close: boolean): void => {
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const x = ((xy[i] ?? 0) - west) * sx;
      const y = (north - (xy[i + 1] ?? 0)) * sy;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    if (close) ctx.closePath();
  };
  const hatched = symbology.thematic !== null && style.thematic?.hatch === true;
  const patterns = new Map<string, CanvasPattern | string>();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const f of features) {
    if (f.polygons.length === 0) continue;
    const symbol = featureSymbol(symbology, f);
    if (!symbol) continue;
    const colour = symbol.colour;
    ctx.beginPath();
    for (const ring of f.polygons) path(ring, true);
    ctx.fillStyle = rgba(colour, hatched ? Math.min(symbol.opacity, HATCH_FILL_ALPHA) : symbol.opacity);
    ctx.fill('evenodd');
    if (hatched) {
      let pattern = patterns.get(colour);
      if (!pattern) patterns.set(colour, (pattern = hatchPattern(ctx, colour)));
      ctx.fillStyle = pattern;
      ctx.fill('evenodd');
    }
    if (hatched) {
      for (const pass of hatchOutlinePasses(colour, style.strokeWidthPx)) {
        ctx.strokeStyle = rgba(pass.colour, pass.alpha);
        ctx.lineWidth = pass.widthPx;
        ctx.stroke();
      }
    } else if (symbol.outlineWidthPx > 0) {
      ctx.strokeStyle = rgba(symbol.outlineColour, 1);
      ctx.lineWidth = symbol.outlineWidthPx;
      ctx.stroke();
    }
  }
  for (const f of features) {
    if (f.lines.length === 0) continue;
    const symbol = featureSymbol(symbology, f);
    if (!symbol) continue;
    ctx.beginPath();
    for (const line of f.lines) path(line, false);
    // a line draws in its class's colour; without classes, in the layer's outline colour
    ctx.strokeStyle = rgba(symbology.thematic ? symbol.colour : style.strokeColor, 1);
    ctx.lineWidth = Math.max(symbology.thematic ? symbol.outlineWidthPx : style.strokeWidthPx, 1);
    ctx.stroke();
  }
  const radius = style.pointSizePx / 2;
  for (const f of features) {
    if (f.points.length === 0) continue;
    const symbol = featureSymbol(symbology, f);
    if (!symbol) continue;
    ctx.fillStyle = rgba(symbol.colour, 1);
    ctx.strokeStyle = rgba(symbol.outlineColour, 1);
    ctx.lineWidth = 1;
    for (let i = 0; i + 1 < f.points.length; i += 2) {
      ctx.beginPath();
      ctx.arc(((f.points[i] ?? 0) - west) * sx, (north - (f.points[i + 1] ?? 0)) * sy, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
  return true;
}
