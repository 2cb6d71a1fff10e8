/**
 * ESRI Shapefile reader (.shp with .shx/.dbf/.prj/.cpg beside it, or a .zip of one or
 * more): our own streaming parser (shp.ts, dbf.ts). The .dbf is required: without it the
 * attributes are lost, and the import is refused with the part named. A missing .shx is
 * tolerated (records are read in sequence) and said in the preview. The CRS comes from the
 * .prj (crs/prj-match.ts) and the text encoding from the .cpg, else detection.
 * Environment: node.
 */
import path from 'node:path';
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError, importError } from '../../../common/errors.js';
import { matchWkt } from '../crs/prj-match.js';
import type { CrsChoice } from '../crs/source-crs.js';
import { layerNameFrom, uniqueFieldNames } from '../fields.js';
import { surveyedLayer, type RawFeature } from '../survey.js';
import {
  decodeText,
  detectEncoding,
  encodingFromName,
  encodingLabel,
  encodingOfLdid,
  overrideEncoding,
  type ChosenEncoding,
} from '../text-encoding.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile, SourceLayer } from '../types.js';
import { fieldType, readDbfHeader, readDbfRecord, textSample, type DbfHeader } from './dbf.js';
import { closeParts, partsInZip, partsOnDisk, type ShapefileParts } from './parts.js';
import { shapeGeometry } from './shape-geometry.js';
import { readShpHeader, readShxOffsets, shpRecords } from './shp.js';

function sourceCrs(p: ShapefileParts, options: ReadOptions): { crs: CrsChoice | null; name: string } {
  if (options.crs) return { crs: options.crs, name: '' };
  if (!p.prj || p.prj.length === 0) return { crs: null, name: '' };
  const m = matchWkt(p.prj.toString('utf8'), `${p.name}.prj`);
  return m.known ? { crs: { kind: 'epsg', epsg: m.epsg }, name: '' } : { crs: null, name: m.name };
}

function chooseEncoding(p: ShapefileParts, dbf: DbfHeader, options: ReadOptions, warnings: string[]): ChosenEncoding {
  if (options.encoding) return overrideEncoding(options.encoding, p.label);
  const cpgText = p.cpg?.toString('latin1').trim() ?? '';
  if (cpgText) {
    const name = encodingFromName(cpgText);
    if (name) return { name, source: 'cpg' };
    warnings.push('unknown_cpg');
  }
  return detectEncoding(textSample(p.dbf ?? p.shp, dbf), encodingOfLdid(dbf.ldid));
}

function layerOf(p: ShapefileParts, options: ReadOptions): SourceLayer {
  const shpHeader = readShpHeader(p.shp, p.label);
  if (!p.dbf) throw importError('shp_missing_part', { file: p.label, part: '.dbf' });
  const dbfSrc = p.dbf;
  const dbf = readDbfHeader(dbfSrc, `${p.name}.dbf`);
  const warnings: string[] = [];
  const offsets = p.shx ? readShxOffsets(p.shx, `${p.name}.shx`) : null;
  if (!offsets) warnings.push('missing_shx');
  if (offsets && offsets.length !== dbf.records) {
    throw importError('shp_dbf_mismatch', { file: p.label, shapes: offsets.length, records: dbf.records });
  }
  const encoding = chooseEncoding(p, dbf, options, warnings);
  // A name cut at the 10-byte limit inside a multi-byte character loses that character
  // (GDAL keeps the stray bytes, which no text field can hold).
  const names = uniqueFieldNames(dbf.fields.map((f) => decodeText(f.nameBytes, encoding.name).replace(/\uFFFD+$/, '')));
  const types = dbf.fields.map(fieldType);
  const fields: FieldDef[] = names.map((name, i) => ({ name, type: types[i] ?? 'TEXT' }));
  const { crs, name: unknownCrsName } = sourceCrs(p, options);
  const dbfName = `${p.name}.dbf`;

  function* read(wantValues: () => boolean): Generator<RawFeature> {
    let n = 0;
    for (const { record, shape } of shpRecords(p.shp, p.label, offsets)) {
      n = record;
      if (record > dbf.records) {
        throw importError('shp_dbf_mismatch', { file: p.label, shapes: record, records: dbf.records });
      }
      const values = readDbfRecord(dbfSrc, dbf, record - 1, types, encoding.name, dbfName, wantValues());
      if (values === null) {
        yield { record, geometry: null, values: [], skipped: 'deleted_record' };
        continue;
      }
      const outcome = shapeGeometry(shape);
      yield { record, geometry: outcome.geometry, values, skipped: outcome.skipped, repaired: outcome.repaired };
    }
    if (n !== dbf.records) throw importError('shp_dbf_mismatch', { file: p.label, shapes: n, records: dbf.records });
  }

  if (shpHeader.family === 'multipatch') warnings.push('multipatch');
  return surveyedLayer(
    p.label,
    {
      sourceLayer: p.name,
      suggestedName: layerNameFrom(p.name),
      fields,
      crs,
      unknownCrsName,
      encoding: encodingLabel(encoding.name),
      warnings,
    },
    read,
  );
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  const isZip = path.extname(file.fileName).toLowerCase() === '.zip';
  const all = isZip ? partsInZip(file) : [partsOnDisk(file)];
  try {
    const layers = all.map((p) => layerOf(p, options));
    return await Promise.resolve({
      format: 'shapefile' as const,
      layers,
      close: () => all.forEach(closeParts),
    });
  } catch (err) {
    all.forEach(closeParts);
    if (err instanceof CimError) throw err;
    throw importError('shp_unreadable', {
      file: file.fileName,
      reason: err instanceof Error ? err.message : String(err),
    });
  }
}

export const shapefileReader: FormatReader = { format: 'shapefile', extensions: ['.shp', '.zip'], open };
