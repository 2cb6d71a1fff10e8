/**
 * Runs an analysis job's work (in the job worker, main/jobs/worker.ts): the registry's entry
 * for the kind, its parameters checked again by its schema (they crossed a thread), its
 * runner loaded and run. Environment: node.
 */
import { CimError } from '../../common/errors.js';
import type { Db } from '../store/connection.js';
import type { AnalysisControl } from './entry.js';
import { defaultRegistry, type AnalysisRegistry } from './registry.js';

export async function runAnalysisTask(
  db: Db,
  analysis: { kind: string; params: unknown },
  control: AnalysisControl,
  registry: AnalysisRegistry = defaultRegistry(),
): Promise<Record<string, unknown>> {
  const entry = registry.get(analysis.kind);
  const parsed = entry.params.safeParse(analysis.params);
  if (!parsed.success) {
    throw new CimError('analysis.bad_params', { kind: entry.kind, issues: parsed.error.message }, 'args');
  }
  const runner = await entry.load();
  return { ...(await runner.run(db, parsed.data, control)) };
}
