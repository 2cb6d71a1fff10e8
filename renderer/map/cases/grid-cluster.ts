/**
 * A grid clusterer for the case markers at low zoom: the view is cut into square cells of
 * `cellDeg` (from the camera: so many pixels of ground), and a cell holding at least
 * `minSize` cases draws as one disc at their mean position with the count; the rest draw
 * as their own icons. Deterministic (cells in key order, members in input order), linear.
 * Environment: common.
 */

export interface Cluster {
  lon: number;
  lat: number;
  count: number;
  /** Indices into the input arrays. */
  members: number[];
}

export interface Clustering {
  clusters: Cluster[];
  /** Indices of points drawn on their own. */
  singles: number[];
}

/**
 * `lon`/`lat` are parallel arrays; `shown` (optional) picks which indices take part.
 * A `cellDeg` of 0 or less turns clustering off.
 */
export function clusterGrid(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  cellDeg: number,
  minSize: number,
  shown?: readonly number[],
): Clustering {
  const indices = shown ?? Array.from({ length: lon.length }, (_, i) => i);
  if (!(cellDeg > 0)) return { clusters: [], singles: [...indices] };
  const cells = new Map<string, number[]>();
  for (const i of indices) {
    const key = `${String(Math.floor((lon[i] as number) / cellDeg))}:${String(Math.floor((lat[i] as number) / cellDeg))}`;
    const cell = cells.get(key);
    if (cell) cell.push(i);
    else cells.set(key, [i]);
  }
  const clusters: Cluster[] = [];
  const singles: number[] = [];
  for (const members of cells.values()) {
    if (members.length < Math.max(2, minSize)) {
      singles.push(...members);
      continue;
    }
    let sx = 0;
    let sy = 0;
    for (const i of members) {
      sx += lon[i] as number;
      sy += lat[i] as number;
    }
    clusters.push({ lon: sx / members.length, lat: sy / members.length, count: members.length, members });
  }
  singles.sort((a, b) => a - b);
  return { clusters, singles };
}

/** Metres in a degree of latitude. */
const METRES_PER_DEGREE = 111_320;
/** Closer than this (metres of ground per pixel) every case draws on its own. */
export const CLUSTER_OFF_BELOW_MPP = 0.6;

/** The cell of a clustering `cellPx` pixels wide at `metresPerPixel`; 0 (off) when close in. */
export function clusterCellDeg(metresPerPixel: number | null, cellPx = 64): number {
  if (metresPerPixel === null || metresPerPixel < CLUSTER_OFF_BELOW_MPP) return 0;
  return (metresPerPixel * cellPx) / METRES_PER_DEGREE;
}
