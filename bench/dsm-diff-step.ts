/**
 * The raster method's difference step on its own, for bench/change-dsm.ts: both DSMs read by
 * 512-row windows (geotiff), differenced on the before grid, thresholded, opened and
 * labelled (main/analysis/change/dsm-read.ts + dsm-core.ts). Prints one JSON line: the
 * components found and the time inside the process.
 *
 *   node --import tsx bench/dsm-diff-step.ts A.tif B.tif
 */
import { performance } from 'node:perf_hooks';
import { diffDsmPair, openDsmPair } from '../main/analysis/change/dsm-read.js';

const [before, after] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: dsm-diff-step.ts A.tif B.tif');
const t0 = performance.now();
const { a, b } = await openDsmPair(before, after);
const d = await diffDsmPair(a, b, { minGainM: 2.5, minCells: 48 });
await a.close();
await b.close();
process.stdout.write(
  `${JSON.stringify({ components: d.components.length, cells: d.grid.width * d.grid.height, inProcessMs: Math.round(performance.now() - t0) })}\n`,
);
