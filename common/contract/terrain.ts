/**
 * Terrain and visibility analyses (issue #16): line of sight, viewshed, profile, cut and
 * fill, flood inundation. `cim analyze los|viewshed|profile|cut-fill|flood` flags are
 * derived from these names (camelCase → --kebab-case). Every analysis reads the terrain at
 * full resolution from a DEM GeoTIFF (`--dem`) or from the terrain layer's source raster.
 * Environment: common.
 */
import { z } from 'zod';
import { LayerName } from './shared.js';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const LonLat = z.tuple([Lon, Lat]);
const LonLatPolygon = z.array(z.array(LonLat).min(3)).min(1);

/** Curvature and refraction coefficient (GDAL's default 0.85714 = 1 − 1/7 refraction). */
const DEFAULT_CURV_COEFF = 0.85714;

const terrainInputs = {
  dem: z.string().min(1).max(4096).optional().describe('DEM GeoTIFF (default: the terrain layer’s source raster)'),
  terrain: LayerName.optional().describe('terrain layer whose source raster is read (default: the first)'),
  buildings: LayerName.optional().describe('buildings as obstacles: footprints with heights, or a 3D Tiles layer'),
  heightField: z.string().min(1).max(63).optional().describe('height field of the buildings (default height_m)'),
  curvCoeff: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_CURV_COEFF)
    .describe('earth curvature and refraction coefficient (default 0.85714; 0 = flat earth)'),
  name: LayerName.optional().describe('result layer name'),
};

/** What every summary says about the terrain it read. */
const TerrainFacts = {
  dem: z.string(),
  crs: z.string(),
  cellSizeM: z.number(),
  /** Set when a DEM in degrees was reprojected to the GK zone for measurement. */
  reprojected: z.object({ from: z.string(), to: z.string(), cellM: z.number() }).nullable(),
  durationMs: z.number(),
};

export const LosParams = z
  .object({
    from: z.tuple([Lon, Lat, z.number().min(0).max(10_000)]).describe('observer LON,LAT,H (H above the surface)'),
    to: z.tuple([Lon, Lat, z.number().min(0).max(10_000)]).describe('target LON,LAT,H (H above the surface)'),
    stepM: z.number().positive().max(100).optional().describe('sampling step along the line (default ¼ cell)'),
    ...terrainInputs,
  })
  .strict();
export type LosParams = z.output<typeof LosParams>;

const LosObstruction = z.object({
  lon: z.number(),
  lat: z.number(),
  z: z.number(),
  distanceM: z.number(),
  kind: z.enum(['terrain', 'building']),
  buildingId: z.string().nullable(),
  aboveLineM: z.number(),
});
export const LosSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  visible: z.boolean(),
  obstruction: LosObstruction.nullable(),
  lengthM: z.number(),
  visibleLengthM: z.number(),
  eyeZ: z.number(),
  targetZ: z.number(),
  segments: z.array(z.object({ visible: z.boolean(), fromM: z.number(), toM: z.number() })),
  method: z.string(),
  ...TerrainFacts,
});
export type LosSummary = z.output<typeof LosSummary>;

export const ViewshedParams = z
  .object({
    observer: LonLat.describe('observer position LON,LAT'),
    height: z.number().min(0).max(10_000).describe('observer height above the surface, metres'),
    radius: z.number().min(0).max(100_000).describe('range, metres (0 = the whole DEM)'),
    targetHeight: z.number().min(0).max(10_000).default(0).describe('target height above the surface (default 0)'),
    heading: z.number().min(0).max(360).optional().describe('view direction, degrees clockwise from north'),
    fov: z.number().positive().max(360).optional().describe('field of view around the heading, degrees'),
    method: z
      .enum(['wang2000', 'rays'])
      .default('wang2000')
      .describe('wang2000 (as gdal_viewshed) or rays (R2 ray casting, sharper building shadows)'),
    ...terrainInputs,
  })
  .strict();
export type ViewshedParams = z.output<typeof ViewshedParams>;

export const ViewshedSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  visibleAreaM2: z.number(),
  hiddenAreaM2: z.number(),
  visibleCells: z.number().int(),
  hiddenCells: z.number().int(),
  visibleShare: z.number(),
  observerGroundM: z.number(),
  /** The visibility raster (GeoTIFF: 1 seen, 0 hidden, 255 outside) beside the workspace, or null. */
  raster: z.string().nullable(),
  method: z.string(),
  curvCoeff: z.number(),
  ...TerrainFacts,
});
export type ViewshedSummary = z.output<typeof ViewshedSummary>;

