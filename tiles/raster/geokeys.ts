/**
 * The CRS of a GeoTIFF from its GeoKeys (GeoTIFF 1.1, OGC 19-008r4 §7): an EPSG code in
 * ProjectedCSTypeGeoKey / GeographicTypeGeoKey that `proj4ForEpsg` knows, or a
 * user-defined (32767) projection of one of the common methods, rebuilt from its
 * parameter keys the way GDAL does. Pure; environment: common.
 */
import { proj4ForEpsg } from '../../layers/crs.js';
import { CimError } from '../../common/errors.js';

export interface RasterCrs {
  /** The EPSG code, or null for a user-defined CRS. */
  epsg: number | null;
  /** `EPSG:4526`, or `user-defined (+proj=laea ...)`. */
  name: string;
  proj4: string;
  geographic: boolean;
}

export type GeoKeys = Partial<Record<string, unknown>>;

const USER_DEFINED = 32767;
/** GeoTIFF ModelType: 1 projected, 2 geographic. */
const MODEL_GEOGRAPHIC = 2;

/** EPSG ellipsoid codes (EPSG registry) for user-defined datums. */
const ELLIPSOIDS: Partial<Record<number, string>> = {
  7019: '+ellps=GRS80',
  7030: '+ellps=WGS84',
  7024: '+ellps=krass',
  7022: '+ellps=intl',
};

/** ProjCoordTransGeoKey codes (GeoTIFF 1.1 Annex C) and their proj4 names and parameters. */
const METHODS: Partial<Record<number, { proj: string; params: readonly [string, string][] }>> = {
  1: {
    proj: 'tmerc',
    params: [
      ['lat_0', 'ProjNatOriginLatGeoKey'],
      ['lon_0', 'ProjNatOriginLongGeoKey'],
      ['k', 'ProjScaleAtNatOriginGeoKey'],
    ],
  },
  7: {
    proj: 'merc',
    params: [
      ['lon_0', 'ProjNatOriginLongGeoKey'],
      ['k', 'ProjScaleAtNatOriginGeoKey'],
    ],
  },
  8: {
    proj: 'lcc',
    params: [
      ['lat_1', 'ProjStdParallel1GeoKey'],
      ['lat_2', 'ProjStdParallel2GeoKey'],
      ['lat_0', 'ProjFalseOriginLatGeoKey'],
      ['lon_0', 'ProjFalseOriginLongGeoKey'],
    ],
  },
  10: {
    proj: 'laea',
    params: [
      ['lat_0', 'ProjCenterLatGeoKey'],
      ['lon_0', 'ProjCenterLongGeoKey'],
    ],
  },
  11: {
    proj: 'aea',
    params: [
      ['lat_1', 'ProjStdParallel1GeoKey'],
      ['lat_2', 'ProjStdParallel2GeoKey'],
      ['lat_0', 'ProjNatOriginLatGeoKey'],
      ['lon_0', 'ProjNatOriginLongGeoKey'],
    ],
  },
};

function num(keys: GeoKeys, name: string): number | undefined {
  const v = keys[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function ellipsoidOf(keys: GeoKeys): string | undefined {
  const code = num(keys, 'GeogEllipsoidGeoKey');
  const known = code === undefined ? undefined : ELLIPSOIDS[code];
  if (known) return known;
  const a = num(keys, 'GeogSemiMajorAxisGeoKey');
  const rf = num(keys, 'GeogInvFlatteningGeoKey');
  return a !== undefined && rf !== undefined ? `+a=${String(a)} +rf=${String(rf)}` : undefined;
}

function userDefinedProjection(keys: GeoKeys): string | undefined {
  const methodCode = num(keys, 'ProjCoordTransGeoKey');
  const method = methodCode === undefined ? undefined : METHODS[methodCode];
  const ellps = ellipsoidOf(keys);
  const units = num(keys, 'ProjLinearUnitsGeoKey');
  if (!method || !ellps || (units !== undefined && units !== 9001)) return undefined;
  const parts = [`+proj=${method.proj}`];
  for (const [p, key] of method.params) {
    const v = num(keys, key);
    if (v !== undefined) parts.push(`+${p}=${String(v)}`);
  }
  parts.push(
    `+x_0=${String(num(keys, 'ProjFalseEastingGeoKey') ?? 0)}`,
    `+y_0=${String(num(keys, 'ProjFalseNorthingGeoKey') ?? 0)}`,
    ellps,
    '+units=m +no_defs',
  );
  return parts.join(' ');
}

function fromEpsg(file: string, epsg: number, geographic: boolean): RasterCrs {
  const def = proj4ForEpsg(epsg);
  if (!def) throw new CimError('tiles.unsupported_crs', { file, code: `EPSG:${String(epsg)}` });
  return { epsg, name: `EPSG:${String(epsg)}`, proj4: def, geographic };
}

export function crsFromGeoKeys(file: string, keys: GeoKeys | null): RasterCrs {
  if (!keys) throw new CimError('tiles.no_crs', { file });
  const projected = num(keys, 'ProjectedCSTypeGeoKey');
  const geographic = num(keys, 'GeographicTypeGeoKey');
  const model = num(keys, 'GTModelTypeGeoKey');
  if (projected !== undefined && projected !== USER_DEFINED) return fromEpsg(file, projected, false);
  if (model === MODEL_GEOGRAPHIC) {
    if (geographic !== undefined && geographic !== USER_DEFINED) return fromEpsg(file, geographic, true);
    const ellps = ellipsoidOf(keys);
    if (!ellps) throw new CimError('tiles.unsupported_crs', { file, code: 'user-defined geographic' });
    const def = `+proj=longlat ${ellps} +no_defs`;
    return { epsg: null, name: `user-defined (${def})`, proj4: def, geographic: true };
  }
  if (projected === USER_DEFINED || num(keys, 'ProjCoordTransGeoKey') !== undefined) {
    const def = userDefinedProjection(keys);
    if (!def) {
      const method = num(keys, 'ProjCoordTransGeoKey');
      throw new CimError('tiles.unsupported_crs', {
        file,
        code: `user-defined (ProjCoordTransGeoKey ${String(method ?? 'missing')})`,
      });
    }
    return { epsg: null, name: `user-defined (${def})`, proj4: def, geographic: false };
  }
  throw new CimError('tiles.no_crs', { file });
}
