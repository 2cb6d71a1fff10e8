/** `cim layers --workspace W.gpkg [--json]`: the layer catalog. */
import { adoptUncataloguedTables, hasUncataloguedTables, listLayers } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { parse, report, required } from './args.js';

export async function runLayersCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { workspace: { type: 'string' }, json: { type: 'boolean', default: false } });
  const db = openWorkspaceDb(required(values.workspace, '--workspace'));
  try {
    // another program may be writing to the workspace: take the write lock only when needed
    if (hasUncataloguedTables(db))
      db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString())).immediate();
    const layers = listLayers(db);
    report(
      values.json,
      { layers, count: layers.length },
      layers.map((l) => `${l.name}\t${l.geometryType}\t${String(l.featureCount)}`).join('\n'),
    );
    return await Promise.resolve(0);
  } finally {
    db.close();
  }
}
