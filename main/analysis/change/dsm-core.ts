/**
 * The raster method's core (DSM difference, 数字表面模型差值): two DSMs on one grid, read a row
 * at a time, give the height gain B − A; cells gaining at least `minGainM` are cleaned by a
 * morphological opening (3 × 3 erosion then dilation: removes specks, lines and fringes
 * narrower than three cells; what holds a 3 × 3 square survives, 1.5 m on a 0.5 m DSM) and joined into 8-connected components with their cell
 * count, mean and max gain, bounding box and runs (row, first column, last column). Memory is
 * five rows of each input plus the components found, whatever the raster's height.
 *
 * Rules, as stated to the user:
 * - A cell counts only where both DSMs have data: the nodata value, NaN and ±Infinity on
 *   either side make it no change (never a 10,000 m gain against a −9999 fill).
 * - The opening treats cells outside the raster (and without data) as not changed, so a
 *   change cut by the raster's edge or by nodata is eroded from that side too.
 * - Components smaller than `minCells` cells are dropped.
 * Resampling two DSMs onto one grid is the caller's (the before DSM's grid, nearest cell).
 * The rows arrive in order through `DsmDiffStream.push` (the runner reads them by windows,
 * asynchronously); `dsmChanges` is the same over a synchronous row source.
 * Environment: common.
 */

export interface DsmRows {
  width: number;
  height: number;
  nodata: number | null;
  /** Row `y` (0 = top) as `width` values. */
  row(y: number): Float32Array | Float64Array;
}

export interface DsmDiffOptions {
  minGainM: number;
  minCells: number;
}

export interface DsmComponent {
  cells: number;
  meanGainM: number;
  maxGainM: number;
  /** [minCol, minRow, maxCol, maxRow], inclusive. */
  box: [number, number, number, number];
  /** Runs of changed cells: row, first column, last column (inclusive). */
  runs: [number, number, number][];
  /** Mean of the earlier DSM over the component's cells, metres. */
  meanBeforeM: number;
}

interface Open {
  cells: number;
  sum: number;
  sumBefore: number;
  max: number;
  box: [number, number, number, number];
  runs: [number, number, number][];
  parent: number;
}

function valid(v: number | undefined, nodata: number | null): v is number {
  return v !== undefined && Number.isFinite(v) && (nodata === null || v !== nodata);
}

type Row = ArrayLike<number>;

/** One row of gains (NaN where either side has no data) and its changed-cell mask. */
function diffRow(
  w: number,
  ra: Row,
  rb: Row,
  nodataA: number | null,
  nodataB: number | null,
  minGainM: number,
): { gain: Float32Array; mask: Uint8Array } {
  const gain = new Float32Array(w);
  const mask = new Uint8Array(w);
  for (let x = 0; x < w; x++) {
    const va = ra[x];
    const vb = rb[x];
    if (!valid(va, nodataA) || !valid(vb, nodataB)) {
      gain[x] = Number.NaN;
      continue;
    }
    const g = vb - va;
    gain[x] = g;
    if (g >= minGainM) mask[x] = 1;
  }
  return { gain, mask };
}

/**
 * 3 × 3 erosion (or dilation) of the middle of three rows; rows outside are `undefined` (all
 * 0). Separable: the three rows are combined column-wise, then three columns row-wise.
 */
function morph(rows: readonly (Uint8Array | undefined)[], w: number, erode: boolean): Uint8Array {
  const out = new Uint8Array(w);
  const [r0, r1, r2] = rows;
  if (erode && (!r0 || !r1 || !r2)) return out;
  const col = new Uint8Array(w);
  if (erode) {
    for (let x = 0; x < w; x++) col[x] = (r0?.[x] ?? 0) & (r1?.[x] ?? 0) & (r2?.[x] ?? 0);
    for (let x = 1; x < w - 1; x++) out[x] = (col[x - 1] ?? 0) & (col[x] ?? 0) & (col[x + 1] ?? 0);
  } else {
    for (let x = 0; x < w; x++) col[x] = (r0?.[x] ?? 0) | (r1?.[x] ?? 0) | (r2?.[x] ?? 0);
    for (let x = 0; x < w; x++)
      out[x] = (x > 0 ? (col[x - 1] ?? 0) : 0) | (col[x] ?? 0) | (x < w - 1 ? (col[x + 1] ?? 0) : 0);
  }
  return out;
}

/**
 * The difference, opening and labelling of two DSMs fed one row at a time, top row first.
 * Row y is labelled once row y + 2 has arrived (the opening needs two rows below it), so
 * at most five rows of gains are held.
 */
