/**
 * The terrain the analyses read, at full resolution from its source raster (never the
 * display tiles): a DEM GeoTIFF given with `--dem`, or the source raster of the workspace's
 * terrain layer (kept in `<workspace>.tiles/sources/`). Only the window an analysis needs is
 * read. A DEM in degrees is resampled (bilinear) onto a grid in the Gauss-Krüger zone
 * (the workspace's `gk_zone_epsg`, else the CGCS2000 3° zone of its centre) so that
 * distances, areas and volumes are in metres, and the result says so. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';
import { CimError } from '../../../common/errors.js';
import { gkName, gkProj4, type GkZone } from '../../../layers/crs.js';
import { getLayer, listLayers } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import { openRaster, type Raster } from '../../../tiles/raster/open-raster.js';
import { makeDem, type Dem } from './dem.js';

/** A DEM window bigger than this (cells) is refused rather than read whole. */
const MAX_CELLS = 40_000_000;

export interface LoadedDem {
  dem: Dem;
  file: string;
  /** The DEM's CRS (or the zone it was reprojected to), as a name and a proj4 definition. */
  crsName: string;
  proj4: string;
  /** EPSG code of that CRS, or null (a user-defined CRS). */
  epsg: number | null;
  /** Set when a DEM in degrees was reprojected for measurement. */
  reprojected: { from: string; to: string; cellM: number } | null;
  toLonLat(x: number, y: number): [number, number];
  fromLonLat(lon: number, lat: number): [number, number];
}

const LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

function semiMajor(def: string): number {
  const a = (new proj4.Proj(def) as unknown as { a?: number }).a;
  return typeof a === 'number' && a > 0 ? a : 6378137;
}

/** The source raster of a terrain layer, or a clear refusal. */
export function terrainSource(db: Db, tilesDir: string, layer?: string): { file: string; layer: string } {
  const name = layer ?? listLayers(db).find((l) => l.kind === 'terrain')?.name;
  if (!name) throw new CimError('terrain.no_terrain', {});
  const entry = getLayer(db, name);
  if (entry.kind !== 'terrain') throw new CimError('terrain.not_terrain', { layer: name });
  const candidates = [
    entry.sourceFile ? path.join(tilesDir, 'sources', entry.sourceFile) : null,
    entry.sourceFile && path.isAbsolute(entry.sourceFile) ? entry.sourceFile : null,
  ].filter((f): f is string => f !== null);
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new CimError('terrain.source_missing', { layer: name, file: entry.sourceFile ?? '-' });
  return { file, layer: name };
}

