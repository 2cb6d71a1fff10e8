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
  /** The globe's view of the run (JPEG or PNG bytes): replaces the first map drawn from the data. */
  view?: Uint8Array;
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
  const doc = await make(db, layer, options);
  return options.view ? withView(doc, options.view) : doc;
}

/** `doc` with `view` as its first map's picture; the legend and the CRS note stay. */
export function withView(doc: ReportDoc, view: Uint8Array): ReportDoc {
  let placed = false;
  const sections = doc.sections.map((s) => {
    if (placed || s.kind !== 'map') return s;
    placed = true;
    // a perspective view of the globe has no map CRS to name
    return { ...s, image: view, crsLabel: undefined };
  });
  return { ...doc, sections };
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
