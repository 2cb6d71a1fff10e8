/**
 * Export a workspace layer to GeoJSON, GeoPackage, ESRI Shapefile (a folder of parts or a
 * .zip), KML or CSV, in a chosen CRS (`EPSG:4526`…; KML is WGS 84 by definition) and, for
 * Shapefile and CSV, a chosen text encoding (UTF-8 by default, GBK on request).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { zipSync } from 'fflate';
import { esriWkt, ogcWkt } from '../../layers/crs-wkt.js';
import { CimError, storeError } from '../../common/errors.js';
import { encodingFromName, encodingLabel } from '../import/text-encoding.js';
import { addLayer } from '../store/catalog.js';
import { openWorkspaceDb, type Db } from '../store/connection.js';
import { prepareOutputFile, writeOutputFile, writeOutputFiles } from '../store/files.js';
import {
  createFeatureTable,
  describeFeatureTable,
  featureWriter,
  finishFeatureTable,
  iterateFeatures,
  type FeatureTableInfo,
} from '../store/feature-table.js';
import { encode } from './dbf-fields.js';
import { geojsonStream } from './feature-stream.js';
import { writeShapefile } from './shapefile-writer.js';
import { mapGeometry, targetCrs, type TargetCrs } from './target-crs.js';
import { csvChunks, geojsonChunks, kmlChunks, type TextFeature } from './text-writers.js';

export type ExportFormat = 'geojson' | 'gpkg' | 'shapefile' | 'kml' | 'csv';

export interface ExportOptions {
  /** `EPSG:4526`…; default EPSG:4326. */
  crs?: string | undefined;
  /** Shapefile and CSV text: `UTF-8` (default) or `GBK` (any code page iconv-lite knows). */
  encoding?: string | undefined;
}

export interface ExportOutcome {
  path: string;
  count: number;
}

/** The file name extension a format is written with (a shapefile download is a zip). */
export const EXPORT_EXTENSION: Readonly<Record<ExportFormat, string>> = {
  geojson: 'geojson',
  gpkg: 'gpkg',
  shapefile: 'zip',
  kml: 'kml',
  csv: 'csv',
};

function* features(db: Db, info: FeatureTableInfo, crs: TargetCrs): Generator<TextFeature> {
  for (const f of iterateFeatures(db, info)) {
    yield {
      geometry: f.geometry ? mapGeometry(f.geometry, crs.transform) : null,
      values: info.fields.map((fd) => f.properties[fd.name] ?? null),
    };
  }
}

function encodingOf(options: ExportOptions): string {
  const name = encodingFromName(options.encoding ?? 'UTF-8');
  if (!name) throw new CimError('export.unknown_encoding', { encoding: options.encoding ?? '' });
  return name;
}

async function writeText(chunks: Iterable<string>, target: string, encoding = 'utf8'): Promise<void> {
  const encoder = new Transform({
    transform(chunk: string | Buffer, _enc, done) {
      done(null, encode(chunk.toString(), encoding));
    },
  });
  await pipeline(Readable.from(chunks, { objectMode: false }), encoder, fs.createWriteStream(target));
}

