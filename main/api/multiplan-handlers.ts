/**
 * Handlers of the multi-plan review's own calls (contract: rules.*, multiplan.conflicts),
 * merged into the handler table; starting a review and reading its runs are the shared
 * analysis calls. Environment: node.
 */
import path from 'node:path';
import type { Input, Output } from '../../common/contract/index.js';
import { listConflicts } from '../analysis/multiplan/conflict-list.js';
import { formatRulesCsv, parseRulesCsv } from '../analysis/multiplan/rules-csv.js';
import { listRules, resetRules, saveRules } from '../analysis/multiplan/rules-table.js';
import type { Db } from '../store/connection.js';

export interface MultiplanHandlerDeps {
  db(): Db;
  write<T>(fn: () => T): Promise<T>;
}

type MultiplanMethods =
  'rules.list' | 'rules.save' | 'rules.reset' | 'rules.importCsv' | 'rules.exportCsv' | 'multiplan.conflicts';

export function createMultiplanHandlers(d: MultiplanHandlerDeps): {
  [M in MultiplanMethods]: (input: Input<M>) => Promise<Output<M>>;
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
    'multiplan.conflicts': (i) =>
      Promise.resolve(listConflicts(d.db(), i.layer, i.sort ?? 'area', i.offset ?? 0, i.limit ?? 200)),
  };
}
