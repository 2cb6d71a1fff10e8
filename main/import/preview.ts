/** What the import dialog shows before anything is written: layers, fields, extent, first rows. */
import type { ImportPreview } from '../../common/contract/index.js';
import { readOptions, type ImportOptionsInput } from './options.js';
import { openSource } from './registry.js';
import type { SourceFile, SourceLayer } from './types.js';

/** Enough features to show where the data lands on the globe without shipping the layer. */
const PREVIEW_FEATURES = 2000;
/** The preview lists the first repairs and skips; the import's result has them all. */
const MAX_SKIPPED_SHOWN = 200;

function previewCollection(layer: SourceLayer): unknown {
  const features: unknown[] = [];
  // Nothing can be placed on the globe until the CRS is known.
  if (!layer.crsKnown) return { type: 'FeatureCollection', features };
  for (const f of layer.features()) {
    if (features.length >= PREVIEW_FEATURES) break;
    if (f.geometry) features.push({ type: 'Feature', geometry: f.geometry, properties: {} });
  }
  return { type: 'FeatureCollection', features };
}

export async function previewImport(file: SourceFile, options: ImportOptionsInput = {}): Promise<ImportPreview> {
  const source = await openSource(file, readOptions(options, file.fileName));
  try {
    return {
      format: source.format,
      fileName: file.fileName,
      layers: source.layers.map((l) => ({
        sourceLayer: l.sourceLayer,
        suggestedName: l.suggestedName,
        geometryType: l.geometryType,
        featureCount: l.featureCount,
        fields: l.fields,
        bbox: l.bbox,
        crs: l.crs,
        crsKnown: l.crsKnown,
        suggestedCrs: l.suggestedCrs,
        encoding: l.encoding,
        warnings: l.warnings,
        ...(l.columns ? { columns: l.columns } : {}),
        skipped: l.skipped.slice(0, MAX_SKIPPED_SHOWN),
        sample: l.sample,
        previewGeoJson: previewCollection(l),
        ...(source.tiled ? { tiled: source.tiled.preview } : {}),
      })),
    };
  } finally {
    source.close();
  }
}
