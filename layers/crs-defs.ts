/**
 * Datums and the CRSs beyond China's Gauss-Krüger zones that the shared data and foreign
 * deliveries use, as structured definitions: one table gives the proj4 string, the WKT a
 * .prj or gpkg_spatial_ref_sys needs, and the parameters a .prj is matched against.
 * Environment: common.
 *
 * Codes and parameters from the EPSG registry: UTM WGS 84 326zz/327zz, ETRS89 UTM 258zz,
 * GDA94 / MGA 283zz, DHDN / 3-degree Gauss-Kruger zones 2-5 (31466-31469), NAD83
 * Massachusetts Mainland (26986). DHDN carries the towgs84 of EPSG:1777 (PROJ's pick
 * without grids); NAD83, GDA94 and ETRS89 are taken as WGS 84 to a metre, as PROJ's
 * null transformations EPSG:1188 / 1150 / 1149 do.
 */

interface Ellipsoid {
  name: string;
  esriName: string;
  a: number;
  /** Inverse flattening. */
  rf: number;
}

export type DatumKey = 'WGS84' | 'CGCS2000' | 'XIAN80' | 'BEIJING54' | 'GDA94' | 'NAD83' | 'ETRS89' | 'DHDN';

export interface Datum {
  key: DatumKey;
  /** OGC WKT datum name (as GDAL writes it). */
  name: string;
  esriName: string;
  /** Name of its geographic CRS. */
  geogName: string;
  esriGeogName: string;
  geogEpsg: number;
  ellipsoid: Ellipsoid;
  /** proj4 `+towgs84` when a shift is applied; none means taken as WGS 84 (no shift). */
  towgs84?: string;
  /** Lower-case fragments of datum names that mean this datum in a .prj. */
  aliases: readonly string[];
}

const GRS80: Ellipsoid = { name: 'GRS 1980', esriName: 'GRS_1980', a: 6378137, rf: 298.257222101 };

export const DATUMS: Readonly<Record<DatumKey, Datum>> = {
  WGS84: {
    key: 'WGS84',
    name: 'WGS_1984',
    esriName: 'D_WGS_1984',
    geogName: 'WGS 84',
    esriGeogName: 'GCS_WGS_1984',
    geogEpsg: 4326,
    ellipsoid: { name: 'WGS 84', esriName: 'WGS_1984', a: 6378137, rf: 298.257223563 },
    aliases: ['wgs_1984', 'wgs84', 'wgs 84', 'world geodetic system 1984'],
  },
  CGCS2000: {
    key: 'CGCS2000',
    name: 'China_2000',
    esriName: 'D_China_2000',
    geogName: 'China Geodetic Coordinate System 2000',
    esriGeogName: 'GCS_China_Geodetic_Coordinate_System_2000',
    geogEpsg: 4490,
    ellipsoid: { name: 'CGCS2000', esriName: 'CGCS2000', a: 6378137, rf: 298.257222101 },
    aliases: ['china_2000', 'china 2000', 'cgcs2000', 'cgcs_2000', 'china geodetic coordinate system 2000'],
  },
  XIAN80: {
    key: 'XIAN80',
    name: 'Xian_1980',
    esriName: 'D_Xian_1980',
    geogName: 'Xian 1980',
    esriGeogName: 'GCS_Xian_1980',
    geogEpsg: 4610,
    ellipsoid: { name: 'IAG 1975', esriName: 'Xian_1980', a: 6378140, rf: 298.257 },
    aliases: ['xian_1980', 'xian 1980', 'xian80', "xi'an 1980"],
  },
  BEIJING54: {
    key: 'BEIJING54',
    name: 'Beijing_1954',
    esriName: 'D_Beijing_1954',
    geogName: 'Beijing 1954',
    esriGeogName: 'GCS_Beijing_1954',
    geogEpsg: 4214,
    ellipsoid: { name: 'Krassowsky 1940', esriName: 'Krasovsky_1940', a: 6378245, rf: 298.3 },
    aliases: ['beijing_1954', 'beijing 1954', 'beijing54'],
  },
  GDA94: {
    key: 'GDA94',
    name: 'Geocentric_Datum_of_Australia_1994',
    esriName: 'D_GDA_1994',
    geogName: 'GDA94',
    esriGeogName: 'GCS_GDA_1994',
    geogEpsg: 4283,
    ellipsoid: GRS80,
    aliases: ['gda_1994', 'gda94', 'geocentric_datum_of_australia_1994', 'gda 1994'],
  },
  NAD83: {
    key: 'NAD83',
    name: 'North_American_Datum_1983',
    esriName: 'D_North_American_1983',
    geogName: 'NAD83',
    esriGeogName: 'GCS_North_American_1983',
    geogEpsg: 4269,
    ellipsoid: GRS80,
    aliases: ['north_american_1983', 'north_american_datum_1983', 'nad83', 'nad_1983', 'north american datum 1983'],
  },
  ETRS89: {
    key: 'ETRS89',
    name: 'European_Terrestrial_Reference_System_1989',
    esriName: 'D_ETRS_1989',
    geogName: 'ETRS89',
    esriGeogName: 'GCS_ETRS_1989',
    geogEpsg: 4258,
    ellipsoid: GRS80,
    aliases: ['etrs_1989', 'etrs89', 'european_terrestrial_reference_system_1989'],
  },
  DHDN: {
    key: 'DHDN',
    name: 'Deutsches_Hauptdreiecksnetz',
    esriName: 'D_Deutsches_Hauptdreiecksnetz',
    geogName: 'DHDN',
    esriGeogName: 'GCS_Deutsches_Hauptdreiecksnetz',
    geogEpsg: 4314,
    ellipsoid: { name: 'Bessel 1841', esriName: 'Bessel_1841', a: 6377397.155, rf: 299.1528128 },
    towgs84: '598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
    aliases: ['deutsches_hauptdreiecksnetz', 'dhdn', 'deutsches hauptdreiecksnetz'],
  },
};