function ensureSrs(out: Db, crs: TargetCrs): void {
  const have = out.prepare('SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(crs.def.epsg);
  if (have) return;
  out
    .prepare(
      'INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(crs.def.name, crs.def.epsg, 'EPSG', crs.def.epsg, ogcWkt(crs.def), crs.def.name);
}

function exportGpkg(db: Db, info: FeatureTableInfo, target: string, crs: TargetCrs, now: Date): number {
  const out = openWorkspaceDb(target, { create: true });
  try {
    let count = 0;
    out.transaction(() => {
      ensureSrs(out, crs);
      const spec = {
        name: info.name,
        title: info.name,
        geometryType: info.geometryType,
        fields: info.fields,
        srsId: crs.def.epsg,
      };
      createFeatureTable(out, spec);
      const writer = featureWriter(out, spec);
      for (const f of features(db, info, crs)) writer.write(f.geometry, f.values);
      finishFeatureTable(out, info.name, writer.extent());
      // A workspace holds lon/lat; a projected export is a plain GeoPackage, not catalogued.
      if (crs.def.projection === null) {
        addLayer(out, {
          name: info.name,
          title: info.name,
          sourceCrs: `EPSG:${String(crs.def.epsg)}`,
          sourceFile: null,
          createdAt: now.toISOString(),
        });
      }
      count = writer.count();
    })();
    return count;
  } finally {
    out.close();
  }
}

const SHAPEFILE_PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'] as const;

/** A shapefile's parts beside `target` (F.shp), or in a zip (F.zip) built in a temporary folder. */
async function exportShapefile(
  db: Db,
  info: FeatureTableInfo,
  target: string,
  crs: TargetCrs,
  encoding: string,
  now: Date,
): Promise<number> {
  const zip = target.toLowerCase().endsWith('.zip');
  const stem = zip ? path.basename(target, path.extname(target)) : path.basename(target).replace(/\.shp$/i, '');
  const write = (base: string): number =>
    writeShapefile(
      {
        base,
        layer: info.name,
        geometryType: info.geometryType,
        fields: info.fields,
        encoding,
        cpg: encodingLabel(encoding),
        prj: esriWkt(crs.def),
        features: () => features(db, info, crs),
      },
      now,
    );
  if (!zip) {
    const base = path.join(path.dirname(target), stem);
    if (fs.existsSync(`${base}.shp`)) throw storeError('export_target_exists', { file: `${base}.shp` });
    return writeOutputFiles(
      SHAPEFILE_PARTS.map((ext) => `${base}${ext}`),
      (partials) => write((partials[0] ?? '').replace(/\.shp$/, '')),
    );
  }
  return writeOutputFile(target, (partial) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cim-shp-'));
    try {
      const count = write(path.join(dir, stem));
      const parts = Object.fromEntries(
        SHAPEFILE_PARTS.map((ext) => [
          `${stem}${ext}`,
          new Uint8Array(fs.readFileSync(path.join(dir, `${stem}${ext}`))),
        ]),
      );
      fs.writeFileSync(partial, zipSync(parts));
      return count;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * Writes `layer` to `target`. A missing folder is created for every format; a bad place is
 * refused with the file's name and the reason (`file.*`); the file appears only once it is
 * complete (main/store/files.ts). GeoJSON, KML and CSV replace an existing file; GeoPackage
 * and Shapefile refuse one (`export_target_exists`).
 */
export async function exportLayer(
  db: Db,
  layer: string,
  format: ExportFormat,
  target: string,
  now: Date,
  options: ExportOptions = {},
): Promise<ExportOutcome> {
  const info = describeFeatureTable(db, layer);
  const crs = targetCrs(options.crs);
  // every refusal that is not about the place comes before a folder is made for the file
  if (format === 'kml' && crs.def.epsg !== 4326) {
    throw new CimError('export.kml_wgs84_only', { crs: options.crs ?? '' });
  }
  const encoding = format === 'shapefile' || format === 'csv' ? encodingOf(options) : 'utf8';
  const file = prepareOutputFile(target);
  const count = (): number =>
    (db.prepare(`SELECT count(*) AS n FROM "${layer.replaceAll('"', '""')}"`).get() as { n: number }).n;
  if ((format === 'gpkg' || format === 'shapefile') && fs.existsSync(file)) {
    throw storeError('export_target_exists', { file });
  }
  switch (format) {
    case 'geojson':
      await writeOutputFile(file, async (partial) => {
        if (crs.def.epsg === 4326) await pipeline(geojsonStream(db, layer), fs.createWriteStream(partial));
        else await writeText(geojsonChunks(layer, crs.def.epsg, info.fields, features(db, info, crs)), partial);
      });
      return { path: file, count: count() };
    case 'gpkg':
      return { path: file, count: await writeOutputFile(file, (partial) => exportGpkg(db, info, partial, crs, now)) };
    case 'shapefile':
      return { path: file, count: await exportShapefile(db, info, file, crs, encoding, now) };
    case 'kml':
      await writeOutputFile(file, (partial) =>
        writeText(kmlChunks(layer, info.fields, features(db, info, crs)), partial),
      );
      return { path: file, count: count() };
    case 'csv': {
      await writeOutputFile(file, (partial) =>
        writeText(
          csvChunks(info.geometryType, info.fields, features(db, info, crs), encoding === 'utf8'),
          partial,
          encoding,
        ),
      );
      return { path: file, count: count() };
    }
  }
}
