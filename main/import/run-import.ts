/**
 * An import job: open the source, then write one layer into the workspace in a single
 * transaction (table, R-tree, registrations, catalog row). Cancel or error rolls it all back.
 * Pure of transport: the CLI runs it in-process, the hosts run it in a worker thread.
 */
import type { ImportResult } from '../../common/contract/index.js';
import { CimError, importError } from '../../common/errors.js';
import { addLayer } from '../store/catalog.js';
import { type Db } from '../store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable, tableExists } from '../store/feature-table.js';
import { freeLayerName, layerNameFrom } from './fields.js';
import { readOptions, type ImportOptionsInput } from './options.js';
import { openSource } from './registry.js';
import { runTiledImport } from './tiled/tiled.js';
import { unknownCrs } from './survey.js';
import type { SourceFile, SourceLayer } from './types.js';

export interface ImportParams {
  file: SourceFile;
  sourceLayer?: string | undefined;
  name?: string | undefined;
  options?: ImportOptionsInput | undefined;
}

export interface JobControl {
  progress(fraction: number, stage: string): void;
  isCancelled(): boolean;
  now(): Date;
}

const BATCH = 2000;
/**
 * SQLite page cache while an import writes, KiB (SQLite's own default; better-sqlite3 raises
 * it to 16 MiB): rows are appended and the R-tree built at the end, so a small cache costs no
 * time and keeps the job's memory near ogr2ogr's (issue #19).
 */
const IMPORT_CACHE_KIB = 2000;

function pickLayers(layers: SourceLayer[], params: ImportParams): SourceLayer[] {
  if (!params.sourceLayer) return layers;
  const found = layers.find((l) => l.sourceLayer === params.sourceLayer);
  if (!found) throw importError('source_layer_not_found', { file: params.file.fileName, layer: params.sourceLayer });
  return [found];
}

export async function runImport(db: Db, params: ImportParams, control: JobControl): Promise<ImportResult[]> {
  const started = control.now().getTime();
  control.progress(0, 'jobs.import.reading');
  const source = await openSource(params.file, readOptions(params.options ?? {}, params.file.fileName));
  try {
    const layers = pickLayers(source.layers, params);
    const unknown = layers.find((l) => !l.crsKnown);
    if (unknown) throw unknownCrs(params.file.fileName, unknown.crs);
    if (source.tiled) {
      const layer = layers[0] ?? { suggestedName: 'layer', skipped: [] };
      return [await runTiledImport(db, source.tiled, layer, params, control)];
    }
    if (params.name && layers.length > 1) {
      throw importError('name_needs_one_layer', { file: params.file.fileName, layers: layers.length });
    }
    const total = layers.reduce((s, l) => s + l.featureCount, 0) || 1;
    let done = 0;
    const results: ImportResult[] = [];
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma(`cache_size = -${String(IMPORT_CACHE_KIB)}`);
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const layer of layers) {
        const name = freeLayerName(params.name ? layerNameFrom(params.name) : layer.suggestedName, (n) =>
          tableExists(db, n),
        );
        // A name the user gave is also the title; otherwise the title says where it came from.
        const title = params.name ? name : layer.sourceLayer;
        const spec = { name, title, geometryType: layer.geometryType, fields: layer.fields };
        createFeatureTable(db, spec);
        const writer = featureWriter(db, spec);
        for (const f of layer.features()) {
          writer.write(f.geometry, f.values);
          done += 1;
          if (done % BATCH === 0) {
            if (control.isCancelled()) throw new CimError('jobs.cancelled', { file: params.file.fileName });
            control.progress(0.1 + (0.9 * done) / total, 'jobs.import.writing');
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        finishFeatureTable(db, name, writer.extent());
        addLayer(db, {
          name,
          title,
          sourceCrs: layer.crs,
          sourceFile: params.file.fileName,
          createdAt: control.now().toISOString(),
        });
        results.push({
          resultLayer: name,
          count: writer.count(),
          skipped: layer.skipped,
          durationMs: control.now().getTime() - started,
          sourceCrs: layer.crs,
          warnings: layer.warnings,
        });
      }
      if (control.isCancelled()) throw new CimError('jobs.cancelled', { file: params.file.fileName });
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    } finally {
      db.pragma(`cache_size = ${String(cacheSize)}`);
    }
    control.progress(1, 'jobs.import.done');
    return results;
  } finally {
    source.close();
  }
}
