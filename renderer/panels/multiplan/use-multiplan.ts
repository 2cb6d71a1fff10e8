/** The review panel's state: the run (job, progress, cancel) and its results (summary, conflicts). */
import { useCallback, useEffect, useState } from 'react';
import type {
  ConflictRow,
  JobInfo,
  MultiplanStart,
  MultiplanSummary,
  WorkstationApi,
} from '../../../common/contract/index.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { latestRun, runSummary, startAnalysis } from '../analysis-calls.js';

export type ConflictSort = 'area' | 'severity';

export interface MultiplanModel {
  job: JobInfo | null;
  resultLayer: string | null;
  summary: MultiplanSummary | null;
  rows: ConflictRow[];
  sort: ConflictSort;
  setSort: (sort: ConflictSort) => void;
  start: (params: MultiplanStart) => Promise<void>;
  cancel: () => Promise<void>;
}

/** The list shows this many conflicts (largest or most severe first); the PDF and CSV have them all. */
const LIST_LIMIT = 1000;

export function useMultiplan(
  api: WorkstationApi,
  jobs: JobsModel,
  notifyError: (err: unknown) => void,
): MultiplanModel {
  const [jobId, setJobId] = useState<string | null>(null);
  const [resultLayer, setResultLayer] = useState<string | null>(null);
  const [summary, setSummary] = useState<MultiplanSummary | null>(null);
  const [rows, setRows] = useState<ConflictRow[]>([]);
  const [sort, setSort] = useState<ConflictSort>('area');
  const job = jobId ? (jobs.jobs.get(jobId) ?? null) : null;

  // The latest earlier review, so the panel opens on what the meeting saw last.
  useEffect(() => {
    latestRun(api, 'multiplan').then((layer) => setResultLayer((current) => current ?? layer), notifyError);
  }, [api, notifyError]);

  const finished = job?.state === 'done' ? job.result?.resultLayer : undefined;
  useEffect(() => {
    if (typeof finished === 'string') setResultLayer(finished);
  }, [finished]);

  useEffect(() => {
    if (!resultLayer) return;
    let live = true;
    Promise.all([
      runSummary<MultiplanSummary>(api, resultLayer),
      api.invoke('multiplan.conflicts', { layer: resultLayer, sort, limit: LIST_LIMIT }),
    ]).then(([s, page]) => {
      if (!live) return;
      setSummary(s);
      setRows(page.rows);
    }, notifyError);
    return () => {
      live = false;
    };
  }, [api, resultLayer, sort, notifyError]);

  const start = useCallback(
    async (params: MultiplanStart) => {
      const id = await startAnalysis(api, 'multiplan', params);
      setJobId(id);
      await jobs.track(id);
    },
    [api, jobs],
  );

  const cancel = useCallback(async () => {
    if (jobId) await jobs.cancel(jobId);
  }, [jobs, jobId]);

  return { job, resultLayer, summary, rows, sort, setSort, start, cancel };
}
