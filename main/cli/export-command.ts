/** `cim export LAYER --workspace W.gpkg --format geojson|gpkg --out FILE [--json]` */
import path from 'node:path';
import { CimError } from '../api/errors.js';
import { exportLayer } from '../export/export-layer.js';
import { openWorkspaceDb } from '../store/connection.js';
import { parse, report, required } from './args.js';

export async function runExportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      workspace: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const format = required(values.format, '--format');
  if (format !== 'geojson' && format !== 'gpkg') {
    throw new CimError('cli.usage', { message: `--format must be geojson or gpkg, not ${format}` }, 'args');
  }
  const db = openWorkspaceDb(required(values.workspace, '--workspace'), { readonly: true });
  try {
    const out = await exportLayer(
      db,
      positionals[0] ?? '',
      format,
      path.resolve(required(values.out, '--out')),
      new Date(),
    );
    report(values.json, { ...out, format }, `${out.path}: ${String(out.count)} features`);
    return 0;
  } finally {
    db.close();
  }
}
