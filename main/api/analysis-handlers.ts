/**
 * Handlers of the calls every analysis shares (contract: analysis.*), over the analysis
 * registry: none of them knows a kind. Merged into the handler table. Environment: node.
 */
import path from 'node:path';
import type { Input, Output } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { AnalysisRegistry } from '../analysis/registry.js';
import { writeRunReport } from '../analysis/report-run.js';
import type { ReportViews } from '../analysis/report-views.js';
import { listRuns, readRun } from '../analysis/result.js';
import type { JobRunner } from '../jobs/runner.js';
import type { Db } from '../store/connection.js';

export interface AnalysisHandlerDeps {
  db(): Db;
  workspacePath(): string;
  jobs: JobRunner;
  now(): Date;
  analyses: AnalysisRegistry;
  reportViews: ReportViews;
}

type AnalysisMethods =
  | 'analysis.kinds'
  | 'analysis.start'
  | 'analysis.runs'
  | 'analysis.summary'
  | 'analysis.reportView'
  | 'analysis.report';

export function createAnalysisHandlers(d: AnalysisHandlerDeps): {
  [M in AnalysisMethods]: (input: Input<M>) => Promise<Output<M>>;
} {
  return {
    'analysis.kinds': () => Promise.resolve(d.analyses.info()),
    'analysis.start': (i) => {
      const entry = d.analyses.get(i.kind);
      const parsed = entry.params.safeParse(i.params);
      if (!parsed.success) {
        throw new CimError(
          'api.bad_input',
          { method: `analysis.start ${entry.kind}`, issues: parsed.error.message },
          'args',
        );
      }
      const job = d.jobs.start(
        { kind: 'analysis', workspacePath: d.workspacePath(), analysis: { kind: entry.kind, params: parsed.data } },
        entry.jobTitle(parsed.data),
      );
      return Promise.resolve({ jobId: job.id });
    },
    'analysis.runs': (i) => Promise.resolve(listRuns(d.db(), i.kind)),
    'analysis.summary': (i) => {
      const run = readRun(d.db(), i.layer);
      return Promise.resolve({ kind: run.kind, summary: run.summary, params: run.params });
    },
    'analysis.reportView': (i) => {
      readRun(d.db(), i.layer); // a run's layer, or analysis.no_run
      const bytes = Buffer.from(i.jpeg, 'base64');
      if (bytes[0] !== 0xff || bytes[1] !== 0xd8) {
        throw new CimError('api.bad_input', { method: 'analysis.reportView', issues: 'jpeg: not a JPEG' }, 'args');
      }
      d.reportViews.set(i.layer, bytes, d.now().getTime());
      return Promise.resolve({ bytes: bytes.length });
    },
    // pdfkit loads when a report is asked for, not with the host (it takes ~0.6 s).
    'analysis.report': (i) => {
      const view = d.reportViews.get(i.layer, d.now().getTime());
      return writeRunReport(d.db(), d.analyses, i.layer, path.resolve(i.path), {
        now: d.now(),
        lang: i.lang ?? 'zh-CN',
        ...(view ? { view } : {}),
      });
    },
  };
}