export type Projection =
  | { kind: 'tmerc'; lat0Deg: number; lon0Deg: number; k: number; x0M: number; y0M: number }
  | { kind: 'lcc'; lat1Deg: number; lat2Deg: number; lat0Deg: number; lon0Deg: number; x0M: number; y0M: number }
  | { kind: 'webmerc' };

export interface CrsDef {
  epsg: number;
  /** EPSG name. */
  name: string;
  /** The name ArcGIS (and GDAL's ESRI morph) writes in a .prj. */
  esriName: string;
  nameZh: string;
  datum: Datum;
  /** null: geographic lon/lat degrees. */
  projection: Projection | null;
  /** ESRI projection name; Gauss-Krüger zones are written as `Gauss_Kruger`. */
  esriProjection?: string;
}

function geographicDef(datum: Datum, nameZh: string): CrsDef {
  return {
    epsg: datum.geogEpsg,
    name: datum.geogName,
    esriName: datum.esriGeogName,
    nameZh,
    datum,
    projection: null,
  };
}

function tm(lon0Deg: number, k: number, x0M: number, y0M = 0): Projection {
  return { kind: 'tmerc', lat0Deg: 0, lon0Deg, k, x0M, y0M };
}

function utmDefs(): CrsDef[] {
  const out: CrsDef[] = [];
  for (let zone = 1; zone <= 60; zone++) {
    const lon0 = zone * 6 - 183;
    for (const south of [false, true]) {
      const hemi = south ? 'S' : 'N';
      out.push({
        epsg: (south ? 32700 : 32600) + zone,
        name: `WGS 84 / UTM zone ${String(zone)}${hemi}`,
        esriName: `WGS_1984_UTM_Zone_${String(zone)}${hemi}`,
        nameZh: `WGS 84 / UTM ${String(zone)}${hemi} 带`,
        datum: DATUMS.WGS84,
        projection: tm(lon0, 0.9996, 500000, south ? 10000000 : 0),
      });
    }
  }
  for (let zone = 28; zone <= 38; zone++) {
    out.push({
      epsg: 25800 + zone,
      name: `ETRS89 / UTM zone ${String(zone)}N`,
      esriName: `ETRS_1989_UTM_Zone_${String(zone)}N`,
      nameZh: `ETRS89 / UTM ${String(zone)}N 带`,
      datum: DATUMS.ETRS89,
      projection: tm(zone * 6 - 183, 0.9996, 500000),
    });
  }
  for (let zone = 48; zone <= 58; zone++) {
    out.push({
      epsg: 28300 + zone,
      name: `GDA94 / MGA zone ${String(zone)}`,
      esriName: `GDA_1994_MGA_Zone_${String(zone)}`,
      nameZh: `GDA94 / MGA ${String(zone)} 带（澳大利亚）`,
      datum: DATUMS.GDA94,
      projection: tm(zone * 6 - 183, 0.9996, 500000, 10000000),
    });
  }
  return out;
}

