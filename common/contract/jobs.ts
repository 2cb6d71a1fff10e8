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

export const jobCalls = {
  'jobs.list': call(Empty, z.array(JobInfo)),
  'jobs.get': call(z.object({ jobId: z.string() }).strict(), JobInfo),
  'jobs.cancel': call(z.object({ jobId: z.string() }).strict(), JobInfo),
} as const;
