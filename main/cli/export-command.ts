/**
 * `cim export LAYER --workspace W.gpkg --format geojson|gpkg|shapefile|kml|csv --out FILE
 *  [--crs EPSG:4526] [--encoding UTF-8|GBK] [--json]`
 */
import path from 'node:path';
import { ExportFormat } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
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
      crs: { type: 'string' },
      encoding: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const format = ExportFormat.safeParse(required(values.format, '--format'));
  if (!format.success) {
    throw new CimError(
      'cli.usage',
      { message: `--format must be one of ${ExportFormat.options.join(', ')}, not ${values.format ?? ''}` },
      'args',
    );
  }
  const db = openWorkspaceDb(required(values.workspace, '--workspace'), { readonly: true });
  try {
    const out = await exportLayer(
      db,
      positionals[0] ?? '',
      format.data,
      path.resolve(required(values.out, '--out')),
      new Date(),
      { crs: values.crs, encoding: values.encoding },
    );
    report(
      values.json,
      { ...out, format: format.data, crs: values.crs ?? 'EPSG:4326' },
      `${out.path}: ${String(out.count)} features`,
    );
    return 0;
  } finally {
    db.close();
  }
}