function dhdnDefs(): CrsDef[] {
  return [2, 3, 4, 5].map((zone) => ({
    epsg: 31464 + zone,
    name: `DHDN / 3-degree Gauss-Kruger zone ${String(zone)}`,
    esriName: `DHDN_3_Degree_Gauss_Zone_${String(zone)}`,
    nameZh: `DHDN / 3度带高斯-克吕格 第${String(zone)}带（德国）`,
    datum: DATUMS.DHDN,
    projection: tm(zone * 3, 1, zone * 1000000 + 500000),
    esriProjection: 'Gauss_Kruger',
  }));
}

/** Foreign and web CRSs, geographic and projected, that the Chinese GK tables do not cover. */
export const EXTRA_CRS: readonly CrsDef[] = [
  geographicDef(DATUMS.WGS84, 'WGS 84 经纬度'),
  geographicDef(DATUMS.CGCS2000, 'CGCS2000 经纬度（2000国家大地坐标系）'),
  geographicDef(DATUMS.XIAN80, '西安80 经纬度'),
  geographicDef(DATUMS.BEIJING54, '北京54 经纬度'),
  geographicDef(DATUMS.GDA94, 'GDA94 经纬度（澳大利亚）'),
  geographicDef(DATUMS.NAD83, 'NAD83 经纬度（北美）'),
  geographicDef(DATUMS.ETRS89, 'ETRS89 经纬度（欧洲）'),
  geographicDef(DATUMS.DHDN, 'DHDN 经纬度（德国）'),
  {
    epsg: 3857,
    name: 'WGS 84 / Pseudo-Mercator',
    esriName: 'WGS_1984_Web_Mercator_Auxiliary_Sphere',
    nameZh: 'Web 墨卡托（WGS 84 / Pseudo-Mercator）',
    datum: DATUMS.WGS84,
    projection: { kind: 'webmerc' },
  },
  {
    epsg: 26986,
    name: 'NAD83 / Massachusetts Mainland',
    esriName: 'NAD_1983_StatePlane_Massachusetts_Mainland_FIPS_2001',
    nameZh: 'NAD83 / 马萨诸塞州平面坐标（美国）',
    datum: DATUMS.NAD83,
    projection: {
      kind: 'lcc',
      lat1Deg: 42.68333333333333,
      lat2Deg: 41.71666666666667,
      lat0Deg: 41,
      lon0Deg: -71.5,
      x0M: 200000,
      y0M: 750000,
    },
  },
  ...utmDefs(),
  ...dhdnDefs(),
];

function ellipsoidProj4(e: Ellipsoid): string {
  if (e.a === 6378137 && e.rf === 298.257223563) return '+ellps=WGS84';
  if (e.a === 6378137 && e.rf === 298.257222101) return '+ellps=GRS80';
  if (e.a === 6378245 && e.rf === 298.3) return '+ellps=krass';
  if (e.a === 6377397.155) return '+ellps=bessel';
  return `+a=${String(e.a)} +rf=${String(e.rf)}`;
}

/**
 * proj4 definition. Only WGS 84 itself says `+datum=WGS84`; a datum without a shift is
 * left datum-less so proj4 keeps lon/lat as they are (PROJ's ballpark, as GDAL does).
 */
export function proj4OfDef(def: CrsDef): string {
  const d = def.datum;
  const datum = d.key === 'WGS84' ? '+datum=WGS84' : ellipsoidProj4(d.ellipsoid);
  const shift = d.towgs84 ? ` +towgs84=${d.towgs84}` : '';
  const p = def.projection;
  if (p === null) return `+proj=longlat ${datum}${shift} +no_defs`;
  if (p.kind === 'webmerc') {
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';
  }
  if (p.kind === 'tmerc') {
    return `+proj=tmerc +lat_0=${String(p.lat0Deg)} +lon_0=${String(p.lon0Deg)} +k=${String(p.k)} +x_0=${String(p.x0M)} +y_0=${String(p.y0M)} ${datum}${shift} +units=m +no_defs`;
  }
  return `+proj=lcc +lat_1=${String(p.lat1Deg)} +lat_2=${String(p.lat2Deg)} +lat_0=${String(p.lat0Deg)} +lon_0=${String(p.lon0Deg)} +x_0=${String(p.x0M)} +y_0=${String(p.y0M)} ${datum}${shift} +units=m +no_defs`;
}
