/**
 * Coordinate reference systems used by Chinese planning data, as proj4 definitions.
 * Environment: common (imported by main/ and renderer/).
 *
 * Gauss-Krüger zone numbering (GB/T 17798-2007 / GB 50026 practice):
 *   3° zones: zone n has central meridian 3n; 6° zones: zone n has CM 6n - 3.
 *   "With zone prefix" false easting is n * 1 000 000 + 500 000, otherwise 500 000.
 * EPSG ranges (EPSG registry):
 *   CGCS2000 3° prefixed 4513-4533 (zones 25-45), 3° CM-only 4534-4554 (CM 75-135 E),
 *   CGCS2000 6° prefixed 4491-4501 (zones 13-23), 6° CM-only 4502-4512;
 *   Xi'an 1980 3° prefixed 2349-2369, CM-only 2370-2390, 6° prefixed 2327-2337, CM-only 2338-2348;
 *   Beijing 1954 3° prefixed 2401-2421, CM-only 2422-2442, 6° prefixed 21413-21423, CM-only 21453-21463.
 * Xi'an 1980 and Beijing 1954 carry no datum shift: there are no public parameters, and
 * GDAL/PROJ apply none either, so positions match GDAL (the UI tells the user).
 */
import proj4 from 'proj4';
import { DATUMS, EXTRA_CRS, proj4OfDef, type CrsDef } from './crs-defs.js';

type Datum = 'CGCS2000' | 'XIAN80' | 'BEIJING54';
export type ZoneWidth = 3 | 6;

export interface GkZone {
  epsg: number;
  datum: Datum;
  width: ZoneWidth;
  zone: number;
  centralMeridianDeg: number;
  prefixed: boolean;
  falseEastingM: number;
}

const ELLIPSOID: Record<Datum, string> = {
  CGCS2000: '+ellps=GRS80',
  XIAN80: '+a=6378140 +rf=298.257',
  BEIJING54: '+ellps=krass',
};

const DATUM_NAME: Record<Datum, string> = {
  CGCS2000: 'CGCS2000',
  XIAN80: 'Xian 1980',
  BEIJING54: 'Beijing 1954',
};

interface ZoneRange {
  datum: Datum;
  width: ZoneWidth;
  prefixed: boolean;
  firstEpsg: number;
  firstZone: number;
  count: number;
}

const ZONE_RANGES: readonly ZoneRange[] = [
  { datum: 'CGCS2000', width: 3, prefixed: true, firstEpsg: 4513, firstZone: 25, count: 21 },
  { datum: 'CGCS2000', width: 3, prefixed: false, firstEpsg: 4534, firstZone: 25, count: 21 },
  { datum: 'CGCS2000', width: 6, prefixed: true, firstEpsg: 4491, firstZone: 13, count: 11 },
  { datum: 'CGCS2000', width: 6, prefixed: false, firstEpsg: 4502, firstZone: 13, count: 11 },
  { datum: 'XIAN80', width: 3, prefixed: true, firstEpsg: 2349, firstZone: 25, count: 21 },
  { datum: 'XIAN80', width: 3, prefixed: false, firstEpsg: 2370, firstZone: 25, count: 21 },
  { datum: 'XIAN80', width: 6, prefixed: true, firstEpsg: 2327, firstZone: 13, count: 11 },
  { datum: 'XIAN80', width: 6, prefixed: false, firstEpsg: 2338, firstZone: 13, count: 11 },
  { datum: 'BEIJING54', width: 3, prefixed: true, firstEpsg: 2401, firstZone: 25, count: 21 },
  { datum: 'BEIJING54', width: 3, prefixed: false, firstEpsg: 2422, firstZone: 25, count: 21 },
  { datum: 'BEIJING54', width: 6, prefixed: true, firstEpsg: 21413, firstZone: 13, count: 11 },
  { datum: 'BEIJING54', width: 6, prefixed: false, firstEpsg: 21453, firstZone: 13, count: 11 },
];

