/**
 * `cim import FILE --workspace W.gpkg [--name N] [--layer L] [--crs EPSG:4526|GCJ02|BD09]
 *  [--encoding GBK] [--x COLUMN --y COLUMN] [--json]`
 */
import path from 'node:path';
import { runImport } from '../import/run-import.js';
import { adoptUncataloguedTables } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { parse, progressLine, report, required } from './args.js';

export async function runImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      workspace: { type: 'string' },
      name: { type: 'string' },
      layer: { type: 'string' },
      crs: { type: 'string' },
      encoding: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const file = positionals[0] ?? '';
  const db = openWorkspaceDb(required(values.workspace, '--workspace'), { create: true });
  try {
    db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString()))();
    let lastShown = -1;
    const results = await runImport(
      db,
      {
        file: { path: path.resolve(file), fileName: path.basename(file) },
        name: values.name,
        sourceLayer: values.layer,
        options: { crs: values.crs, encoding: values.encoding, xColumn: values.x, yColumn: values.y },
      },
      {
        progress: (f, stage) => {
          const pct = Math.floor(f * 10);
          if (pct !== lastShown) progressLine(f, stage);
          lastShown = pct;
        },
        isCancelled: () => false,
        now: () => new Date(),
      },
    );
    const first = results[0];
    const summary = { ...first, layers: results };
    report(
      values.json,
      summary,
      results
        .map((r) => `${r.resultLayer}: ${String(r.count)} features (${String(r.skipped.length)} skipped/repaired)`)
        .join('\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}