export const ProfileParams = z
  .object({
    line: z.array(LonLat).min(2).max(1000).describe('the line LON,LAT;LON,LAT… (or a GeoJSON LineString file)'),
    stepM: z.number().positive().max(1000).optional().describe('sample spacing (default ½ cell)'),
    csv: z.string().min(1).max(4096).optional().describe('also write the samples to this CSV file'),
    ...terrainInputs,
  })
  .strict();
export type ProfileParams = z.output<typeof ProfileParams>;

const ProfileSample = z.object({
  d: z.number(),
  lon: z.number(),
  lat: z.number(),
  ground: z.number(),
  roof: z.number().nullable(),
  building: z.string().nullable(),
});
export const ProfileSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  lengthM: z.number(),
  minM: z.number(),
  maxM: z.number(),
  ascentM: z.number(),
  descentM: z.number(),
  buildingsCut: z.array(z.string()),
  samples: z.array(ProfileSample),
  csv: z.string().nullable(),
  ...TerrainFacts,
});
export type ProfileSummary = z.output<typeof ProfileSummary>;

export const CutFillParams = z
  .object({
    polygon: LonLatPolygon.describe('the graded area: a polygon file in any CRS the importer reads'),
    elevation: z.number().min(-1000).max(10_000).describe('design elevation Z, metres'),
    gradient: z
      .number()
      .min(-1)
      .max(1)
      .optional()
      .describe('sloped design plane: rise per metre (through Z at the centroid)'),
    azimuth: z.number().min(0).max(360).optional().describe('direction the plane rises toward, degrees from north'),
    ...terrainInputs,
  })
  .strict();
export type CutFillParams = z.output<typeof CutFillParams>;

export const CutFillSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  cutM3: z.number(),
  fillM3: z.number(),
  netM3: z.number(),
  areaM2: z.number(),
  cells: z.number().int(),
  nodataCells: z.number().int(),
  maxCutM: z.number(),
  maxFillM: z.number(),
  method: z.string(),
  ...TerrainFacts,
});
export type CutFillSummary = z.output<typeof CutFillSummary>;

export const FloodParams = z
  .object({
    level: z.number().min(-1000).max(10_000).describe('water level Z, metres'),
    seed: LonLat.optional().describe('LON,LAT: flood only what is connected to this point'),
    bands: z.number().int().min(1).max(20).default(8).describe('depth bands of the result (default 8)'),
    ...terrainInputs,
  })
  .strict();
export type FloodParams = z.output<typeof FloodParams>;

export const FloodSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  level: z.number(),
  floodedAreaM2: z.number(),
  volumeM3: z.number(),
  maxDepthM: z.number(),
  minGroundM: z.number(),
  seeded: z.boolean(),
  /** How the flooded cells were chosen, in words (seeded or every cell below the level). */
  mode: z.string(),
  belowLowest: z.boolean(),
  bandDepthsM: z.array(z.number()),
  ...TerrainFacts,
});
export type FloodSummary = z.output<typeof FloodSummary>;

export const SkylineParams = z
  .object({
    viewpoint: LonLat.describe('viewpoint LON,LAT'),
    height: z.number().min(0).max(10_000).describe('eye height above the surface, metres'),
    radius: z.number().positive().max(50_000).default(3000).describe('how far to look, metres (default 3000)'),
    stepDeg: z.number().positive().max(10).default(1).describe('azimuth step, degrees (default 1)'),
    scheme: LayerName.optional().describe('a scheme’s buildings (footprints with heights): skyline before and after'),
    ...terrainInputs,
  })
  .strict();
export type SkylineParams = z.output<typeof SkylineParams>;

const SkylinePoint = z.object({
  az: z.number(),
  el: z.number(),
  d: z.number(),
  lon: z.number(),
  lat: z.number(),
  z: z.number(),
  building: z.string().nullable(),
});
export const SkylineSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  eyeZ: z.number(),
  before: z.array(SkylinePoint),
  /** With a scheme: the skyline with its buildings added, and what changed. */
  after: z.array(SkylinePoint).nullable(),
  changedAzimuths: z.number().int(),
  maxRiseDeg: z.number(),
  ...TerrainFacts,
});
export type SkylineSummary = z.output<typeof SkylineSummary>;
