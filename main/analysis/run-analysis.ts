/** Runs an analysis job's work in the job worker (main/jobs/worker.ts). Environment: node. */
import type { Db } from '../store/connection.js';
import type { AnalysisTask } from '../jobs/protocol.js';
import { runMultiplan, type AnalysisControl } from './multiplan/run-multiplan.js';
import { runParcelCheck } from './parcel-check/run-parcel-check.js';

export async function runAnalysisTask(
  db: Db,
  analysis: AnalysisTask['analysis'],
  control: AnalysisControl,
): Promise<Record<string, unknown>> {
  if (analysis.kind === 'multiplan') return { ...(await runMultiplan(db, analysis.params, control)) };
  return { ...(await runParcelCheck(db, analysis.params, control)) };
}
