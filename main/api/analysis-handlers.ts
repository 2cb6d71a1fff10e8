/**
 * Handlers of the multi-plan review and parcel-check calls (contract: rules.*, analysis.*,
 * multiplan.*, report.multiplan), merged into the handler table. Environment: node.
 */
import path from 'node:path';
import { listConflicts } from '../analysis/multiplan/conflict-list.js';
import { formatRulesCsv, parseRulesCsv } from '../analysis/multiplan/rules-csv.js';
import { listRules, resetRules, saveRules } from '../analysis/multiplan/rules-table.js';
import type { JobRunner } from '../jobs/runner.js';
import { runSummary } from '../analysis/multiplan/run-record.js';
import type { Db } from '../store/connection.js';
import type { Input, Output } from '../../common/contract/index.js';

export interface AnalysisHandlerDeps {
  db(): Db;
  workspacePath(): string;
  jobs: JobRunner;
  now(): Date;
  write<T>(fn: () => T): Promise<T>;
}

type AnalysisMethods =
  | 'rules.list'
  | 'rules.save'
  | 'rules.reset'
  | 'rules.importCsv'
  | 'rules.exportCsv'
  | 'analysis.multiplan'
  | 'analysis.parcelCheck'
  | 'multiplan.runs'
  | 'multiplan.summary'
  | 'multiplan.conflicts'
  | 'report.multiplan';

export function createAnalysisHandlers(d: AnalysisHandlerDeps): {
  [M in AnalysisMethods]: (input: Input<M>) => Promise<Output<M>>;
} {
  return {
    'rules.list': () => Promise.resolve(listRules(d.db())),
    'rules.save': (i) => d.write(() => saveRules(d.db(), i.rules)),
    'rules.reset': () => d.write(() => resetRules(d.db())),
    'rules.importCsv': (i) => {
      const rules = parseRulesCsv(Buffer.from(i.base64, 'base64'), path.basename(i.fileName));
      return d.write(() => saveRules(d.db(), rules));
    },
    'rules.exportCsv': () => Promise.resolve({ csv: formatRulesCsv(listRules(d.db())) }),
    'analysis.multiplan': (i) => {
      const job = d.jobs.start(
        { kind: 'analysis', workspacePath: d.workspacePath(), analysis: { kind: 'multiplan', params: i } },
        i.layers.join(' × '),
      );
      return Promise.resolve({ jobId: job.id });
    },
    'analysis.parcelCheck': (i) => {
      const job = d.jobs.start(
        { kind: 'analysis', workspacePath: d.workspacePath(), analysis: { kind: 'parcel-check', params: i } },
        `${i.parcels} × ${i.buildings}`,
      );
      return Promise.resolve({ jobId: job.id });
    },
    'multiplan.runs': () => {
      const rows = d
        .db()
        .prepare(
          "SELECT r.result_layer AS resultLayer, r.created_at AS createdAt FROM cim_analysis_runs r JOIN gpkg_contents c ON c.table_name = r.result_layer WHERE r.kind = 'multiplan' ORDER BY r.created_at DESC",
        )
        .all() as { resultLayer: string; createdAt: string }[];
      return Promise.resolve(rows);
    },
    'multiplan.summary': (i) => Promise.resolve(runSummary(d.db(), i.layer)),
    'multiplan.conflicts': (i) =>
      Promise.resolve(listConflicts(d.db(), i.layer, i.sort ?? 'area', i.offset ?? 0, i.limit ?? 200)),
    // pdfkit is loaded when a report is asked for, not with the host (it takes ~0.6 s).
    'report.multiplan': async (i) =>
      (await import('../report/multiplan-report.js')).writeMultiplanReport(d.db(), i.layer, path.resolve(i.path), {
        now: d.now(),
        lang: i.lang ?? 'zh-CN',
      }),
  };
}