function centralMeridian(width: ZoneWidth, zone: number): number {
  return width === 3 ? 3 * zone : 6 * zone - 3;
}

function zoneFromRange(range: ZoneRange, index: number): GkZone {
  const zone = range.firstZone + index;
  return {
    epsg: range.firstEpsg + index,
    datum: range.datum,
    width: range.width,
    zone,
    centralMeridianDeg: centralMeridian(range.width, zone),
    prefixed: range.prefixed,
    falseEastingM: range.prefixed ? zone * 1_000_000 + 500_000 : 500_000,
  };
}

export const GK_ZONES: readonly GkZone[] = ZONE_RANGES.flatMap((range) =>
  Array.from({ length: range.count }, (_, i) => zoneFromRange(range, i)),
);

const ZONE_BY_EPSG = new Map(GK_ZONES.map((z) => [z.epsg, z]));

export function gkZoneByEpsg(epsg: number): GkZone | undefined {
  return ZONE_BY_EPSG.get(epsg);
}

export function gkProj4(zone: GkZone): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${zone.centralMeridianDeg} +k=1 +x_0=${zone.falseEastingM} +y_0=0 ${ELLIPSOID[zone.datum]} +units=m +no_defs`;
}

export function gkName(zone: GkZone): string {
  const kind = zone.prefixed ? `zone ${zone.zone}` : `CM ${zone.centralMeridianDeg}E`;
  return `${DATUM_NAME[zone.datum]} / ${zone.width}-degree Gauss-Kruger ${kind}`;
}

const CGCS2000_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

const DATUM_OF_GK: Record<Datum, CrsDef['datum']> = {
  CGCS2000: DATUMS.CGCS2000,
  XIAN80: DATUMS.XIAN80,
  BEIJING54: DATUMS.BEIJING54,
};

const DATUM_ZH: Record<Datum, string> = { CGCS2000: 'CGCS2000', XIAN80: '西安80', BEIJING54: '北京54' };
const DATUM_ESRI: Record<Datum, string> = { CGCS2000: 'CGCS2000', XIAN80: 'Xian_1980', BEIJING54: 'Beijing_1954' };

/** ESRI's names, as ArcGIS and GDAL write them in a .prj (`CGCS2000_3_Degree_GK_Zone_38`). */
function gkEsriName(zone: GkZone): string {
  const datum = DATUM_ESRI[zone.datum];
  const width = zone.width === 3 ? '_3_Degree' : '';
  const kind = zone.prefixed ? `Zone_${String(zone.zone)}` : `CM_${String(zone.centralMeridianDeg)}E`;
  return `${datum}${width}_GK_${kind}`;
}

/** A Gauss-Krüger zone as a structured CRS definition (WKT, matching, the CRS picker). */
function gkDef(zone: GkZone): CrsDef {
  const kind = zone.prefixed ? `第${String(zone.zone)}带` : `中央经线 ${String(zone.centralMeridianDeg)}°E`;
  return {
    epsg: zone.epsg,
    name: gkName(zone),
    esriName: gkEsriName(zone),
    nameZh: `${DATUM_ZH[zone.datum]} / ${String(zone.width)}度带高斯-克吕格 ${kind}`,
    datum: DATUM_OF_GK[zone.datum],
    projection: {
      kind: 'tmerc',
      lat0Deg: 0,
      lon0Deg: zone.centralMeridianDeg,
      k: 1,
      x0M: zone.falseEastingM,
      y0M: 0,
    },
    esriProjection: 'Gauss_Kruger',
  };
}

const EXTRA_BY_EPSG = new Map(EXTRA_CRS.map((d) => [d.epsg, d]));

/** The structured definition of a supported EPSG code, or undefined. */
export function crsDef(epsg: number): CrsDef | undefined {
  const extra = EXTRA_BY_EPSG.get(epsg);
  if (extra) return extra;
  const zone = gkZoneByEpsg(epsg);
  return zone ? gkDef(zone) : undefined;
}

/** Every supported CRS: geographic and foreign ones first, then the Gauss-Krüger zones. */
export function supportedCrsDefs(): CrsDef[] {
  return [...EXTRA_CRS, ...GK_ZONES.map(gkDef)];
}

/**
 * CRSs we can project but not yet write as WKT or match in a .prj: the Dutch and Swiss
 * systems CityJSON deliveries use. EPSG registry parameters; the towgs84 are the Helmert
 * transformations PROJ picks without grids (EPSG:15739 Amersfoort -> WGS 84, position
 * vector; EPSG:1676 CH1903+ -> ETRS89, taken as WGS 84). Checked against cs2cs in
 * tests/unit/import/cityjson-import.test.ts.
 */
export const PROJ4_ONLY_CRS: Readonly<Record<number, { name: string; proj4: string }>> = {
  28992: {
    name: 'Amersfoort / RD New',
    proj4:
      '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.4171,50.3319,465.5524,-0.398957388243134,0.343987817378283,-1.87740163998045,4.0725 +units=m +no_defs',
  },
  2056: {
    name: 'CH1903+ / LV95',
    proj4:
      '+proj=somerc +lat_0=46.95240555555556 +lon_0=7.439583333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs',
  },
};

/** proj4 definition for an EPSG code we support, or undefined. */
export function proj4ForEpsg(epsg: number): string | undefined {
  const only = PROJ4_ONLY_CRS[epsg];
  if (only) return only.proj4;
  const extra = EXTRA_BY_EPSG.get(epsg);
  if (extra) return proj4OfDef(extra);
  const zone = gkZoneByEpsg(epsg);
  return zone ? gkProj4(zone) : undefined;
}

/** Geographic CRS codes whose axes are lon/lat degrees on a WGS84-compatible datum. */
export function isWgs84Compatible(epsg: number): boolean {
  return epsg === 4326 || epsg === 4490;
}

/** The CGCS2000 Gauss-Krüger zone (prefixed) that contains a longitude. */
export function cgcs2000ZoneForLon(lonDeg: number, width: ZoneWidth = 3): GkZone {
  const zone = width === 3 ? Math.round(lonDeg / 3) : Math.floor(lonDeg / 6) + 1;
  const found = GK_ZONES.find((z) => z.datum === 'CGCS2000' && z.width === width && z.prefixed && z.zone === zone);
  if (found) return found;
  // Outside China's zones: still a valid transverse Mercator, numbered like the others.
  const cm = centralMeridian(width, zone);
  return {
    epsg: 0,
    datum: 'CGCS2000',
    width,
    zone,
    centralMeridianDeg: cm,
    prefixed: true,
    falseEastingM: zone * 1_000_000 + 500_000,
  };
}

export interface GkXY {
  /** Northing, metres (surveyors' X). */
  northingM: number;
  /** Easting with zone prefix, metres (surveyors' Y). */
  eastingM: number;
  zone: GkZone;
}

/** Projects EPSG:4326/4490 lon/lat to the CGCS2000 GK zone of the point. */
export function lonLatToGk(lonDeg: number, latDeg: number, width: ZoneWidth = 3): GkXY {
  const zone = cgcs2000ZoneForLon(lonDeg, width);
  const [e, n] = proj4<[number, number]>(CGCS2000_LONLAT, gkProj4(zone), [lonDeg, latDeg]);
  return { northingM: n, eastingM: e, zone };
}

/** A converter between two supported EPSG codes; throws RangeError for unknown codes. */
export function converter(fromEpsg: number, toEpsg: number): (xy: readonly [number, number]) => [number, number] {
  const from = proj4ForEpsg(fromEpsg);
  const to = proj4ForEpsg(toEpsg);
  if (!from || !to) throw new RangeError(`unsupported CRS EPSG:${String(from ? toEpsg : fromEpsg)}`);
  const conv = proj4(from, to);
  return (xy) => {
    const [x, y] = conv.forward<[number, number]>([xy[0], xy[1]]);
    return [x, y];
  };
}
