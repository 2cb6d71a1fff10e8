/** Jobs as the back end reports them: the list at start, then every change as an event. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo, WorkstationApi } from '../../common/contract/index.js';

export interface JobsModel {
  jobs: ReadonlyMap<string, JobInfo>;
  cancel: (jobId: string) => Promise<void>;
  /** Fetches one job now, for a job whose first events may have passed before we listened. */
  track: (jobId: string) => Promise<void>;
}

/** Events and replies can cross: a late snapshot never takes a job back to an earlier state. */
function newer(current: JobInfo | undefined, incoming: JobInfo): boolean {
  if (!current) return true;
  if (current.state !== 'running') return incoming.state !== 'running' && incoming.finishedAt !== null;
  return incoming.state !== 'running' || incoming.progress >= current.progress;
}

export function useJobs(
  api: WorkstationApi,
  onFinished: (job: JobInfo) => void,
  notifyError: (err: unknown) => void,
): JobsModel {
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobInfo>>(new Map());
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const reported = useRef(new Set<string>());

  const receive = useCallback((job: JobInfo) => {
    setJobs((current) => (newer(current.get(job.id), job) ? new Map(current).set(job.id, job) : current));
    if (job.state !== 'running' && !reported.current.has(job.id)) {
      reported.current.add(job.id);
      finishedRef.current(job);
    }
  }, []);

  useEffect(() => {
    const unsubscribe = api.onJobEvent(receive);
    api.invoke('jobs.list', {}).then(
      (list) => {
        for (const job of list) if (job.state !== 'running') reported.current.add(job.id);
        setJobs((current) => new Map([...list.map((job): [string, JobInfo] => [job.id, job]), ...current]));
      },
      (err: unknown) => notifyError(err),
    );
    return unsubscribe;
  }, [api, receive, notifyError]);

  const cancel = useCallback(
    async (jobId: string) => {
      try {
        receive(await api.invoke('jobs.cancel', { jobId }));
      } catch (err) {
        notifyError(err);
      }
    },
    [api, receive, notifyError],
  );

  const track = useCallback(
    async (jobId: string) => {
      try {
        receive(await api.invoke('jobs.get', { jobId }));
      } catch (err) {
        notifyError(err);
      }
    },
    [api, receive, notifyError],
  );

  return { jobs, cancel, track };
}
