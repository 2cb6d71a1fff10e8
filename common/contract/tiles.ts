/**
 * Tile builds: terrain, imagery and 3D Tiles from workspace data.
 * Environment: common.
 */
import { z } from 'zod';
import { call, JobStarted } from './call.js';
import { LayerName } from './shared.js';

/**
 * A tile build (tiles/jobs): terrain heightmaps from a DEM, an imagery pyramid from an
 * orthophoto, or 3D Tiles from footprint layers of one or more survey epochs.
 */
const EpochLabel = z.string().regex(/^[A-Za-z0-9_]+$/);
const TilesBuild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('terrain'), source: z.string().min(1), name: LayerName.optional() }).strict(),
  z.object({ type: z.literal('imagery'), source: z.string().min(1), name: LayerName.optional() }).strict(),
  z
    .object({
      type: z.literal('buildings'),
      layers: z.array(LayerName).min(1),
      epochs: z.array(EpochLabel).optional(),
      idField: z.string().min(1).optional(),
      heightField: z.string().min(1).optional(),
      floorsField: z.string().min(1).optional(),
      /** A terrain layer name or a DEM GeoTIFF path. */
      terrain: z.string().min(1).optional(),
      name: LayerName.optional(),
    })
    .strict(),
]);
type TilesBuild = z.infer<typeof TilesBuild>;

export const tileCalls = {
  'tiles.build': call(TilesBuild, JobStarted, true),
} as const;
