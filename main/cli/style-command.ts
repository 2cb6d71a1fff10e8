/**
 * `cim style import|export --workspace W --layer L --qml file.qml [--json]`: a layer's style
 * read from a QGIS .qml (categorised, graduated or single-symbol fills) and saved in the
 * workspace, or the saved style written as a .qml QGIS 3.22 opens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { openWorkspaceDb } from '../store/connection.js';
import { isWorkspaceFile, writeOutputFile } from '../store/files.js';
import { exportLayerQml, importLayerQml } from '../style/layer-style.js';
import { parse, report, required } from './args.js';

function readQml(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CimError('style.qml_unreadable', {
      file,
      message: err instanceof Error ? err.message : String(err),
    });
  }
}

export async function runStyleCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'import' && action !== 'export') {
    throw new CimError('cli.usage', { message: 'cim style import|export --workspace W --layer L --qml F' }, 'args');
  }
  const { values } = parse(rest, {
    workspace: { type: 'string' },
    layer: { type: 'string' },
    qml: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const layer = required(values.layer, '--layer');
  const file = path.resolve(required(values.qml, '--qml'));
  // a workspace is opened by SQLite only: reading or writing it with fs would lose its locks
  if (isWorkspaceFile(file)) throw new CimError('style.qml_is_workspace', { file }, 'args');
  const db = openWorkspaceDb(required(values.workspace, '--workspace'));
  try {
    if (action === 'import') {
      const text = readQml(file);
      const { layer: entry, notes } = db.transaction(() => importLayerQml(db, layer, text, file)).immediate();
      const t = entry.style.thematic;
      const classes = t?.categories?.length ?? t?.ranges?.length ?? 0;
      report(
        values.json,
        { layer: entry.name, style: entry.style, notes, imported: file },
        [`${entry.name}\t${t?.method ?? 'single'}\t${t?.field ?? ''}\t${String(classes)}`, ...notes].join('\n'),
      );
    } else {
      const { qml } = exportLayerQml(db, layer);
      await writeOutputFile(file, (partial) => fs.writeFileSync(partial, qml));
      report(values.json, { layer, exported: file, bytes: Buffer.byteLength(qml) }, file);
    }
    return 0;
  } finally {
    db.close();
  }
}
