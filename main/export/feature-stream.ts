/** A layer as GeoJSON text, produced row by row so a large layer never sits in memory. */
import { Readable } from 'node:stream';
import type { Db } from '../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../store/feature-table.js';

const FEATURES_PER_CHUNK = 500;

export function* geojsonChunks(db: Db, layer: string): Generator<string> {
  const info = describeFeatureTable(db, layer);
  yield `{"type":"FeatureCollection","name":${JSON.stringify(layer)},"features":[\n`;
  let buffer: string[] = [];
  let first = true;
  for (const f of iterateFeatures(db, info)) {
    buffer.push(JSON.stringify({ type: 'Feature', id: f.fid, geometry: f.geometry, properties: f.properties }));
    if (buffer.length === FEATURES_PER_CHUNK) {
      yield (first ? '' : ',\n') + buffer.join(',\n');
      first = false;
      buffer = [];
    }
  }
  if (buffer.length) yield (first ? '' : ',\n') + buffer.join(',\n');
  yield '\n]}\n';
}

export function geojsonStream(db: Db, layer: string): Readable {
  // Validate up front so a missing layer is an error reply, not a broken stream.
  describeFeatureTable(db, layer);
  return Readable.from(geojsonChunks(db, layer), { objectMode: false });
}
