/**
 * `cim import FILE --workspace W.gpkg [--name N] [--layer L] [--crs EPSG:4526|GCJ02|BD09]
 *  [--encoding GBK] [--x COLUMN --y COLUMN] [--target terrain|imagery] [--lod 2.2]
 *  [--lon D --lat D --height M --heading D --scale S] [--json]`
 */
import path from 'node:path';
import { runImport } from '../import/run-import.js';
import { adoptUncataloguedTables, hasUncataloguedTables } from '../store/catalog.js';
import { openWorkspaceDb } from '../store/connection.js';
import { CimError } from '../../common/errors.js';
import type { TiledOptions } from '../import/types.js';
import { parse, progressLine, report, required } from './args.js';

type Flags = Partial<Record<'target' | 'lod' | 'lon' | 'lat' | 'height' | 'heading' | 'scale', string>>;

/** The tile-set options: a raster's target, a CityJSON LoD, a model's placement (lon and lat make one). */
function tiledOptions(v: Flags): TiledOptions {
  const out: TiledOptions = {};
  if (v.target !== undefined) {
    if (v.target !== 'terrain' && v.target !== 'imagery')
      throw new CimError('cli.usage', { message: `--target must be terrain or imagery, not ${v.target}` }, 'args');
    out.target = v.target;
  }
  if (v.lod !== undefined) out.lod = v.lod;
  if (v.lon === undefined && v.lat === undefined) return out;
  const num = (flag: keyof Flags, fallback: number | null): number => {
    const raw = v[flag];
    const n = raw === undefined ? fallback : Number(raw);
    if (n === null || !Number.isFinite(n)) {
      throw new CimError('cli.usage', { message: `--${flag} needs a number (got ${raw ?? 'nothing'})` }, 'args');
    }
    return n;
  };
  out.placement = {
    lon: num('lon', null),
    lat: num('lat', null),
    heightM: num('height', 0),
    headingDeg: num('heading', 0),
    scale: num('scale', 1),
  };
  return out;
}

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
      target: { type: 'string' },
      lod: { type: 'string' },
      lon: { type: 'string' },
      lat: { type: 'string' },
      height: { type: 'string' },
      heading: { type: 'string' },
      scale: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const file = positionals[0] ?? '';
  const db = openWorkspaceDb(required(values.workspace, '--workspace'), { create: true });
  try {
    // another program may be writing to the workspace: take the write lock only when needed
    if (hasUncataloguedTables(db))
      db.transaction(() => adoptUncataloguedTables(db, new Date().toISOString())).immediate();
    let lastShown = -1;
    const results = await runImport(
      db,
      {
        file: { path: path.resolve(file), fileName: path.basename(file) },
        name: values.name,
        sourceLayer: values.layer,
        options: {
          crs: values.crs,
          encoding: values.encoding,
          xColumn: values.x,
          yColumn: values.y,
          ...tiledOptions(values),
        },
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
        .map((r) =>
          r.kind
            ? `${r.resultLayer}: ${r.kind}, ${String(r.count)} ${r.kind === 'tiles3d' ? 'objects' : 'tiles'} (${String(r.skipped.length)} skipped)`
            : `${r.resultLayer}: ${String(r.count)} features (${String(r.skipped.length)} skipped/repaired)`,
        )
        .join('\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}
