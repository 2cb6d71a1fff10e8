/**
 * GeoTIFF / COG import: what `gdalinfo` would say (size, bands, data type, nodata, corner
 * coordinates in the source CRS and in lon/lat), the CRS from the GeoKeys or chosen by the
 * user, and the build as terrain (one band of heights: DEM, DSM) or imagery (1/3/4 byte
 * bands: an orthophoto, a hillshade) through the tiles/ builders. Environment: node.
 */
import type { RasterInfo, TiledPreview } from '../../../common/contract/index.js';
import { CimError, importError } from '../../../common/errors.js';
import { crsDef, proj4ForEpsg } from '../../../layers/crs.js';
import { buildRasterPyramid } from '../../../tiles/raster-pyramid.js';
import { projectorFor, rasterBoundsDeg, type Projector } from '../../../tiles/raster/footprint.js';
import type { RasterCrs } from '../../../tiles/raster/geokeys.js';
import { cornerCoordinates, pixelToCrs } from '../../../tiles/raster/geotransform.js';
import { openRaster, type Raster } from '../../../tiles/raster/open-raster.js';
import type { CrsChoice } from '../crs/source-crs.js';
import { layerNameFrom } from '../fields.js';
import type { FormatReader, OpenedSource, SourceFile, SourceLayer, TiledImport } from '../types.js';

type Target = 'terrain' | 'imagery';

/** The CRS the user picked, as the raster code needs it; GCJ02/BD09 are for vector digitising only. */
function chosenCrs(file: string, choice: CrsChoice | undefined): RasterCrs | undefined {
  if (!choice) return undefined;
  const def = choice.kind === 'epsg' ? proj4ForEpsg(choice.epsg) : undefined;
  if (choice.kind !== 'epsg' || !def) throw importError('unsupported_crs', { file, crs: choice.kind });
  return { epsg: choice.epsg, name: `EPSG:${String(choice.epsg)}`, proj4: def, geographic: def.includes('longlat') };
}

/** GDAL's data type names (GDALGetDataTypeName). */
export function gdalDataType(raster: Pick<Raster, 'sampleKind' | 'bitsPerSample'>): string {
  const bits = String(raster.bitsPerSample);
  if (raster.sampleKind === 'float') return `Float${bits}`;
  if (raster.sampleKind === 'int') return `Int${bits}`;
  return raster.bitsPerSample === 8 ? 'Byte' : `UInt${bits}`;
}

/** One band of any type can be heights; 1-4 bands can be painted (grey, grey+alpha, RGB, RGBA). */
export function rasterTargets(raster: Pick<Raster, 'bandCount' | 'sampleKind' | 'bitsPerSample'>): {
  targets: Target[];
  defaultTarget: Target;
} {
  const targets: Target[] = [];
  if (raster.bandCount === 1) targets.push('terrain');
  if (raster.bandCount >= 1 && raster.bandCount <= 4) targets.push('imagery');
  const byte = raster.sampleKind === 'uint' && raster.bitsPerSample === 8;
  // A single byte band is a greyscale picture (shade.tif), not heights in whole metres.
  const defaultTarget: Target = raster.bandCount === 1 && !byte ? 'terrain' : 'imagery';
  return { targets, defaultTarget };
}

export function rasterCorners(raster: Raster, projector: Projector | null): RasterInfo['corners'] {
  if (!projector) return null;
  const c = cornerCoordinates(raster.transform, raster.width, raster.height);
  const at = ([x, y]: [number, number]): { x: number; y: number; lon: number; lat: number } => {
    const [lon, lat] = projector.toLonLat(x, y);
    return { x, y, lon, lat };
  };
  return {
    upperLeft: at(c.upperLeft),
    lowerLeft: at(c.lowerLeft),
    upperRight: at(c.upperRight),
    lowerRight: at(c.lowerRight),
    center: at(c.center),
  };
}

