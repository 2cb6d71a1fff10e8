/**
 * Sources that become tile sets (GeoTIFF -> terrain/imagery, CityJSON and glTF -> 3D Tiles,
 * an existing tileset registered in place) go through the import registry like vector
 * formats: the preview shows a footprint and what the tile set will be, the import job runs
 * a tiles/ builder into a staging folder and catalogues the layer in one transaction
 * (main/tiles-jobs `runStaged`). Environment: node.
 */
import type { ImportResult } from '../../../common/contract/index.js';
import type { Db } from '../../store/connection.js';
import { tableExists } from '../../store/feature-table.js';
import { runStaged } from '../../tiles-jobs/build-jobs.js';
import { tilesDirFor } from '../../tiles-jobs/output.js';
import { freeLayerName, layerNameFrom } from '../fields.js';
import type { ImportOptionsInput } from '../options.js';
import type { BuildControl as JobControl } from '../../../tiles/jobs/control.js';
import type { SourceLayer, TiledBuildContext, TiledImport } from '../types.js';

function taken(db: Db, name: string): boolean {
  return (
    tableExists(db, name) || db.prepare('SELECT 1 FROM cim_layers WHERE lower(name) = lower(?)').get(name) !== undefined
  );
}

/** A free layer name: the user's, or the source's suggestion (`RGB.byte.tif` -> `RGB_byte`). */
function tiledLayerName(db: Db, suggested: string, wanted: string | undefined): string {
  return freeLayerName(wanted ? layerNameFrom(wanted) : suggested, (n) => taken(db, n));
}

export async function runTiledImport(
  db: Db,
  tiled: TiledImport,
  layer: Pick<SourceLayer, 'suggestedName' | 'skipped'>,
  params: { name?: string | undefined; options?: ImportOptionsInput | undefined },
  control: JobControl,
): Promise<ImportResult> {
  const started = control.now().getTime();
  const ctx: TiledBuildContext = {
    db,
    tilesDir: tilesDirFor(db.name),
    name: tiledLayerName(db, layer.suggestedName, params.name),
    options: params.options ?? {},
    control,
  };
  if (tiled.register) return tiled.register(ctx);
  const summary = await runStaged(db, ctx.tilesDir, tiled.kindFor(ctx.options), ctx.name, control, (dir) =>
    tiled.build(dir, ctx),
  );
  return {
    resultLayer: summary.resultLayer,
    count: summary.count,
    skipped: layer.skipped,
    durationMs: control.now().getTime() - started,
    sourceCrs: tiled.sourceCrs,
    warnings: summary.warnings.map((w) => w.code),
    kind: summary.kind,
  };
}
