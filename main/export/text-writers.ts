/**
 * Text exports streamed feature by feature: KML 2.2 (Schema + ExtendedData/SchemaData, as
 * GDAL's KML driver writes it, always WGS 84 lon/lat as KML requires), CSV (X/Y columns for
 * point layers, else a WKT column first as GDAL's GEOMETRY=AS_WKT), and GeoJSON in another
 * CRS (with the 2008 `crs` member, since RFC 7946 allows only WGS 84). Pure generators of
 * text chunks; environment: node.
 */
import type { FieldDef, GeometryType } from '../../common/contract/index.js';
import type { Geometry, Position } from '../store/gpkg-geometry.js';
import { cellText } from './dbf-fields.js';

export interface TextFeature {
  geometry: Geometry | null;
  values: readonly unknown[];
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const coords = (pts: readonly Position[]): string => pts.map((p) => `${String(p[0])},${String(p[1])}`).join(' ');

function kmlPolygon(rings: readonly Position[][]): string {
  const [outer, ...holes] = rings;
  return (
    `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer ?? [])}</coordinates></LinearRing></outerBoundaryIs>` +
    holes
      .map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`)
      .join('') +
    '</Polygon>'
  );
}

function kmlGeometry(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${coords([g.coordinates])}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><coordinates>${coords(g.coordinates)}</coordinates></LineString>`;
    case 'Polygon':
      return kmlPolygon(g.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${g.coordinates.map((p) => `<Point><coordinates>${coords([p])}</coordinates></Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${g.coordinates.map((l) => `<LineString><coordinates>${coords(l)}</coordinates></LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${g.coordinates.map(kmlPolygon).join('')}</MultiGeometry>`;
  }
}

const KML_TYPE: Record<FieldDef['type'], string> = { TEXT: 'string', INTEGER: 'int', REAL: 'double', BOOLEAN: 'bool' };

export function* kmlChunks(
  layer: string,
  fields: readonly FieldDef[],
  features: Iterable<TextFeature>,
): Generator<string> {
  const id = xml(layer);
  yield '<?xml version="1.0" encoding="utf-8" ?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document id="root_doc">\n';
  yield `<Schema name="${id}" id="${id}">\n${fields.map((f) => `\t<SimpleField name="${xml(f.name)}" type="${KML_TYPE[f.type]}"></SimpleField>\n`).join('')}</Schema>\n`;
  yield `<Folder><name>${id}</name>\n`;
  for (const f of features) {
    const data = fields
      .map((fd, i) => {
        const v = f.values[i];
        if (v === null || v === undefined) return '';
        const text = typeof v === 'boolean' ? (v ? '1' : '0') : cellText(v);
        return `\t\t<SimpleData name="${xml(fd.name)}">${xml(text)}</SimpleData>\n`;
      })
      .join('');
    yield `  <Placemark>\n\t<ExtendedData><SchemaData schemaUrl="#${id}">\n${data}\t</SchemaData></ExtendedData>\n      ${f.geometry ? kmlGeometry(f.geometry) : ''}\n  </Placemark>\n`;
  }
  yield '</Folder>\n</Document></kml>\n';
}

const wktPts = (pts: readonly Position[]): string => pts.map((p) => `${String(p[0])} ${String(p[1])}`).join(',');
const wktRings = (rings: readonly Position[][]): string => rings.map((r) => `(${wktPts(r)})`).join(',');

function wkt(g: Geometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${wktPts([g.coordinates])})`;
    case 'LineString':
      return `LINESTRING (${wktPts(g.coordinates)})`;
    case 'Polygon':
      return `POLYGON (${wktRings(g.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT (${g.coordinates.map((p) => `(${wktPts([p])})`).join(',')})`;
    case 'MultiLineString':
      return `MULTILINESTRING (${wktRings(g.coordinates)})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map((p) => `(${wktRings(p)})`).join(',')})`;
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'true' : 'false') : cellText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV rows: `X,Y,<fields>` for point layers (GDAL's GEOMETRY=AS_XY), else `WKT,<fields>`;
 * CRLF line ends (RFC 4180) and, for UTF-8, a byte-order mark, without which Excel on a
 * Chinese Windows reads the text as GBK. GDAL's CSV driver skips the mark.
 */
export function* csvChunks(
  geometryType: GeometryType,
  fields: readonly FieldDef[],
  features: Iterable<TextFeature>,
  byteOrderMark = false,
): Generator<string> {
  const xy = geometryType === 'POINT';
  const names = fields.map((f) => f.name);
  yield (byteOrderMark ? '\uFEFF' : '') + [...(xy ? ['X', 'Y'] : ['WKT']), ...names].map(csvCell).join(',') + '\r\n';
  let batch: string[] = [];
  for (const f of features) {
    const g = f.geometry;
    const geom = xy
      ? g?.type === 'Point'
        ? [String(g.coordinates[0]), String(g.coordinates[1])]
        : ['', '']
      : [g ? csvCell(wkt(g)) : ''];
    batch.push([...geom, ...f.values.map(csvCell)].join(','));
    if (batch.length === 500) {
      yield batch.join('\r\n') + '\r\n';
      batch = [];
    }
  }
  if (batch.length) yield batch.join('\r\n') + '\r\n';
}

/** GeoJSON FeatureCollection with a legacy `crs` member naming the EPSG code. */
export function* geojsonChunks(
  layer: string,
  epsg: number,
  fields: readonly FieldDef[],
  features: Iterable<TextFeature>,
): Generator<string> {
  const crs =
    epsg === 4326 ? '' : `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${String(epsg)}"}},`;
  yield `{"type":"FeatureCollection","name":${JSON.stringify(layer)},${crs}"features":[\n`;
  let first = true;
  for (const f of features) {
    const properties = Object.fromEntries(fields.map((fd, i) => [fd.name, f.values[i] ?? null]));
    yield (first ? '' : ',\n') + JSON.stringify({ type: 'Feature', geometry: f.geometry, properties });
    first = false;
  }
  yield '\n]}\n';
}
