/**
 * A run's PDF report, whatever its kind: the run record names the kind, the registry entry
 * makes the report document, `main/report/write-pdf.ts` lays it out. The API
 * (`analysis.report`), the resource route (`/export/<layer>.pdf`) and `cim analyze --report`
 * all come here. Environment: node.
 */
import { CimError } from '../../common/errors.js';
import type { ReportDoc, ReportLang } from '../report/document.js';
import { writeReportPdf } from '../report/write-pdf.js';
import type { Db } from '../store/connection.js';
import type { AnalysisRegistry } from './registry.js';
import { readRun } from './result.js';

export interface ReportOptions {
  lang: ReportLang;
  now: Date;
}

/** The report document of the run that made `layer`. */
async function runReport(
  db: Db,
  registry: AnalysisRegistry,
  layer: string,
  options: ReportOptions,
): Promise<ReportDoc> {
  const run = readRun(db, layer);
  const entry = registry.get(run.kind);
  if (!entry.report) throw new CimError('analysis.no_report', { kind: entry.kind });
  const make = await entry.report();
  return make(db, layer, options);
}

export async function writeRunReport(
  db: Db,
  registry: AnalysisRegistry,
  layer: string,
  out: string,
  options: ReportOptions,
): Promise<{ path: string; pages: number }> {
  return writeReportPdf(await runReport(db, registry, layer, options), out);
}
