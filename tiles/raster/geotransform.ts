/**
 * Raster geotransforms: pixel (col, row) <-> CRS (x, y), north-up only. GeoTIFF keeps the
 * transform either as ModelTiepoint + ModelPixelScale or as a ModelTransformation matrix
 * (GeoTIFF 1.1 §B.6, OGC 19-008r4); we refuse rotated or sheared ones rather than placing
 * them wrongly. Pure; environment: common.
 */
import { CimError } from '../../common/errors.js';

/** x = originX + col * pixelWidth, y = originY + row * pixelHeight (pixelHeight < 0 when north-up). */
export interface GeoTransform {
  originX: number;
  originY: number;
  pixelWidth: number;
  pixelHeight: number;
}

export interface TransformTags {
  modelTransformation?: readonly number[] | undefined;
  tiepoint?: readonly number[] | undefined;
  pixelScale?: readonly number[] | undefined;
  /** GTRasterTypeGeoKey = 2 (RasterPixelIsPoint): the tiepoint names a pixel centre. */
  pixelIsPoint: boolean;
}

/** A rotation term this small (relative to the pixel size) is rounding, not a rotation. */
const ROTATION_EPSILON = 1e-10;

export function geoTransformOf(file: string, tags: TransformTags): GeoTransform {
  let gt: GeoTransform;
  const m = tags.modelTransformation;
  if (m && m.length >= 16) {
    const [a = 0, b = 0, , d = 0, e = 0, f = 0, , h = 0] = m;
    if (Math.abs(b) > ROTATION_EPSILON * Math.abs(a) || Math.abs(e) > ROTATION_EPSILON * Math.abs(f)) {
      throw new CimError('tiles.rotated', { file });
    }
    gt = { originX: d, originY: h, pixelWidth: a, pixelHeight: f };
  } else if (tags.tiepoint && tags.tiepoint.length >= 6 && tags.pixelScale && tags.pixelScale.length >= 2) {
    const [i = 0, j = 0, , x = 0, y = 0] = tags.tiepoint;
    const [sx = 0, sy = 0] = tags.pixelScale;
    gt = { originX: x - i * sx, originY: y + j * sy, pixelWidth: sx, pixelHeight: -sy };
  } else {
    throw new CimError('tiles.no_georeference', { file });
  }
  if (!(gt.pixelWidth > 0) || gt.pixelHeight === 0 || !Number.isFinite(gt.originX) || !Number.isFinite(gt.originY)) {
    throw new CimError('tiles.rotated', { file });
  }
  // GDAL (GTIFF_POINT_GEO_IGNORE=NO) shifts a PixelIsPoint raster by half a pixel so that
  // the transform always names pixel corners; we follow it so corners agree with gdalinfo.
  if (tags.pixelIsPoint) {
    gt = { ...gt, originX: gt.originX - gt.pixelWidth / 2, originY: gt.originY - gt.pixelHeight / 2 };
  }
  return gt;
}

export function pixelToCrs(gt: GeoTransform, col: number, row: number): [number, number] {
  return [gt.originX + col * gt.pixelWidth, gt.originY + row * gt.pixelHeight];
}

export function crsToPixel(gt: GeoTransform, x: number, y: number): [number, number] {
  return [(x - gt.originX) / gt.pixelWidth, (y - gt.originY) / gt.pixelHeight];
}

/** The transform of an overview of `width` x `height` covering the same extent. */
export function scaledTransform(
  gt: GeoTransform,
  fullWidth: number,
  fullHeight: number,
  width: number,
  height: number,
): GeoTransform {
  return {
    originX: gt.originX,
    originY: gt.originY,
    pixelWidth: (gt.pixelWidth * fullWidth) / width,
    pixelHeight: (gt.pixelHeight * fullHeight) / height,
  };
}

export interface CornerCoordinates {
  upperLeft: [number, number];
  lowerLeft: [number, number];
  upperRight: [number, number];
  lowerRight: [number, number];
  center: [number, number];
}

/** The five points gdalinfo prints under "Corner Coordinates", in the raster's CRS. */
export function cornerCoordinates(gt: GeoTransform, width: number, height: number): CornerCoordinates {
  return {
    upperLeft: pixelToCrs(gt, 0, 0),
    lowerLeft: pixelToCrs(gt, 0, height),
    upperRight: pixelToCrs(gt, width, 0),
    lowerRight: pixelToCrs(gt, width, height),
    center: pixelToCrs(gt, width / 2, height / 2),
  };
}
