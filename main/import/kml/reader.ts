/**
 * KML / KMZ reader: every Placemark in document order, in Documents and nested Folders.
 * Fields: name and description where any placemark has them, the Folder path, then
 * ExtendedData (SchemaData/SimpleData typed by the Schema's SimpleField, Data/value as
 * text). Styles are ignored. KML is WGS 84 lon/lat by definition (OGC 07-147r2 §6.2); a
 * GCJ-02 or BD-09 override converts data traced from Chinese web maps. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { FieldDef, FieldType } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import { layerNameFrom, uniqueFieldNames } from '../fields.js';
import { surveyedLayer, type RawFeature } from '../survey.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile } from '../types.js';
import { asArray, placemarkGeometry, textOf, type XmlNode } from './kml-geometry.js';

const CONTAINERS = ['Document', 'Folder'];

function kmlText(file: SourceFile): string {
  const bytes = fs.readFileSync(file.path);
  if (path.extname(file.fileName).toLowerCase() !== '.kmz') return bytes.toString('utf8');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.toLowerCase().endsWith('.kml') });
  } catch (err) {
    throw importError('bad_zip', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
  }
  // KMZ: the root doc.kml, else the first .kml at the shallowest level (KML 2.2 §C).
  const names = Object.keys(entries).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0];
  if (!main) throw importError('kmz_no_kml', { file: file.fileName });
  return Buffer.from(entries[main] ?? new Uint8Array()).toString('utf8');
}

function parse(text: string, file: string): XmlNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (err) {
    throw importError('bad_xml', { file, reason: (err instanceof Error ? err.message : String(err)).slice(0, 120) });
  }
  const kml = doc.kml;
  if (!kml || typeof kml !== 'object') throw importError('not_kml', { file });
  return kml as XmlNode;
}

interface Found {
  placemark: XmlNode;
  folder: string;
}

function collect(node: XmlNode, folder: string, out: Found[], schemas: XmlNode[]): void {
  schemas.push(...(asArray(node.Schema) as XmlNode[]));
  for (const p of asArray(node.Placemark)) out.push({ placemark: p as XmlNode, folder });
  for (const key of CONTAINERS) {
    for (const c of asArray(node[key])) {
      const child = c as XmlNode;
      const name = key === 'Folder' ? textOf(child.name).trim() : '';
      collect(child, name ? (folder ? `${folder}/${name}` : name) : folder, out, schemas);
    }
  }
}

const SCHEMA_TYPES: Readonly<Record<string, FieldType>> = {
  int: 'INTEGER',
  uint: 'INTEGER',
  short: 'INTEGER',
  ushort: 'INTEGER',
  float: 'REAL',
  double: 'REAL',
  bool: 'BOOLEAN',
};

function extendedData(p: XmlNode): [string, string][] {
  const ext = p.ExtendedData as XmlNode | undefined;
  if (!ext) return [];
  const out: [string, string][] = [];
  for (const sd of asArray(ext.SchemaData)) {
    for (const d of asArray((sd as XmlNode).SimpleData)) out.push([textOf((d as XmlNode)['@_name']), textOf(d)]);
  }
  for (const d of asArray(ext.Data)) out.push([textOf((d as XmlNode)['@_name']), textOf((d as XmlNode).value)]);
  return out;
}

function typed(text: string, type: FieldType): unknown {
  if (type === 'TEXT') return text;
  if (text.trim() === '') return null;
  if (type === 'BOOLEAN') return text === '1' || text.toLowerCase() === 'true';
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  const kml = parse(kmlText(file), file.fileName);
  const found: Found[] = [];
  const schemaNodes: XmlNode[] = [];
  collect(kml, '', found, schemaNodes);
  const schemaTypes = new Map<string, FieldType>();
  for (const s of schemaNodes) {
    for (const f of asArray(s.SimpleField)) {
      const field = f as XmlNode;
      schemaTypes.set(textOf(field['@_name']), SCHEMA_TYPES[textOf(field['@_type'])] ?? 'TEXT');
    }
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (k: string): void => {
    if (!seen.has(k)) keys.push(k);
    seen.add(k);
  };
  if (found.some((f) => textOf(f.placemark.name).trim())) add('name');
  if (found.some((f) => textOf(f.placemark.description).trim())) add('description');
  if (found.some((f) => f.folder)) add('folder');
  for (const f of found) for (const [k] of extendedData(f.placemark)) if (k) add(k);
  const names = uniqueFieldNames(keys);
  const types = keys.map((k) => schemaTypes.get(k) ?? 'TEXT');
  const fields: FieldDef[] = names.map((name, i) => ({ name, type: types[i] ?? 'TEXT' }));

  function* read(): Generator<RawFeature> {
    for (let i = 0; i < found.length; i++) {
      const { placemark, folder } = found[i] ?? { placemark: {}, folder: '' };
      const record = i + 1;
      const values = new Map<string, string>(extendedData(placemark));
      values.set('name', textOf(placemark.name));
      values.set('description', textOf(placemark.description));
      values.set('folder', folder);
      const outcome = placemarkGeometry(placemark, file.fileName, record);
      yield {
        record,
        geometry: outcome.geometry,
        values: keys.map((k, j) => (values.has(k) ? typed(values.get(k) ?? '', types[j] ?? 'TEXT') : null)),
        skipped: outcome.skipped,
        repaired: outcome.repaired,
      };
    }
  }

  if (found.length === 0) throw importError('no_layers', { file: file.fileName });
  const layer = surveyedLayer(
    file.fileName,
    {
      sourceLayer: layerNameFrom(file.fileName),
      suggestedName: layerNameFrom(file.fileName),
      fields,
      crs: options.crs ?? { kind: 'epsg', epsg: 4326 },
      encoding: 'UTF-8',
    },
    read,
  );
  return Promise.resolve({ format: 'kml' as const, layers: [layer], close: () => undefined });
}

export const kmlReader: FormatReader = { format: 'kml', extensions: ['.kml', '.kmz'], open };
