/**
 * What one analysis tells the workstation about itself: one entry in `registry.ts`. Every
 * edge reads these entries and none switches on a kind: the job worker (`load().run`), the
 * API (`analysis.start` validates `params`, `analysis.summary` answers `summary`), `cim
 * analyze <command…>` (flags derived from `params`, see cli-flags.ts), the report route
 * (`report`) and the renderer's Analysis menu and panel mount (`analysis.kinds`).
 * An entry is cheap to import: its runner and report load only when used. Environment: node.
 */
import type { z } from 'zod';
import type { LayerStyle } from '../../common/contract/index.js';
import type { Db } from '../store/connection.js';
import type { ReportDoc, ReportLang } from '../report/document.js';

export interface AnalysisControl {
  progress(fraction: number, stage: string): void;
  isCancelled(): boolean;
  now(): Date;
}

/** The work: reads the store, runs the pure core, writes through the job tail (result.ts). */
interface AnalysisRunner<P, S> {
  run(db: Db, params: P, control: AnalysisControl): Promise<S>;
}

/** Makes a run's report from its result layer and run record (any time after the run). */
type ReportMaker = (db: Db, resultLayer: string, options: { lang: ReportLang; now: Date }) => Promise<ReportDoc>;

/**
 * How a parameter appears on the command line when the derived form does not fit: another
 * flag name, a value placeholder for `--help`, or a parser (a file read into the value).
 */
export interface CliFlag {
  flag?: string;
  valueName?: string;
  /** Turns the flag's text into the parameter's value (a rules CSV into rules); may return a promise. */
  parse?(text: string): unknown;
  /** Also sets other parameters from the same text (e.g. the rules file's name as `rulesSource`). */
  alsoSets?(text: string): Record<string, unknown>;
  /** Not on the command line (set by `alsoSets`, or UI only). */
  hidden?: boolean;
}

/** A summary is an object; a result-writing analysis's has `resultLayer` and `count`. */
export type SummarySchema = z.ZodType<Record<string, unknown>>;

export interface AnalysisEntry<P extends z.ZodObject = z.ZodObject, S extends SummarySchema = SummarySchema> {
  /** Stable id: the run record's kind, the API's `kind`, `ui:analysis.<kind>.*` strings. */
  kind: string;
  /** `cim analyze` words: `['multiplan']`, `['pipes', 'isolate']`. */
  command: readonly string[];
  /** Parameters (the contract file's zod object); `.describe()` texts become `--help` lines. */
  params: P;
  summary: S;
  load(): Promise<AnalysisRunner<z.output<P>, z.output<S>>>;
  /** The job's title in the jobs list (`plan_a × plan_b`). */
  jobTitle(params: z.output<P>): string;
  cli?: {
    flags?: Partial<Record<keyof z.output<P> & string, CliFlag>>;
    /** The one-line human summary printed without `--json`. */
    human?(summary: z.output<S>): string;
  };
  /** Style of the result layer (also written by the job tail into the catalog). */
  resultStyle?: Partial<LayerStyle>;
  /** The run's PDF report, loaded when asked for. */
  report?(): Promise<ReportMaker>;
  /** Whether renderer/panels/registry.ts mounts a panel for it (Analysis menu item). */
  panel: boolean;
}

/** Types an entry where it is written, then erases its parameter types for the table. */
export function defineAnalysis<P extends z.ZodObject, S extends SummarySchema>(
  entry: AnalysisEntry<P, S>,
): AnalysisEntry {
  return entry;
}
