/**
 * The calls every analysis shares, whatever its kind: which analyses there are, start one,
 * list and read its runs, make its report. Each kind's parameters and summary are declared
 * in its own contract file (`multiplan.ts`, `parcel-check.ts`, …) and checked by the
 * analysis registry (main/analysis/registry.ts). Environment: common.
 */
import { z } from 'zod';
import { call, JobStarted } from './call.js';
import { LayerName } from './shared.js';

const AnalysisKind = z.string().regex(/^[a-z][a-z0-9-]*$/, 'analysis kinds are a-z, digits and -');

/** What the renderer needs to offer an analysis (its texts are `ui:analysis.<kind>.*`). */
export const AnalysisInfo = z.object({
  kind: AnalysisKind,
  /** `cim analyze` words, e.g. ['pipes', 'isolate']. */
  command: z.array(z.string()),
  /** renderer/panels/registry.ts mounts a panel for it (an Analysis menu item). */
  panel: z.boolean(),
  /** It makes a PDF report of a run. */
  report: z.boolean(),
});
export type AnalysisInfo = z.infer<typeof AnalysisInfo>;

const AnalysisRun = z.object({ resultLayer: z.string(), kind: AnalysisKind, createdAt: z.string() });
type AnalysisRun = z.infer<typeof AnalysisRun>;

export const ReportLang = z.enum(['zh-CN', 'en']);
export type ReportLang = z.infer<typeof ReportLang>;

export const analysisCalls = {
  'analysis.kinds': call(z.object({}).strict(), z.array(AnalysisInfo)),
  /** Starts a job; `params` are checked against the kind's schema (`api.bad_input` when wrong). */
  'analysis.start': call(z.object({ kind: AnalysisKind, params: z.unknown() }).strict(), JobStarted, true),
  /** Runs whose result layers still exist, newest first; of one kind when given. */
  'analysis.runs': call(z.object({ kind: AnalysisKind.optional() }).strict(), z.array(AnalysisRun)),
  /** A run's summary, as its kind's summary schema says. */
  'analysis.summary': call(
    z.object({ layer: LayerName }).strict(),
    z.object({ kind: AnalysisKind, summary: z.record(z.string(), z.unknown()), params: z.unknown() }),
  ),
  /** Writes a run's PDF report to a path (Electron); the browser host downloads `/export/<layer>.pdf`. */
  'analysis.report': call(
    z.object({ layer: LayerName, path: z.string().min(1), lang: ReportLang.default('zh-CN') }).strict(),
    z.object({ path: z.string(), pages: z.number().int() }),
  ),
} as const;
