/**
 * Jobs: long work in worker threads with progress and cancel.
 * Environment: common.
 */
import { z } from 'zod';
import { call, Empty } from './call.js';
import type { SerializedError } from '../errors.js';

export const JobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobInfo = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  /** 0..1 */
  progress: z.number().min(0).max(1),
  /** i18n key + facts of what the job is doing now, e.g. `jobs.import.writing`. */
  stage: z.string(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.custom<SerializedError>().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobInfo = z.infer<typeof JobInfo>;

/**
 * Not a job: the open workspace changed under the renderer, because another program (QGIS,
 * GDAL, sqlite3) committed to the file, or another workspace was opened. It rides the job
 * event channel as a finished event of this kind, so whatever refreshes after a job (the
 * layer tree, the globe) refreshes now too. `result` is `WorkspaceChange`.
 */
export const WORKSPACE_CHANGED = 'workspace.changed';

export const WorkspaceChange = z.object({
  reason: z.enum(['outside', 'opened']),
  path: z.string(),
  journalMode: z.enum(['wal', 'delete']),
  networkFs: z.string().nullable(),
});
export type WorkspaceChange = z.infer<typeof WorkspaceChange>;

export const jobCalls = {
  'jobs.list': call(Empty, z.array(JobInfo)),
  'jobs.get': call(z.object({ jobId: z.string() }).strict(), JobInfo),
  'jobs.cancel': call(z.object({ jobId: z.string() }).strict(), JobInfo),
} as const;
