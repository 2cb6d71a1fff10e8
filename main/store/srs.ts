/**
 * Rows of gpkg_spatial_ref_sys: the two required undefined systems, EPSG:4326, 4490
 * (CGCS2000) and every CGCS2000 Gauss-Krüger zone, as WKT 1 in the form GDAL writes
 * (checked against `gdalsrsinfo -o wkt1 EPSG:4526`).
 */
import { GK_ZONES, gkName, type GkZone } from '../../layers/crs.js';

export interface SrsRow {
  srsName: string;
  srsId: number;
  organization: string;
  organizationCoordsysId: number;
  definition: string;
  description: string;
}

const DEG = 'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]]';
const GREENWICH = 'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]]';

const WGS84_WKT = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],${GREENWICH},${DEG},AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`;
const CGCS2000_GEOGCS = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],${GREENWICH},${DEG},AUTHORITY["EPSG","4490"]]`;
const CGCS2000_WKT = CGCS2000_GEOGCS.replace(
  ',AUTHORITY["EPSG","4490"]]',
  ',AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]',
);

function gkWkt(zone: GkZone): string {
  return (
    `PROJCS["${gkName(zone)}",${CGCS2000_GEOGCS},PROJECTION["Transverse_Mercator"],` +
    `PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${zone.centralMeridianDeg}],` +
    `PARAMETER["scale_factor",1],PARAMETER["false_easting",${zone.falseEastingM}],PARAMETER["false_northing",0],` +
    `UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","${zone.epsg}"]]`
  );
}

export const SRS_ROWS: readonly SrsRow[] = [
  {
    srsName: 'Undefined cartesian SRS',
    srsId: -1,
    organization: 'NONE',
    organizationCoordsysId: -1,
    definition: 'undefined',
    description: 'undefined cartesian coordinate reference system',
  },
  {
    srsName: 'Undefined geographic SRS',
    srsId: 0,
    organization: 'NONE',
    organizationCoordsysId: 0,
    definition: 'undefined',
    description: 'undefined geographic coordinate reference system',
  },
  {
    srsName: 'WGS 84 geodetic',
    srsId: 4326,
    organization: 'EPSG',
    organizationCoordsysId: 4326,
    definition: WGS84_WKT,
    description: 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
  },
  {
    srsName: 'China Geodetic Coordinate System 2000',
    srsId: 4490,
    organization: 'EPSG',
    organizationCoordsysId: 4490,
    definition: CGCS2000_WKT,
    description: 'CGCS2000 longitude/latitude',
  },
  ...GK_ZONES.filter((z) => z.datum === 'CGCS2000').map((zone) => ({
    srsName: gkName(zone),
    srsId: zone.epsg,
    organization: 'EPSG',
    organizationCoordsysId: zone.epsg,
    definition: gkWkt(zone),
    description: 'CGCS2000 Gauss-Krüger projection',
  })),
];
