/** What the import dialog shows before anything is written: layers, fields, extent, first rows. */
import type { ImportPreview } from '../api/contract.js';
import { openSource } from './registry.js';
import type { SourceFile, SourceLayer } from './types.js';

/** Enough features to show where the data lands on the globe without shipping the layer. */
const PREVIEW_FEATURES = 2000;

function previewCollection(layer: SourceLayer): unknown {
  const features: unknown[] = [];
  for (const f of layer.features()) {
    if (features.length >= PREVIEW_FEATURES) break;
    if (f.geometry) features.push({ type: 'Feature', geometry: f.geometry, properties: {} });
  }
  return { type: 'FeatureCollection', features };
}

export async function previewImport(file: SourceFile): Promise<ImportPreview> {
  const source = await openSource(file);
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
        sample: l.sample,
        previewGeoJson: previewCollection(l),
      })),
    };
  } finally {
    source.close();
  }
}
