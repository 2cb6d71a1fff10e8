/**
 * An RGB pixel canvas over local metres for painting the orthophoto: polygon fills with a
 * per-pixel shader, disks (tree crowns), and cheap seeded noise (per-pixel grain and a
 * smooth low-frequency field) so surfaces look like photographed ground, not flat colour.
 */
import type { XY } from '../geo/frame.js';
import { hashInts } from '../rng.js';
import { scanPolygon, type PixelGrid } from './fill.js';

export type RGB = readonly [number, number, number];

export class Canvas implements PixelGrid {
  readonly data: Uint8Array;
  private readonly lattice: Float32Array;
  private readonly latticeW: number;
  static readonly LATTICE_PX = 24;

  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly originX: number,
    readonly originY: number,
    readonly cellM: number,
    private readonly seed: number,
  ) {
    this.data = new Uint8Array(widthPx * heightPx * 3);
    this.latticeW = Math.ceil(widthPx / Canvas.LATTICE_PX) + 2;
    const lh = Math.ceil(heightPx / Canvas.LATTICE_PX) + 2;
    this.lattice = new Float32Array(this.latticeW * lh);
    for (let j = 0; j < lh; j++)
      for (let i = 0; i < this.latticeW; i++)
        this.lattice[j * this.latticeW + i] = hashInts(seed, 7, i, j) / 2147483648 - 1;
  }

  /** Per-pixel grain in [-1, 1]. */
  grain(col: number, row: number): number {
    return hashInts(this.seed, 11, col, row) / 2147483648 - 1;
  }

  /** Smooth noise in [-1, 1] varying over about 24 pixels. */
  smooth(col: number, row: number): number {
    const fx = col / Canvas.LATTICE_PX;
    const fy = row / Canvas.LATTICE_PX;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    const tx = fx - i;
    const ty = fy - j;
    const w = this.latticeW;
    const l = this.lattice;
    const a = (l[j * w + i] as number) + ((l[j * w + i + 1] as number) - (l[j * w + i] as number)) * tx;
    const b =
      (l[(j + 1) * w + i] as number) + ((l[(j + 1) * w + i + 1] as number) - (l[(j + 1) * w + i] as number)) * tx;
    return a + (b - a) * ty;
  }

  set(i: number, r: number, g: number, b: number): void {
    const o = i * 3;
    this.data[o] = r < 0 ? 0 : r > 255 ? 255 : r;
    this.data[o + 1] = g < 0 ? 0 : g > 255 ? 255 : g;
    this.data[o + 2] = b < 0 ? 0 : b > 255 ? 255 : b;
  }

  /** Base colour with smooth variation and grain, both in colour units. */
  tone(i: number, col: number, row: number, c: RGB, smoothAmp: number, grainAmp: number): void {
    const s = this.smooth(col, row) * smoothAmp + this.grain(col, row) * grainAmp;
    this.set(i, c[0] + s, c[1] + s, c[2] + s * 0.8);
  }

  scale(i: number, f: number): void {
    const o = i * 3;
    this.data[o] = (this.data[o] as number) * f;
    this.data[o + 1] = (this.data[o + 1] as number) * f;
    this.data[o + 2] = (this.data[o + 2] as number) * f;
  }

  /** Calls `shade(pixelIndex, col, row)` for each pixel of the rings (even-odd). */
  fill(rings: readonly (readonly XY[])[], shade: (i: number, col: number, row: number) => void): void {
    scanPolygon(this, rings, (row, x0, x1) => {
      const base = row * this.widthPx;
      for (let col = x0; col < x1; col++) shade(base + col, col, row);
    });
  }

  /** Calls `shade(i, col, row, t)` inside a disk, t = distance / radius in [0, 1). */
  disk(centre: XY, radiusM: number, shade: (i: number, col: number, row: number, t: number) => void): void {
    const cx = (centre[0] - this.originX) / this.cellM;
    const cy = (this.originY - centre[1]) / this.cellM;
    const r = radiusM / this.cellM;
    const c0 = Math.max(0, Math.floor(cx - r));
    const c1 = Math.min(this.widthPx - 1, Math.ceil(cx + r));
    const r0 = Math.max(0, Math.floor(cy - r));
    const r1 = Math.min(this.heightPx - 1, Math.ceil(cy + r));
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const d = Math.hypot(col + 0.5 - cx, row + 0.5 - cy) / r;
        if (d < 1) shade(row * this.widthPx + col, col, row, d);
      }
    }
  }
}

/** Convex hull (monotone chain) of a point set, counter-clockwise. */
export function convexHull(points: readonly XY[]): XY[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: XY, a: XY, b: XY): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as XY, lower[lower.length - 1] as XY, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (const p of [...pts].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2] as XY, upper[upper.length - 1] as XY, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
