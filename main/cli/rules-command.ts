/**
 * `cim rules --workspace W [--import R.csv | --export R.csv | --reset] [--json]`: the
 * workspace's conflict-rules table (cim_conflict_rules). With no action it lists the rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { formatRulesCsv, readRulesCsv } from '../analysis/multiplan/rules-csv.js';
import { listRules, resetRules, saveRules } from '../analysis/multiplan/rules-table.js';
import { openWorkspaceDb } from '../store/connection.js';
import { writeOutputFile } from '../store/files.js';
import { parse, report, required } from './args.js';

export async function runRulesCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    workspace: { type: 'string' },
    import: { type: 'string' },
    export: { type: 'string' },
    reset: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const actions = [values.import, values.export, values.reset ? 'reset' : undefined].filter((a) => a !== undefined);
  if (actions.length > 1)
    throw new CimError('cli.usage', { message: 'give one of --import, --export, --reset' }, 'args');
  const db = openWorkspaceDb(required(values.workspace, '--workspace'));
  try {
    let rules = listRules(db);
    if (values.import !== undefined) {
      const read = readRulesCsv(path.resolve(values.import));
      rules = db.transaction(() => saveRules(db, read))();
    } else if (values.reset) {
      rules = db.transaction(() => resetRules(db))();
    } else if (values.export !== undefined) {
      const text = formatRulesCsv(rules);
      await writeOutputFile(values.export, (partial) => fs.writeFileSync(partial, text));
    }
    report(
      values.json,
      { rules, count: rules.length, ...(values.export ? { exported: path.resolve(values.export) } : {}) },
      rules.map((r) => `${r.id}\t${r.kind}\t${r.severity}\t${r.classA} × ${r.classB}\t${r.reasonZh}`).join('\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}