/** The raster's outline in lon/lat, its edges sampled (a projected edge bows). */
function footprint(raster: Raster, projector: Projector): [number, number][] {
  const steps = 16;
  const ring: [number, number][] = [];
  const edge = (c0: number, r0: number, c1: number, r1: number): void => {
    for (let k = 0; k < steps; k++) {
      const t = k / steps;
      const [x, y] = pixelToCrs(raster.transform, c0 + (c1 - c0) * t, r0 + (r1 - r0) * t);
      ring.push(projector.toLonLat(x, y));
    }
  };
  const { width: w, height: h } = raster;
  edge(0, 0, 0, h);
  edge(0, h, w, h);
  edge(w, h, w, 0);
  edge(w, 0, 0, 0);
  ring.push(ring[0] ?? [0, 0]);
  return ring;
}

const UNKNOWN: RasterCrs = { epsg: null, name: '', proj4: '', geographic: false };

async function openWithCrs(
  file: SourceFile,
  crs: RasterCrs | undefined,
): Promise<{ raster: Raster; known: boolean; declared: string }> {
  try {
    return { raster: await openRaster(file.path, { crs }), known: true, declared: '' };
  } catch (err) {
    // No CRS, or one we cannot read: the user chooses, as for vector files.
    if (!(err instanceof CimError) || (err.code !== 'tiles.no_crs' && err.code !== 'tiles.unsupported_crs')) throw err;
    const declared = typeof err.facts.code === 'string' ? err.facts.code : '';
    return { raster: await openRaster(file.path, { crs: UNKNOWN }), known: false, declared };
  }
}

function crsNameOf(crs: RasterCrs): string {
  const def = crs.epsg === null ? undefined : crsDef(crs.epsg);
  return def?.name ?? crs.name;
}

export const geotiffReader: FormatReader = {
  format: 'geotiff',
  extensions: ['.tif', '.tiff'],
  async open(file, options): Promise<OpenedSource> {
    const { raster, known, declared } = await openWithCrs(file, chosenCrs(file.fileName, options.crs));
    try {
      const { targets, defaultTarget } = rasterTargets(raster);
      if (targets.length === 0)
        throw new CimError('tiles.unsupported_bands', { file: file.fileName, bands: raster.bandCount });
      const projector = known ? projectorFor(raster.crs) : null;
      const bounds = projector ? rasterBoundsDeg(projector, raster.transform, raster.width, raster.height) : null;
      if (bounds && !bounds.every(Number.isFinite)) throw new CimError('tiles.outside_globe', { file: file.fileName });
      const ring = projector ? footprint(raster, projector) : null;
      const crs = raster.crs;
      const preview: TiledPreview = {
        kind: defaultTarget,
        crsName: known ? crsNameOf(crs) : null,
        raster: {
          width: raster.width,
          height: raster.height,
          bands: raster.bandCount,
          dataType: gdalDataType(raster),
          nodata: raster.nodata,
          corners: rasterCorners(raster, projector),
          targets,
          defaultTarget,
        },
      };
      const layer: SourceLayer = {
        sourceLayer: file.fileName,
        suggestedName: layerNameFrom(file.fileName),
        geometryType: 'POLYGON',
        featureCount: 1,
        fields: [],
        bbox: bounds,
        crs: known ? crs.name : declared,
        crsKnown: known,
        suggestedCrs: null,
        encoding: null,
        warnings: [],
        sample: [],
        skipped: [],
        *features() {
          if (ring) yield { geometry: { type: 'Polygon', coordinates: [ring] }, values: [] };
        },
      };
      const tiled: TiledImport = {
        kindFor: (o) => o.target ?? defaultTarget,
        sourceCrs: crs.name,
        preview,
        async build(dir, ctx) {
          const target = ctx.options.target ?? defaultTarget;
          if (!targets.includes(target)) {
            throw importError('raster_target', {
              file: file.fileName,
              target,
              bands: raster.bandCount,
              dataType: gdalDataType(raster),
            });
          }
          return buildRasterPyramid(file, target, dir, ctx.control, { crs });
        },
      };
      return { format: 'geotiff', layers: [layer], tiled, close: () => undefined };
    } finally {
      await raster.close();
    }
  },
};
