/**
 * Layer exports.
 * Environment: common.
 */
import { z } from 'zod';
import { call } from './call.js';
import { LayerName } from './shared.js';

/** Export formats; a shapefile is written as its parts beside `path` (.shp) or as one .zip. */
export const ExportFormat = z.enum(['geojson', 'gpkg', 'shapefile', 'kml', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const exportCalls = {
  'export.layer': call(
    z
      .object({
        name: LayerName,
        format: ExportFormat,
        /** Where to write it; the browser host downloads from `/export/...` instead. */
        path: z.string().min(1),
        /** CRS to write in (`EPSG:4526`); default EPSG:4326. KML is always WGS 84. */
        crs: z.string().min(1).max(40).optional(),
        /** Shapefile/CSV text encoding: `UTF-8` (default) or `GBK`. */
        encoding: z.string().min(1).max(40).optional(),
      })
      .strict(),
    z.object({ path: z.string(), count: z.number().int() }),
  ),
} as const;