export interface DemWindow {
  /** Lon/lat box the analysis needs; the whole DEM when absent. */
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

async function readBand(r: Raster, c0: number, r0: number, c1: number, r1: number): Promise<Float32Array> {
  if ((c1 - c0) * (r1 - r0) > MAX_CELLS) {
    throw new CimError('terrain.too_large', { cells: String((c1 - c0) * (r1 - r0)), max: String(MAX_CELLS) });
  }
  const win = await r.readWindow(0, [c0, r0, c1, r1]);
  const band = win.bands[0];
  if (!band) throw new CimError('terrain.no_band', { file: r.file });
  // Float32 DEMs come back as Float32Array: kept as is (a copy of a 2 km window costs 100 ms).
  return band instanceof Float32Array ? band : Float32Array.from(band);
}

/**
 * Reads the DEM (the part covering `window` plus `marginM`, when given). `zone` is the
 * Gauss-Krüger zone for a DEM in degrees.
 */
export async function readDem(
  file: string,
  zoneOf: (centreLon: number) => GkZone,
  window?: DemWindow,
  marginM = 0,
): Promise<LoadedDem> {
  if (!fs.existsSync(file)) throw new CimError('terrain.dem_missing', { file });
  const r = await openRaster(file);
  try {
    const t = r.transform;
    const nodata = r.nodata;
    if (!r.crs.geographic) {
      const conv = proj4(LONLAT, r.crs.proj4);
      let c0 = 0;
      let r0 = 0;
      let c1 = r.width;
      let r1 = r.height;
      if (window) {
        const pts = [
          [window.minLon, window.minLat],
          [window.maxLon, window.minLat],
          [window.maxLon, window.maxLat],
          [window.minLon, window.maxLat],
        ].map((p) => conv.forward<[number, number]>([p[0] ?? 0, p[1] ?? 0]));
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const px = (x: number): number => (x - t.originX) / t.pixelWidth;
        const py = (y: number): number => (y - t.originY) / t.pixelHeight;
        const a = px(Math.min(...xs) - marginM);
        const b = px(Math.max(...xs) + marginM);
        const c = py(Math.max(...ys) + marginM);
        const d = py(Math.min(...ys) - marginM);
        c0 = Math.max(0, Math.floor(Math.min(a, b)));
        c1 = Math.min(r.width, Math.ceil(Math.max(a, b)));
        r0 = Math.max(0, Math.floor(Math.min(c, d)));
        r1 = Math.min(r.height, Math.ceil(Math.max(c, d)));
        if (c1 <= c0 || r1 <= r0) throw new CimError('terrain.outside_dem', { file: path.basename(file) });
      }
      const data = await readBand(r, c0, r0, c1, r1);
      const dem = makeDem({
        width: c1 - c0,
        height: r1 - r0,
        originX: t.originX + c0 * t.pixelWidth,
        originY: t.originY + r0 * t.pixelHeight,
        cellX: Math.abs(t.pixelWidth),
        cellY: Math.abs(t.pixelHeight),
        data,
        nodata,
        semiMajorM: semiMajor(r.crs.proj4),
      });
      return {
        dem,
        file,
        crsName: r.crs.name,
        proj4: r.crs.proj4,
        epsg: r.crs.epsg,
        reprojected: null,
        toLonLat: (x, y) => conv.inverse<[number, number]>([x, y]),
        fromLonLat: (lon, lat) => conv.forward<[number, number]>([lon, lat]),
      };
    }
    // Degrees: resample onto a GK grid.
    const src = proj4(LONLAT, r.crs.proj4);
    const w0 = window ?? {
      minLon: Math.min(t.originX, t.originX + r.width * t.pixelWidth),
      maxLon: Math.max(t.originX, t.originX + r.width * t.pixelWidth),
      minLat: Math.min(t.originY, t.originY + r.height * t.pixelHeight),
      maxLat: Math.max(t.originY, t.originY + r.height * t.pixelHeight),
    };
    const zone = zoneOf((w0.minLon + w0.maxLon) / 2);
    const def = gkProj4(zone);
    const gk = proj4(LONLAT, def);
    const lat = (w0.minLat + w0.maxLat) / 2;
    const cellM = Math.max(
      0.5,
      Math.min(Math.abs(t.pixelWidth) * 111_320 * Math.cos((lat * Math.PI) / 180), Math.abs(t.pixelHeight) * 110_574),
    );
    const corners = [
      [w0.minLon, w0.minLat],
      [w0.maxLon, w0.minLat],
      [w0.maxLon, w0.maxLat],
      [w0.minLon, w0.maxLat],
    ].map((p) => gk.forward<[number, number]>([p[0] ?? 0, p[1] ?? 0]));
    const minX = Math.min(...corners.map((p) => p[0])) - marginM;
    const maxX = Math.max(...corners.map((p) => p[0])) + marginM;
    const minY = Math.min(...corners.map((p) => p[1])) - marginM;
    const maxY = Math.max(...corners.map((p) => p[1])) + marginM;
    const width = Math.max(1, Math.ceil((maxX - minX) / cellM));
    const height = Math.max(1, Math.ceil((maxY - minY) / cellM));
    if (width * height > MAX_CELLS) {
      throw new CimError('terrain.too_large', { cells: String(width * height), max: String(MAX_CELLS) });
    }
    const all = await readBand(r, 0, 0, r.width, r.height);
    const NODATA = -9999;
    const data = new Float32Array(width * height).fill(NODATA);
    const valid = (v: number | undefined): v is number =>
      v !== undefined && Number.isFinite(v) && (nodata === null || v !== nodata) && v > -1e30;
    for (let j = 0; j < height; j++) {
      const y = maxY - (j + 0.5) * cellM;
      for (let i = 0; i < width; i++) {
        const [lon, la] = gk.inverse<[number, number]>([minX + (i + 0.5) * cellM, y]);
        const [sx, sy] = src.forward<[number, number]>([lon, la]);
        const fx = (sx - t.originX) / t.pixelWidth - 0.5;
        const fy = (sy - t.originY) / t.pixelHeight - 0.5;
        const ci = Math.floor(fx);
        const cj = Math.floor(fy);
        if (fx < -0.5 || fy < -0.5 || fx > r.width - 0.5 || fy > r.height - 0.5) continue;
        const at = (a: number, b: number): number | undefined =>
          all[Math.min(Math.max(b, 0), r.height - 1) * r.width + Math.min(Math.max(a, 0), r.width - 1)];
        const q = [at(ci, cj), at(ci + 1, cj), at(ci, cj + 1), at(ci + 1, cj + 1)];
        const tx = fx - ci;
        const ty = fy - cj;
        if (q.every(valid)) {
          const [a = 0, b = 0, c = 0, d = 0] = q;
          data[j * width + i] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
        } else {
          const near = at(Math.round(fx), Math.round(fy));
          if (valid(near)) data[j * width + i] = near;
        }
      }
    }
    const dem = makeDem({
      width,
      height,
      originX: minX,
      originY: maxY,
      cellX: cellM,
      cellY: cellM,
      data,
      nodata: NODATA,
      semiMajorM: semiMajor(def),
    });
    return {
      dem,
      file,
      crsName: gkName(zone),
      proj4: def,
      epsg: zone.epsg > 0 ? zone.epsg : null,
      reprojected: { from: r.crs.name, to: gkName(zone), cellM },
      toLonLat: (x, y) => gk.inverse<[number, number]>([x, y]),
      fromLonLat: (lon, lat2) => gk.forward<[number, number]>([lon, lat2]),
    };
  } finally {
    await r.close();
  }
}