export class DsmDiffStream {
  private readonly masks = new Map<number, Uint8Array>();
  private readonly gains = new Map<number, Float32Array>();
  private readonly befores = new Map<number, Row>();
  private readonly eroded = new Map<number, Uint8Array>();
  private readonly comps: Open[] = [];
  private prevLabels: Int32Array;
  private fed = 0;
  private next = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly nodata: { a: number | null; b: number | null },
    private readonly o: DsmDiffOptions,
  ) {
    this.prevLabels = new Int32Array(width).fill(-1);
  }

  /** Row `fed` of both DSMs (`width` values each). */
  push(ra: Row, rb: Row): void {
    const y = this.fed++;
    const r = diffRow(this.width, ra, rb, this.nodata.a, this.nodata.b, this.o.minGainM);
    this.masks.set(y, r.mask);
    this.gains.set(y, r.gain);
    this.befores.set(y, ra);
    while (this.next < this.height && this.next + 2 < this.fed) this.label(this.next++);
  }

  /** The components, once every row was pushed. */
  finish(): DsmComponent[] {
    if (this.fed !== this.height) throw new Error(`DSM rows: ${String(this.fed)} of ${String(this.height)} pushed`);
    while (this.next < this.height) this.label(this.next++);
    return this.comps
      .filter((c, i) => c.parent === i && c.cells >= this.o.minCells)
      .map((c) => ({
        cells: c.cells,
        meanGainM: c.sum / c.cells,
        maxGainM: c.max,
        box: c.box,
        runs: c.runs.sort((p, q) => p[0] - q[0] || p[1] - q[1]),
        meanBeforeM: c.sumBefore / c.cells,
      }));
  }

  private erodedAt(y: number): Uint8Array | undefined {
    if (y < 0 || y >= this.height) return undefined;
    let e = this.eroded.get(y);
    if (!e) {
      e = morph([this.masks.get(y - 1), this.masks.get(y), this.masks.get(y + 1)], this.width, true);
      this.eroded.set(y, e);
    }
    return e;
  }

  private root(i: number): number {
    let r = i;
    while (this.comps[r]?.parent !== r) r = this.comps[r]?.parent ?? r;
    return r;
  }

  private union(i: number, j: number): number {
    const ri = this.root(i);
    const rj = this.root(j);
    if (ri === rj) return ri;
    const [keep, drop] = ri < rj ? [ri, rj] : [rj, ri];
    const k = this.comps[keep];
    const d = this.comps[drop];
    if (k && d) {
      k.cells += d.cells;
      k.sum += d.sum;
      k.sumBefore += d.sumBefore;
      k.max = Math.max(k.max, d.max);
      k.box = [
        Math.min(k.box[0], d.box[0]),
        Math.min(k.box[1], d.box[1]),
        Math.max(k.box[2], d.box[2]),
        Math.max(k.box[3], d.box[3]),
      ];
      for (const r of d.runs) k.runs.push(r);
      d.runs = [];
      d.parent = keep;
    }
    return keep;
  }

  private label(y: number): void {
    const w = this.width;
    const comps = this.comps;
    const opened = morph([this.erodedAt(y - 1), this.erodedAt(y), this.erodedAt(y + 1)], w, false);
    const gain = this.gains.get(y);
    const before = this.befores.get(y);
    const labels = new Int32Array(w).fill(-1);
    const prev = this.prevLabels;
    for (let x = 0; x < w; x++) {
      const g = gain?.[x] ?? Number.NaN;
      // an opening never adds cells; the gain test also keeps NaN (no data) out
      if (!opened[x] || !(g >= this.o.minGainM)) continue;
      const left = x > 0 ? (labels[x - 1] ?? -1) : -1;
      let label = left;
      for (let dx = -1; dx <= 1; dx++) {
        const up = x + dx >= 0 && x + dx < w ? (prev[x + dx] ?? -1) : -1;
        if (up < 0) continue;
        label = label < 0 ? this.root(up) : this.union(label, up);
      }
      if (label < 0) {
        label = comps.length;
        comps.push({ cells: 0, sum: 0, sumBefore: 0, max: -Infinity, box: [x, y, x, y], runs: [], parent: label });
      }
      label = this.root(label);
      labels[x] = label;
      const c = comps[label];
      if (!c) continue;
      c.cells++;
      c.sum += g;
      c.sumBefore += before?.[x] ?? 0;
      c.max = Math.max(c.max, g);
      c.box = [Math.min(c.box[0], x), Math.min(c.box[1], y), Math.max(c.box[2], x), Math.max(c.box[3], y)];
      const last = c.runs[c.runs.length - 1];
      if (last && last[0] === y && last[2] === x - 1) last[2] = x;
      else c.runs.push([y, x, x]);
    }
    for (let x = 0; x < w; x++) if ((labels[x] ?? -1) >= 0) labels[x] = this.root(labels[x] ?? 0);
    this.prevLabels = labels;
    this.masks.delete(y - 2);
    this.gains.delete(y - 2);
    this.befores.delete(y - 2);
    this.eroded.delete(y - 2);
  }
}

export function dsmChanges(a: DsmRows, b: DsmRows, o: DsmDiffOptions): DsmComponent[] {
  if (a.width !== b.width || a.height !== b.height) throw new Error('DSMs must share one grid');
  const s = new DsmDiffStream(a.width, a.height, { a: a.nodata, b: b.nodata }, o);
  for (let y = 0; y < a.height; y++) s.push(a.row(y), b.row(y));
  return s.finish();
}
