/**
 * `cim analyze <kind> ...`: the analyses, headless. Progress on stderr, `--json` prints the
 * job's summary (with `resultLayer` and `count`) as one object on stdout.
 *   cim analyze multiplan --workspace W --layers A,B[,C] [--rules R.csv] [--class-fields A:f,...]
 *       [--district-layer D] [--district-field F] [--all-pairs] [--name N]
 *       [--min-area-m2 X] [--min-width-m Y] [--workers N] [--report out.pdf] [--json]
 *   cim analyze parcel-check --workspace W --parcels P --buildings B [--green G] [--redlines R]
 *       [--name N] [--json]
 */
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { runMultiplan, type AnalysisControl } from '../analysis/multiplan/run-multiplan.js';
import { readRulesCsv } from '../analysis/multiplan/rules-csv.js';
import type { MultiplanSummary } from '../analysis/multiplan/types.js';
import { adoptUncataloguedTables } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { parse, progressLine, report, required } from './args.js';

function control(): AnalysisControl {
  let shown = '';
  return {
    progress: (f, stage) => {
      const key = `${stage}:${String(Math.floor(f * 10))}`;
      if (key !== shown) progressLine(f, stage);
      shown = key;
    },
    isCancelled: () => false,
    now: () => new Date(),
  };
}

function list(value: string | undefined, flag: string): string[] {
  const items = required(value, flag)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new CimError('cli.usage', { message: `${flag} names no layer` }, 'args');
  return items;
}

function classFields(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const item of value.split(',')) {
    const [layer, field] = item.split(':').map((s) => s.trim());
    if (!layer || !field) {
      throw new CimError('cli.usage', { message: `--class-fields takes LAYER:FIELD,..., not ${item}` }, 'args');
    }
    out[layer] = field;
  }
  return out;
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new CimError('cli.usage', { message: `${flag} must be a number >= 0, not ${value}` }, 'args');
  return n;
}

function humanMultiplan(s: MultiplanSummary): string {
  const lines = [
    `${s.resultLayer}: ${String(s.count)} parts, ${String(s.conflicts.count)} conflicts, ${s.conflicts.areaM2.toFixed(1)} m²`,
  ];
  for (const r of s.byRule.filter((x) => x.count > 0)) {
    lines.push(`  ${r.ruleId} ${r.severity}\t${String(r.count)}\t${r.areaM2.toFixed(1)} m²\t${r.reasonZh}`);
  }
  return lines.join('\n');
}

async function multiplan(args: string[]): Promise<number> {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    layers: { type: 'string' },
    rules: { type: 'string' },
    'class-fields': { type: 'string' },
    'district-layer': { type: 'string' },
    'district-field': { type: 'string' },
    'all-pairs': { type: 'boolean', default: false },
    name: { type: 'string' },
    'min-area-m2': { type: 'string' },
    'min-width-m': { type: 'string' },
    workers: { type: 'string' },
    report: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const workers = number(values.workers, '--workers');
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    throw new CimError(
      'cli.usage',
      { message: `--workers must be a whole number >= 1, not ${String(values.workers)}` },
      'args',
    );
  }
  const rules = values.rules === undefined ? undefined : readRulesCsv(path.resolve(values.rules));
  const db = openWorkspaceDb(required(values.workspace, '--workspace'));
  try {
    db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString()))();
    const summary = await runMultiplan(
      db,
      {
        layers: list(values.layers, '--layers'),
        classFields: classFields(values['class-fields']),
        rules,
        rulesSource: values.rules === undefined ? undefined : path.basename(values.rules),
        allPairs: values['all-pairs'],
        name: values.name,
        districtLayer: values['district-layer'],
        districtField: values['district-field'],
        minAreaM2: number(values['min-area-m2'], '--min-area-m2'),
        minWidthM: number(values['min-width-m'], '--min-width-m'),
        workers,
      },
      control(),
    );
    const out = values.report === undefined ? null : path.resolve(values.report);
    if (out) {
      // Loaded only for a report: pdfkit takes ~0.6 s to load, a tenth of a 20k x 20k review.
      const { writeMultiplanReport } = await import('../report/multiplan-report.js');
      await writeMultiplanReport(db, summary.resultLayer, out, { now: new Date(), lang: 'zh-CN' });
    }
    report(values.json, { ...summary, ...(out ? { report: out } : {}) }, humanMultiplan(summary));
    return 0;
  } finally {
    db.close();
  }
}

async function parcelCheck(args: string[]): Promise<number> {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    parcels: { type: 'string' },
    buildings: { type: 'string' },
    green: { type: 'string' },
    redlines: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const db = openWorkspaceDb(required(values.workspace, '--workspace'));
  try {
    db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString()))();
    const { runParcelCheck } = await import('../analysis/parcel-check/run-parcel-check.js');
    const summary = await runParcelCheck(
      db,
      {
        parcels: required(values.parcels, '--parcels'),
        buildings: required(values.buildings, '--buildings'),
        green: values.green,
        redlines: values.redlines,
        name: values.name,
      },
      control(),
    );
    report(
      values.json,
      { ...summary },
      `${summary.resultLayer}: ${String(summary.count)} parcels, ${String(summary.violating)} with violations`,
    );
    return 0;
  } finally {
    db.close();
  }
}

const KINDS: Record<string, (args: string[]) => Promise<number>> = {
  multiplan,
  'parcel-check': parcelCheck,
};

export async function runAnalyzeCommand(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const run = kind ? KINDS[kind] : undefined;
  if (!run) {
    throw new CimError(
      'cli.usage',
      { message: `cim analyze takes ${Object.keys(KINDS).join(' | ')}, not ${kind ?? 'nothing'}` },
      'args',
    );
  }
  return run(rest);
}
