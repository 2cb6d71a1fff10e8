/** A review's run record (cim_analysis_runs, migration 4): its summary, kept with its result layer. Environment: node. */
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { tableExists } from '../../store/feature-table.js';
import type { MultiplanSummary } from './types.js';

export function runSummary(db: Db, layer: string): MultiplanSummary {
  const row = db
    .prepare("SELECT summary FROM cim_analysis_runs WHERE result_layer = ? AND kind = 'multiplan'")
    .get(layer) as { summary: string } | undefined;
  if (!row || !tableExists(db, layer)) throw new CimError('multiplan.no_run', { layer });
  return JSON.parse(row.summary) as MultiplanSummary;
}
