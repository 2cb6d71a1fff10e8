/** Export a workspace layer to GeoJSON or a new GeoPackage (more formats and CRSs: #4). */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { storeError } from '../api/errors.js';
import { addLayer } from '../store/catalog.js';
import { openWorkspaceDb, type Db } from '../store/connection.js';
import {
  createFeatureTable,
  describeFeatureTable,
  featureWriter,
  finishFeatureTable,
  iterateFeatures,
} from '../store/feature-table.js';
import { geojsonStream } from './feature-stream.js';

export interface ExportOutcome {
  path: string;
  count: number;
}

export async function exportLayer(
  db: Db,
  layer: string,
  format: 'geojson' | 'gpkg',
  target: string,
  now: Date,
): Promise<ExportOutcome> {
  const info = describeFeatureTable(db, layer);
  if (format === 'geojson') {
    await pipeline(geojsonStream(db, layer), fs.createWriteStream(target));
    const count = (db.prepare(`SELECT count(*) AS n FROM "${layer.replaceAll('"', '""')}"`).get() as { n: number }).n;
    return { path: target, count };
  }
  if (fs.existsSync(target)) throw storeError('export_target_exists', { file: target });
  const out = openWorkspaceDb(target, { create: true });
  try {
    let count = 0;
    out.transaction(() => {
      const spec = { name: layer, title: layer, geometryType: info.geometryType, fields: info.fields };
      createFeatureTable(out, spec);
      const writer = featureWriter(out, spec);
      for (const f of iterateFeatures(db, info))
        writer.write(
          f.geometry,
          info.fields.map((fd) => f.properties[fd.name]),
        );
      finishFeatureTable(out, layer, writer.extent());
      addLayer(out, {
        name: layer,
        title: layer,
        sourceCrs: 'EPSG:4326',
        sourceFile: null,
        createdAt: now.toISOString(),
      });
      count = writer.count();
    })();
    return { path: target, count };
  } finally {
    out.close();
  }
}
