/**
 * WKT 1 from a structured CRS definition: the ESRI dialect a shapefile's .prj carries (in
 * the form GDAL 3.6 writes it, see ../shared/data/crs-china/*.prj) and the OGC form with
 * EPSG authorities for gpkg_spatial_ref_sys. Environment: common.
 */
import type { CrsDef, Projection } from './crs-defs.js';

/** ESRI writes every number with a decimal point: `500000.0`, `0.0`. */
function esriNum(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function esriGeogcs(def: CrsDef): string {
  const d = def.datum;
  const e = d.ellipsoid;
  return (
    `GEOGCS["${d.esriGeogName}",DATUM["${d.esriName}",SPHEROID["${e.esriName}",${esriNum(e.a)},${esriNum(e.rf)}]],` +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
  );
}

function esriParams(pairs: readonly (readonly [string, number])[]): string {
  return pairs.map(([k, v]) => `PARAMETER["${k}",${esriNum(v)}]`).join(',');
}

function esriProjection(def: CrsDef, p: Exclude<Projection, null>): string {
  if (p.kind === 'tmerc') {
    return (
      `PROJECTION["${def.esriProjection ?? 'Transverse_Mercator'}"],` +
      esriParams([
        ['False_Easting', p.x0M],
        ['False_Northing', p.y0M],
        ['Central_Meridian', p.lon0Deg],
        ['Scale_Factor', p.k],
        ['Latitude_Of_Origin', p.lat0Deg],
      ])
    );
  }
  if (p.kind === 'lcc') {
    return (
      'PROJECTION["Lambert_Conformal_Conic"],' +
      esriParams([
        ['False_Easting', p.x0M],
        ['False_Northing', p.y0M],
        ['Central_Meridian', p.lon0Deg],
        ['Standard_Parallel_1', p.lat1Deg],
        ['Standard_Parallel_2', p.lat2Deg],
        ['Latitude_Of_Origin', p.lat0Deg],
      ])
    );
  }
  return (
    'PROJECTION["Mercator_Auxiliary_Sphere"],' +
    esriParams([
      ['False_Easting', 0],
      ['False_Northing', 0],
      ['Central_Meridian', 0],
      ['Standard_Parallel_1', 0],
      ['Auxiliary_Sphere_Type', 0],
    ])
  );
}

/** The .prj text for a shapefile in this CRS. */
export function esriWkt(def: CrsDef): string {
  const p = def.projection;
  if (p === null) return esriGeogcs(def);
  return `PROJCS["${def.esriName}",${esriGeogcs(def)},${esriProjection(def, p)},UNIT["Meter",1.0]]`;
}

const auth = (code: number): string => `AUTHORITY["EPSG","${String(code)}"]`;

function ogcGeogcs(def: CrsDef): string {
  const d = def.datum;
  const e = d.ellipsoid;
  const towgs = d.towgs84 ? `,TOWGS84[${d.towgs84}]` : '';
  return (
    `GEOGCS["${d.geogName}",DATUM["${d.name}",SPHEROID["${e.name}",${String(e.a)},${String(e.rf)}]${towgs}],` +
    `PRIMEM["Greenwich",0,${auth(8901)}],UNIT["degree",0.0174532925199433,${auth(9122)}],${auth(d.geogEpsg)}]`
  );
}

function ogcParams(pairs: readonly (readonly [string, number])[]): string {
  return pairs.map(([k, v]) => `PARAMETER["${k}",${String(v)}]`).join(',');
}

/** OGC WKT 1 with EPSG authorities, as gpkg_spatial_ref_sys holds it. */
export function ogcWkt(def: CrsDef): string {
  const p = def.projection;
  if (p === null) return ogcGeogcs(def).replace(/AUTHORITY\["EPSG","\d+"\]\]$/, `${auth(def.epsg)}]`);
  let body: string;
  if (p.kind === 'tmerc') {
    body =
      'PROJECTION["Transverse_Mercator"],' +
      ogcParams([
        ['latitude_of_origin', p.lat0Deg],
        ['central_meridian', p.lon0Deg],
        ['scale_factor', p.k],
        ['false_easting', p.x0M],
        ['false_northing', p.y0M],
      ]);
  } else if (p.kind === 'lcc') {
    body =
      'PROJECTION["Lambert_Conformal_Conic_2SP"],' +
      ogcParams([
        ['standard_parallel_1', p.lat1Deg],
        ['standard_parallel_2', p.lat2Deg],
        ['latitude_of_origin', p.lat0Deg],
        ['central_meridian', p.lon0Deg],
        ['false_easting', p.x0M],
        ['false_northing', p.y0M],
      ]);
  } else {
    body =
      'PROJECTION["Mercator_1SP"],' +
      ogcParams([
        ['central_meridian', 0],
        ['scale_factor', 1],
        ['false_easting', 0],
        ['false_northing', 0],
      ]);
  }
  return `PROJCS["${def.name}",${ogcGeogcs(def)},${body},UNIT["metre",1,${auth(9001)}],AXIS["Easting",EAST],AXIS["Northing",NORTH],${auth(def.epsg)}]`;
}
