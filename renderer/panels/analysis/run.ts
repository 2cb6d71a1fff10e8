/**
 * One analysis kind's run as a panel sees it (start, follow the job, cancel, read the newest
 * summary), and where the camera looks, which panels take as a default location.
 */
import { useCallback, useEffect, useState } from 'react';
import type { JobInfo, WorkstationApi } from '../../../common/contract/index.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { latestRun, runSummary, startAnalysis } from '../analysis-calls.js';

export interface RunModel<P, S> {
  job: JobInfo | null;
  resultLayer: string | null;
  summary: S | null;
  start: (params: P) => Promise<void>;
  cancel: () => Promise<void>;
}

/** One analysis kind's run: start, follow the job, read the newest summary. */
export function useAnalysisRun<P extends object, S>(
  kind: string,
  api: WorkstationApi,
  jobs: JobsModel,
  notifyError: (err: unknown) => void,
): RunModel<P, S> {
  const [jobId, setJobId] = useState<string | null>(null);
  const [resultLayer, setResultLayer] = useState<string | null>(null);
  const [summary, setSummary] = useState<S | null>(null);
  const job = jobId ? (jobs.jobs.get(jobId) ?? null) : null;

  useEffect(() => {
    latestRun(api, kind).then((layer) => setResultLayer((current) => current ?? layer), notifyError);
  }, [api, kind, notifyError]);

  const finished = job?.state === 'done' ? job.result?.resultLayer : undefined;
  useEffect(() => {
    if (typeof finished === 'string') setResultLayer(finished);
  }, [finished]);

  useEffect(() => {
    if (!resultLayer) return;
    let live = true;
    runSummary<S>(api, resultLayer).then((s) => {
      if (live) setSummary(s);
    }, notifyError);
    return () => {
      live = false;
    };
  }, [api, resultLayer, notifyError]);

  const start = useCallback(
    async (params: P) => {
      const id = await startAnalysis(api, kind, params);
      setJobId(id);
      await jobs.track(id);
    },
    [api, jobs, kind],
  );
  const cancel = useCallback(async () => {
    if (jobId) await jobs.cancel(jobId);
  }, [jobs, jobId]);
  return { job, resultLayer, summary, start, cancel };
}

/** Where a camera looks: its ground point moved forward by height / tan(−pitch) along the heading. */
export function lookAt(pose: {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  pitchDeg: number;
}): [number, number] {
  const pitch = Math.min(-5, pose.pitchDeg);
  const d = Math.min(5000, pose.heightM / Math.tan((-pitch * Math.PI) / 180));
  const h = (pose.headingDeg * Math.PI) / 180;
  const dLat = (d * Math.cos(h)) / 111_320;
  const dLon = (d * Math.sin(h)) / (111_320 * Math.cos((pose.lat * Math.PI) / 180));
  return [pose.lon + dLon, pose.lat + dLat];
}
