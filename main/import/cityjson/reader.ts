/**
 * CityJSON import: buildings (Building, BuildingPart) of one level of detail per object
 * (the highest it has, or the one the user picks) -> 3D Tiles 1.1 through tiles/tiles3d
 * build-city. Coordinates from `metadata.referenceSystem` (EPSG:7415 RD New + NAP is read
 * as its horizontal part EPSG:28992) or the CRS the user chooses; the vertical datum's
 * heights (NAP, LN02…) are taken as ellipsoidal heights, which the preview says.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import type { BBoxLonLat, FieldDef, TiledPreview } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import { PROJ4_ONLY_CRS, crsDef, proj4ForEpsg } from '../../../layers/crs.js';
import { buildCityTiles, type CityFeature } from '../../../tiles/tiles3d/build-city.js';
import type { GeoPoint } from '../../../tiles/tiles3d/surface-mesh.js';
import { layerNameFrom } from '../fields.js';
import type { FormatReader, OpenedSource, SkippedRecord, SourceLayer } from '../types.js';
import { cityColumns, columnFields, rowOf } from './columns.js';
import { epsgOfReferenceSystem, parseCityJson, sortLods, type CityDoc, type CityObjectIn } from './parse.js';

/** Whole-document JSON: a CityJSON file this large wants CityJSONSeq, which we do not read. */
const MAX_BYTES = 512 * 1024 * 1024;
/** Compound CRSs whose horizontal part we project with (EPSG registry). */
const HORIZONTAL_OF: Partial<Record<number, number>> = { 7415: 28992 };
const LON_LAT = '+proj=longlat +datum=WGS84 +no_defs';

function crsNameOf(epsg: number): string {
  return PROJ4_ONLY_CRS[epsg]?.name ?? crsDef(epsg)?.name ?? `EPSG:${String(epsg)}`;
}

/** Unlabelled coordinates in the ranges of RD New or LV95 suggest them (the user confirms). */
function suggestCrs(doc: CityDoc): string | null {
  if (doc.xyz.length < 3) return null;
  const x = doc.xyz[0] as number;
  const y = doc.xyz[1] as number;
  if (x > -7000 && x < 300000 && y > 289000 && y < 629000) return 'EPSG:28992';
  if (x > 2480000 && x < 2840000 && y > 1070000 && y < 1300000) return 'EPSG:2056';
  return null;
}

function chooseLod(o: CityObjectIn, wanted: string | undefined): string | null {
  if (wanted !== undefined) return o.lods.has(wanted) ? wanted : null;
  return sortLods(o.lods.keys())[0] ?? null;
}

function toLonLatH(doc: CityDoc, def: string): { lon: Float64Array; lat: Float64Array; h: Float64Array } {
  const conv = proj4(def, LON_LAT);
  const n = doc.xyz.length / 3;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = conv.forward<[number, number]>([doc.xyz[i * 3] as number, doc.xyz[i * 3 + 1] as number]);
    lon[i] = a;
    lat[i] = b;
    h[i] = doc.xyz[i * 3 + 2] as number;
  }
  return { lon, lat, h };
}

