/**
 * What the status bar says about the workspace file: its journal (a rollback journal on a
 * network drive, where WAL is unsafe) and when another program last changed it. The back end
 * reports both as `workspace.changed` events on the job channel (WORKSPACE_CHANGED); the state
 * at start comes from `app.info`.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  WORKSPACE_CHANGED,
  WorkspaceChange,
  type JobInfo,
  type WorkstationApi,
} from '../../../common/contract/index.js';

export interface WorkspaceStatus {
  journalMode: 'wal' | 'delete';
  networkFs: string | null;
  /** When another program's change was last loaded (ISO time), for the open workspace. */
  outsideChangeAt: string | null;
}

/** The newest workspace change event, parsed; null when none came yet. */
function latestChange(jobs: ReadonlyMap<string, JobInfo>): { at: string; change: WorkspaceChange } | null {
  let latest: { at: string; change: WorkspaceChange } | null = null;
  for (const job of jobs.values()) {
    if (job.kind !== WORKSPACE_CHANGED) continue;
    const parsed = WorkspaceChange.safeParse(job.result);
    if (parsed.success && (!latest || job.startedAt > latest.at)) latest = { at: job.startedAt, change: parsed.data };
  }
  return latest;
}

export function useWorkspaceStatus(api: WorkstationApi, jobs: ReadonlyMap<string, JobInfo>): WorkspaceStatus | null {
  const [initial, setInitial] = useState<WorkspaceStatus | null>(null);
  useEffect(() => {
    let live = true;
    // the status bar shows nothing rather than an error: the workbench reports a failing back end
    api.invoke('app.info', {}).then(
      (info) => {
        if (live && info.workspace) {
          const { journalMode, networkFs } = info.workspace;
          setInitial({ journalMode, networkFs, outsideChangeAt: null });
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return useMemo(() => {
    const latest = latestChange(jobs);
    if (!latest) return initial;
    const { journalMode, networkFs, reason } = latest.change;
    return { journalMode, networkFs, outsideChangeAt: reason === 'outside' ? latest.at : null };
  }, [jobs, initial]);
}
