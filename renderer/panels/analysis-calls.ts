/**
 * The shared analysis calls as a panel uses them: start a run of a kind with its typed
 * parameters, find the latest run, read a run's summary as its kind's summary type.
 */
import type { WorkstationApi } from '../../common/contract/index.js';

export async function startAnalysis(api: WorkstationApi, kind: string, params: object): Promise<string> {
  const { jobId } = await api.invoke('analysis.start', { kind, params });
  return jobId;
}

/** The newest run of a kind whose result layer still exists. */
export async function latestRun(api: WorkstationApi, kind: string): Promise<string | null> {
  const runs = await api.invoke('analysis.runs', { kind });
  return runs[0]?.resultLayer ?? null;
}

/**
 * A run's summary. The back end wrote it with the kind's schema (common/contract/<kind>.ts);
 * `S` is that schema's type.
 */
export async function runSummary<S>(api: WorkstationApi, layer: string): Promise<S> {
  const { summary } = await api.invoke('analysis.summary', { layer });
  return summary as S;
}
