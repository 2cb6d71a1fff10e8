/**
 * The illegal-build review's state: the detection run (through the shared analysis calls),
 * the suspects of its summary in score order, the step through them, and the inspector's
 * decisions (change.review / change.reviews), kept as history by the back end.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WorkstationApi } from '../../../common/contract/index.js';
import type {
  ChangeParams,
  ChangeSummary,
  ReviewDecision,
  ReviewEntry,
  SuspectRow,
} from '../../../common/contract/change.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { useAnalysisRun } from '../analysis/run.js';

export interface ChangeModel {
  run: ReturnType<typeof useAnalysisRun<ChangeParams, ChangeSummary>>;
  suspects: readonly SuspectRow[];
  current: SuspectRow | null;
  index: number;
  select: (index: number) => void;
  decisions: ReadonlyMap<number, ReviewEntry>;
  history: readonly ReviewEntry[];
  /** Records a decision; a confirmation files a case (its screenshot attached) and returns the entry with its case. */
  decide: (
    fid: number,
    decision: ReviewDecision,
    reason: string,
    screenshot?: { contentType: 'image/jpeg' | 'image/png'; base64: string },
  ) => Promise<ReviewEntry | null>;
}

export function useChange(api: WorkstationApi, jobs: JobsModel, notifyError: (err: unknown) => void): ChangeModel {
  const run = useAnalysisRun<ChangeParams, ChangeSummary>('change', api, jobs, notifyError);
  const [index, setIndex] = useState(0);
  const [history, setHistory] = useState<readonly ReviewEntry[]>([]);
  const layer = run.resultLayer;
  const suspects = useMemo(
    () => [...(run.summary?.suspects ?? [])].sort((a, b) => b.score - a.score || a.fid - b.fid),
    [run.summary],
  );

  // a new run starts at its first suspect; a language switch (a new notifyError) keeps the step
  useEffect(() => {
    setIndex(0);
  }, [layer]);

  useEffect(() => {
    if (!layer) return;
    let live = true;
    api.invoke('change.reviews', { layer }).then((h) => {
      if (live) setHistory(h);
    }, notifyError);
    return () => {
      live = false;
    };
  }, [api, layer, notifyError]);

  const decisions = useMemo(() => {
    const m = new Map<number, ReviewEntry>();
    for (const e of history) m.set(e.fid, e);
    return m;
  }, [history]);

  const decide = useCallback(
    async (
      fid: number,
      decision: ReviewDecision,
      reason: string,
      screenshot?: { contentType: 'image/jpeg' | 'image/png'; base64: string },
    ) => {
      if (!layer) return null;
      const entry = await api.invoke('change.review', {
        layer,
        fid,
        decision,
        reason,
        ...(screenshot ? { screenshot } : {}),
      });
      setHistory((h) => [...h, entry]);
      return entry;
    },
    [api, layer],
  );

  const select = useCallback((i: number) => setIndex(Math.max(0, Math.min(suspects.length - 1, i))), [suspects.length]);
  return { run, suspects, current: suspects[index] ?? null, index, select, decisions, history, decide };
}

/** A lon/lat box of `halfM` metres around a point, to fly to a suspect. */
export function boxAround(lon: number, lat: number, halfM: number): [number, number, number, number] {
  const dLat = halfM / 111_320;
  const dLon = halfM / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}