export const cityjsonReader: FormatReader = {
  format: 'cityjson',
  extensions: ['.json'],
  // eslint-disable-next-line @typescript-eslint/require-await -- the registry's readers are async
  async open(file, options): Promise<OpenedSource> {
    if (fs.statSync(file.path).size > MAX_BYTES) {
      throw importError('cityjson_invalid', { file: file.fileName, problem: 'larger than 512 MB' });
    }
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file.path, 'utf8'));
    } catch (err) {
      throw importError('bad_json', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
    }
    const doc = parseCityJson(file.fileName, json);
    const declared = doc.referenceSystem ? epsgOfReferenceSystem(doc.referenceSystem) : null;
    const chosen = options.crs?.kind === 'epsg' ? options.crs.epsg : null;
    if (options.crs && options.crs.kind !== 'epsg')
      throw importError('unsupported_crs', { file: file.fileName, crs: options.crs.kind });
    const code = chosen ?? (declared === null ? null : (HORIZONTAL_OF[declared] ?? declared));
    const def = code === null ? undefined : proj4ForEpsg(code);
    const known = def !== undefined;
    const coords = def ? toLonLatH(doc, def) : null;

    const wantedLod = options.lod;
    const skipped: SkippedRecord[] = [];
    const buildable: { object: CityObjectIn; lod: string }[] = [];
    doc.objects.forEach((o, i) => {
      const lod = chooseLod(o, wantedLod);
      if (lod) buildable.push({ object: o, lod });
      else if (o.broken) skipped.push({ record: i + 1, reason: 'bad_city_geometry' });
      // A Building whose parts carry the geometry is not missing anything.
      else if (!o.hasChildren) skipped.push({ record: i + 1, reason: 'no_geometry_lod' });
    });
    const columns = cityColumns(buildable.map((b) => b.object));
    const fields: FieldDef[] = columnFields(columns);
    const lods = sortLods(doc.objects.flatMap((o) => [...o.lods.keys()]));

    const point = (i: number): GeoPoint =>
      coords ? [coords.lon[i] as number, coords.lat[i] as number, coords.h[i] as number] : [NaN, NaN, NaN];
    const boxOf = (o: CityObjectIn, lod: string): BBoxLonLat | null => {
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const surface of o.lods.get(lod) ?? [])
        for (const ring of surface)
          for (const i of ring) {
            const [lon, lat] = point(i);
            w = Math.min(w, lon);
            e = Math.max(e, lon);
            s = Math.min(s, lat);
            n = Math.max(n, lat);
          }
      return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
    };
    let bbox: BBoxLonLat | null = null;
    if (coords) {
      for (const b of buildable) {
        const box = boxOf(b.object, b.lod);
        if (!box) continue;
        bbox = bbox
          ? [Math.min(bbox[0], box[0]), Math.min(bbox[1], box[1]), Math.max(bbox[2], box[2]), Math.max(bbox[3], box[3])]
          : box;
      }
    }
    const dir = path.dirname(file.path);
    const warnings: string[] = [];
    if (doc.textureImages.some((img) => !fs.existsSync(path.resolve(dir, img)))) warnings.push('textures_missing');
    if (code !== 4979) warnings.push('heights_ellipsoidal');
    if (skipped.length > 0) warnings.push('objects_without_geometry');

    const layer: SourceLayer = {
      sourceLayer: file.fileName,
      suggestedName: layerNameFrom(file.fileName.replace(/\.city\.json$/i, '.json')),
      geometryType: 'MULTIPOLYGON',
      featureCount: buildable.length,
      fields,
      bbox,
      crs: known ? `EPSG:${String(code)}` : (doc.referenceSystem ?? ''),
      crsKnown: known,
      suggestedCrs: known ? null : suggestCrs(doc),
      encoding: null,
      warnings,
      sample: buildable
        .slice(0, 5)
        .map((b) => Object.fromEntries(fields.map((f, i) => [f.name, rowOf(columns, b.object, b.lod)[i] ?? null]))),
      skipped,
      *features() {
        for (const b of buildable) {
          const box = boxOf(b.object, b.lod);
          if (!box) continue;
          const [w, s, e, n] = box;
          yield {
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [w, s],
                  [e, s],
                  [e, n],
                  [w, n],
                  [w, s],
                ],
              ],
            },
            values: [],
          };
        }
      },
    };
    const preview: TiledPreview = { kind: 'tiles3d', crsName: known && code !== null ? crsNameOf(code) : null, lods };
    return {
      format: 'cityjson',
      layers: [layer],
      close: () => undefined,
      tiled: {
        kindFor: () => 'tiles3d',
        sourceCrs: layer.crs,
        preview,
        async build(dir, ctx) {
          const features: CityFeature[] = buildable.map((b) => ({
            surfaces: (b.object.lods.get(b.lod) ?? []).map((surface) => surface.map((ring) => ring.map(point))),
            values: rowOf(columns, b.object, b.lod),
          }));
          const r = await buildCityTiles(features, dir, { columns, file: file.fileName }, ctx.control);
          // The catalog lists the attributes by their CityJSON names (the columns' display names).
          return { ...r, fields, sourceCrs: layer.crs, warnings: warnings.map((w) => ({ code: w, facts: {} })) };
        },
      },
    };
  },
};
