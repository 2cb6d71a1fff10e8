/**
 * `cim analyze <kind> ...`: every analysis of the registry, headless. Flags come from the
 * analysis's parameter schema (analysis-flags.ts); progress goes to stderr; `--json` prints
 * the job's summary (with `resultLayer` and `count`) as one object on stdout; `--report
 * out.pdf` writes the run's PDF report. `cim analyze --help` lists them all.
 */
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import type { AnalysisControl } from '../analysis/entry.js';
import { defaultRegistry, type AnalysisRegistry } from '../analysis/registry.js';
import { adoptUncataloguedTables } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { analysisHelp, parseAnalyzeArgs } from './analysis-flags.js';
import { progressLine, report } from './args.js';

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

/** Every analysis's usage, for `cim analyze --help` and `cim --help`. */
export function analyzeUsage(registry: AnalysisRegistry = defaultRegistry()): string {
  return registry.entries.map(analysisHelp).join('\n');
}

export async function runAnalyzeCommand(
  args: string[],
  registry: AnalysisRegistry = defaultRegistry(),
): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(analyzeUsage(registry) + '\n');
    return args.length === 0 ? 2 : 0;
  }
  const found = registry.byCommand(args);
  if (!found) {
    const known = registry.entries.map((e) => e.command.join(' ')).join(' | ');
    throw new CimError('cli.usage', { message: `cim analyze takes ${known}, not ${args.join(' ')}` }, 'args');
  }
  const { entry, used } = found;
  const rest = args.slice(used);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(analysisHelp(entry) + '\n');
    return 0;
  }
  const parsed = await parseAnalyzeArgs(entry, rest);
  const db = openWorkspaceDb(parsed.workspace);
  try {
    db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString()))();
    const runner = await entry.load();
    const summary = await runner.run(db, parsed.params, control());
    const out = parsed.report === null ? null : path.resolve(parsed.report);
    if (out) {
      // Loaded only for a report: pdfkit takes ~0.6 s to load.
      const { writeRunReport } = await import('../analysis/report-run.js');
      const resultLayer = typeof summary.resultLayer === 'string' ? summary.resultLayer : '';
      await writeRunReport(db, registry, resultLayer, out, { now: new Date(), lang: 'zh-CN' });
    }
    const human = entry.cli?.human?.(summary) ?? JSON.stringify(summary);
    report(parsed.json, { ...summary, ...(out ? { report: out } : {}) }, human);
    return 0;
  } finally {
    db.close();
  }
}
