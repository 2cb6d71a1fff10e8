/**
 * A layer's attributes as CSV for spreadsheets: UTF-8 with a BOM (Excel on a Chinese
 * Windows then reads the Chinese right), the fid, every field, and each feature's
 * bounding-box centre in lon/lat (a place to find it again). Environment: node.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { Db } from '../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../store/feature-table.js';
import { envelopeOf } from '../store/gpkg-geometry.js';

export function writeLayerCsv(db: Db, layer: string, out: string): { path: string; count: number } {
  const info = describeFeatureTable(db, layer);
  const header = ['fid', ...info.fields.map((f) => f.name), 'centre_lon', 'centre_lat'];
  const fd = fs.openSync(out, 'w');
  let count = 0;
  try {
    fs.writeSync(fd, `\uFEFF${Papa.unparse([header])}\r\n`);
    let batch: unknown[][] = [];
    const flush = (): void => {
      if (batch.length > 0) fs.writeSync(fd, `${Papa.unparse(batch)}\r\n`);
      batch = [];
    };
    for (const f of iterateFeatures(db, info)) {
      const env = f.geometry ? envelopeOf(f.geometry) : null;
      const values = info.fields.map((field) => {
        const v = f.properties[field.name];
        return typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
      });
      batch.push([f.fid, ...values, env ? (env[0] + env[1]) / 2 : null, env ? (env[2] + env[3]) / 2 : null]);
      count++;
      if (batch.length === 2000) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { path: out, count };
}
