/**
 * The CRS a source is read in: an EPSG code we support, or one of the offset lon/lat
 * systems of Chinese web maps (GCJ-02 of Amap/Tencent, BD-09 of Baidu), converted to
 * WGS 84 on import with gcoord. Environment: node.
 */
import gcoord from 'gcoord';
import { converter, crsDef, isWgs84Compatible, proj4ForEpsg } from '../../../layers/crs.js';
import type { Transform } from '../geometry.js';

export type CrsChoice = { kind: 'epsg'; epsg: number } | { kind: 'gcj02' } | { kind: 'bd09' };

/** `EPSG:4526`, `4526`, `GCJ02`/`GCJ-02`, `BD09`/`BD-09`; null when not one we support. */
export function parseCrsChoice(text: string): CrsChoice | null {
  const t = text.trim().toUpperCase().replace(/-/g, '');
  if (t === 'GCJ02') return { kind: 'gcj02' };
  if (t === 'BD09') return { kind: 'bd09' };
  const m = /^(?:EPSG:{1,2})?(\d{4,5})$/.exec(t);
  if (!m) return null;
  const epsg = Number(m[1]);
  // proj4ForEpsg also knows the projection-only CRSs (RD New, LV95) rasters and CityJSON use.
  return crsDef(epsg) || proj4ForEpsg(epsg) ? { kind: 'epsg', epsg } : null;
}

export function crsLabel(choice: CrsChoice): string {
  if (choice.kind === 'gcj02') return 'GCJ02';
  if (choice.kind === 'bd09') return 'BD09';
  return `EPSG:${String(choice.epsg)}`;
}

/** Source coordinates -> EPSG:4326 lon/lat; null when they already are. */
export function toLonLat(choice: CrsChoice): Transform {
  if (choice.kind === 'gcj02') {
    return (xy) => gcoord.transform<[number, number]>([xy[0], xy[1]], gcoord.GCJ02, gcoord.WGS84);
  }
  if (choice.kind === 'bd09') {
    return (xy) => gcoord.transform<[number, number]>([xy[0], xy[1]], gcoord.BD09, gcoord.WGS84);
  }
  return isWgs84Compatible(choice.epsg) ? null : converter(choice.epsg, 4326);
}

/**
 * What the user should know about a CRS choice (keys under `ui:import.warnings`):
 * Xi'an 1980 and Beijing 1954 have no public datum shift, so none is applied (as GDAL);
 * GCJ-02/BD-09 are converted to WGS 84 with the published algorithm's ~1 m accuracy.
 */
export function crsWarnings(choice: CrsChoice): string[] {
  if (choice.kind !== 'epsg') return ['web_map_offset'];
  const key = crsDef(choice.epsg)?.datum.key;
  return key === 'XIAN80' || key === 'BEIJING54' ? ['no_datum_shift'] : [];
}
