/**
 * A pyramid worker thread (its own folder: it runs the imagery and terrain units, which use
 * tiles/pyramid, so it cannot live there without a folder cycle): runs the units it is sent one after another, each on the raster
 * it names (opened once per worker), writing the unit's tiles and posting back its root tile
 * (the buffer transferred). Environment: worker.
 */
import { parentPort } from 'node:worker_threads';
import { toSerializedError } from '../../common/errors.js';
import { runImageryUnit } from '../imagery/unit.js';
import { openRaster, type Raster } from '../raster/open-raster.js';
import { runTerrainUnit } from '../terrain/unit.js';
import type { FromPyramidWorker, PyramidUnit, PyramidUnitResult, ToPyramidWorker } from '../pyramid/protocol.js';

function main(): void {
  const port = parentPort;
  if (!port) return;
  const rasters = new Map<string, Promise<Raster>>();
  const rasterFor = (u: PyramidUnit): Promise<Raster> => {
    const key = `${u.source.file}\n${u.source.crs.proj4}`;
    let r = rasters.get(key);
    if (!r) {
      r = openRaster(u.source.file, { crs: u.source.crs });
      rasters.set(key, r);
    }
    return r;
  };
  const run = async (u: PyramidUnit): Promise<PyramidUnitResult> => {
    const raster = await rasterFor(u);
    return u.kind === 'imagery' ? runImageryUnit(raster, u) : runTerrainUnit(raster, u);
  };
  let chain = Promise.resolve();
  port.on('message', (m: ToPyramidWorker) => {
    chain = chain.then(async () => {
      if (m.type === 'close') {
        for (const r of rasters.values()) await (await r).close();
        port.close();
        return;
      }
      try {
        const result = await run(m.unit);
        const transfer = result.root ? [result.root.buffer as ArrayBuffer] : [];
        port.postMessage({ type: 'done', id: m.id, result } satisfies FromPyramidWorker, transfer);
      } catch (err) {
        port.postMessage({ type: 'failed', id: m.id, error: toSerializedError(err) } satisfies FromPyramidWorker);
      }
    });
  });
}

main();
