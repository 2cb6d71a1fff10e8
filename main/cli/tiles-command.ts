/**
 * `cim tiles build terrain|imagery|buildings ...`: the tile builds in-process, the same
 * code the `tiles` job runs in a worker.
 *   cim tiles build terrain   --workspace W --source dem.tif   [--name N] [--json]
 *   cim tiles build imagery   --workspace W --source ortho.tif [--name N] [--json]
 *   cim tiles build buildings --workspace W --layers a,b [--epochs 2022,2024] [--id-field F]
 *                             [--height-field F] [--terrain LAYER|dem.tif] [--name N] [--json]
 */
import { CimError } from '../../common/errors.js';
import { adoptUncataloguedTables, hasUncataloguedTables } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { runTilesBuild } from '../tiles-jobs/build-jobs.js';
import { tilesDirFor } from '../tiles-jobs/output.js';
import type { TilesParams } from '../tiles-jobs/params.js';
import { parse, progressLine, report, required } from './args.js';

const list = (v: string | undefined): string[] | undefined =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

const int = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new CimError('cli.usage', { message: `${flag} must be a whole number` }, 'args');
  return n;
};

function paramsOf(what: string, values: Record<string, string | boolean | undefined>): TilesParams {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? values[k] : undefined);
  const name = str('name');
  if (what === 'terrain' || what === 'imagery') {
    return {
      type: what,
      source: required(values.source, '--source'),
      name,
      maxLevel: int(str('max-level'), '--max-level'),
    };
  }
  if (what === 'buildings') {
    return {
      type: 'buildings',
      layers: list(required(values.layers, '--layers')) ?? [],
      epochs: list(str('epochs')),
      idField: str('id-field'),
      heightField: str('height-field'),
      floorsField: str('floors-field'),
      terrain: str('terrain'),
      name,
      maxPerTile: int(str('max-per-tile'), '--max-per-tile'),
    };
  }
  throw new CimError('cli.usage', { message: `cim tiles build terrain|imagery|buildings, not '${what}'` }, 'args');
}

export async function runTilesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      workspace: { type: 'string' },
      source: { type: 'string' },
      layers: { type: 'string' },
      epochs: { type: 'string' },
      'id-field': { type: 'string' },
      'height-field': { type: 'string' },
      'floors-field': { type: 'string' },
      terrain: { type: 'string' },
      name: { type: 'string' },
      'max-level': { type: 'string' },
      'max-per-tile': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    2,
  );
  if (positionals[0] !== 'build') {
    throw new CimError(
      'cli.usage',
      { message: `cim tiles build ..., not 'cim tiles ${positionals[0] ?? ''}'` },
      'args',
    );
  }
  const params = paramsOf(positionals[1] ?? '', values);
  const workspace = required(values.workspace, '--workspace');
  const db = openWorkspaceDb(workspace);
  try {
    // another program may be writing to the workspace: take the write lock only when needed
    if (hasUncataloguedTables(db))
      db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString())).immediate();
    let lastShown = -1;
    const summary = await runTilesBuild(db, tilesDirFor(workspace), params, {
      progress: (f, stage) => {
        const step = Math.floor(f * 10);
        if (step !== lastShown) progressLine(f, stage);
        lastShown = step;
      },
      isCancelled: () => false,
      now: () => new Date(),
    });
    report(
      values.json,
      { ...summary },
      `${summary.resultLayer}: ${String(summary.count)} (${String(summary.tilesWritten)} tiles, ${String(summary.bytes)} bytes) -> ${summary.root}`,
    );
    return 0;
  } finally {
    db.close();
  }
}
