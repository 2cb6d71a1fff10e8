/**
 * Filling the holes of a heightmap tile smoothly from its valid samples: first the tile
 * edges (1-D, between valid samples and the corners, so that two tiles sharing an edge
 * fill it alike), then the interior by pull-push (Gortler et al. 1996, "The Lumigraph"
 * §3.4: average valid samples down a pyramid, interpolate back up into the holes).
 * Pure; environment: common.
 */

/** Linear fill of a line of samples between valid ones; the ends must be valid. */
function fillLine(values: Float64Array, valid: Uint8Array, index: (k: number) => number, n: number): void {
  let last = 0;
  for (let k = 1; k < n; k++) {
    if (!valid[index(k)]) continue;
    const a = values[index(last)] as number;
    const b = values[index(k)] as number;
    for (let m = last + 1; m < k; m++) {
      const t = (m - last) / (k - last);
      values[index(m)] = a + (b - a) * t;
      valid[index(m)] = 1;
    }
    last = k;
  }
}

/**
 * Fills every invalid cell of an `n` x `n` grid (row-major) from the valid ones; a grid
 * with no valid cell stays as it is.
 */
function pullPush(values: Float64Array, valid: Uint8Array, n: number): void {
  if (n <= 1 || valid.every((v) => v === 1) || !valid.some((v) => v === 1)) return;
  const m = Math.ceil(n / 2);
  const coarse = new Float64Array(m * m);
  const coarseValid = new Uint8Array(m * m);
  for (let J = 0; J < m; J++) {
    for (let I = 0; I < m; I++) {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < 4; k++) {
        const i = 2 * I + (k & 1);
        const j = 2 * J + (k >> 1);
        if (i >= n || j >= n || !valid[j * n + i]) continue;
        sum += values[j * n + i] as number;
        count += 1;
      }
      if (count > 0) {
        coarse[J * m + I] = sum / count;
        coarseValid[J * m + I] = 1;
      }
    }
  }
  pullPush(coarse, coarseValid, m);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      if (valid[j * n + i]) continue;
      values[j * n + i] = bilinearCoarse(coarse, m, (i - 0.5) / 2, (j - 0.5) / 2);
      valid[j * n + i] = 1;
    }
  }
}

function bilinearCoarse(coarse: Float64Array, m: number, x: number, y: number): number {
  const cx = Math.min(Math.max(x, 0), m - 1);
  const cy = Math.min(Math.max(y, 0), m - 1);
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(x0 + 1, m - 1);
  const y1 = Math.min(y0 + 1, m - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const v = (i: number, j: number): number => coarse[j * m + i] as number;
  return v(x0, y0) * (1 - fx) * (1 - fy) + v(x1, y0) * fx * (1 - fy) + v(x0, y1) * (1 - fx) * fy + v(x1, y1) * fx * fy;
}

/**
 * Fills a heightmap tile in place: invalid corners take `outsideHeightM`, edges are filled
 * between valid samples, the interior by pull-push.
 */
export function fillTile(values: Float64Array, valid: Uint8Array, n: number, outsideHeightM: number): void {
  for (const k of [0, n - 1, n * (n - 1), n * n - 1]) {
    if (!valid[k]) {
      values[k] = outsideHeightM;
      valid[k] = 1;
    }
  }
  fillLine(values, valid, (k) => k, n);
  fillLine(values, valid, (k) => (n - 1) * n + k, n);
  fillLine(values, valid, (k) => k * n, n);
  fillLine(values, valid, (k) => k * n + n - 1, n);
  pullPush(values, valid, n);
}
