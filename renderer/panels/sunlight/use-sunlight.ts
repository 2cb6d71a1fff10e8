/** The sunlight panel's state: the run (job, progress, cancel) and its summary. */
import type { WorkstationApi } from '../../../common/contract/index.js';
import type { SunlightParams, SunlightSummary } from '../../../common/contract/sunlight.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { useAnalysisRun } from '../analysis/run.js';

export function useSunlight(api: WorkstationApi, jobs: JobsModel, notifyError: (err: unknown) => void) {
  return useAnalysisRun<SunlightParams, SunlightSummary>('sunlight', api, jobs, notifyError);
}

/** A square of `halfM` metres around a point, as a lon/lat polygon (small-area approximation). */
export function squareAround(lon: number, lat: number, halfM: number): [number, number][][] {
  const dLat = halfM / 111_320;
  const dLon = halfM / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [
    [
      [lon - dLon, lat - dLat],
      [lon + dLon, lat - dLat],
      [lon + dLon, lat + dLat],
      [lon - dLon, lat + dLat],
      [lon - dLon, lat - dLat],
    ],
  ];
}
