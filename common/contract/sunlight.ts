/**
 * Sunlight hours (日照分析), height control (控高分析) and the scheme review built on them: the
 * parameters of the analyses (issue #15). `cim analyze sunlight|height-limit` flags are derived
 * from these names (camelCase → --kebab-case). Environment: common.
 */
import { z } from 'zod';
import { LayerName } from './shared.js';

const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
/** A polygon in lon/lat: outer ring, then holes. */
const LonLatPolygon = z.array(z.array(LonLat).min(3)).min(1);

const SunlightPoint = z
  .object({
    id: z.string().min(1).max(200),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    zM: z.number().min(-100).max(1000),
    facingDeg: z.number().min(0).max(360).nullable(),
  })
  .strict();
type SunlightPoint = z.infer<typeof SunlightPoint>;

const ClimateZone = z.enum(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
const CityPopulation = z.enum(['ge50', 'lt50']);
const HomeCategory = z.enum(['ordinary', 'elderly', 'renewal']);

/** `dahan`, `dongzhi`, or a window `HH:MM-HH:MM` in true solar time. */
const SunlightWindow = z.string().regex(/^(dahan|dongzhi|\d{1,2}:\d{2}-\d{1,2}:\d{2})$/);

export const SunlightParams = z
  .object({
    buildings: LayerName.describe(
      'buildings that cast shadows: footprints with heights, or a 3D Tiles buildings layer',
    ),
    heightField: z.string().min(1).max(63).optional().describe('height field of the buildings (default height_m)'),
    floorsField: z.string().min(1).max(63).optional().describe('storeys field, × 3 m when there is no height field'),
    terrain: LayerName.optional().describe('terrain layer (default: flat ground at 0 m)'),
    points: z
      .array(SunlightPoint)
      .max(200_000)
      .optional()
      .describe('points file: GeoJSON points with id, z_m, facing_deg'),
    facades: LayerName.optional().describe('homes whose facades are sampled (footprints with heights)'),
    facadeIds: z.array(z.string().max(200)).max(10_000).optional().describe('only these buildings of --facades'),
    facadeUse: z.string().min(1).max(63).optional().describe('only homes whose use field has this value (住宅)'),
    spacing: z.number().positive().max(100).optional().describe('metres between facade points (default 3)'),
    lowestFloorOnly: z.boolean().optional().describe('sample the lowest storey only (default every storey)'),
    sillM: z.number().min(0).max(5).optional().describe('sill height above the floor (default 0.9 m, GB 50180)'),
    windowWidthM: z.number().positive().max(20).optional().describe('满窗日照: a window of this width lit whole'),
    groundGrid: z.number().positive().max(200).optional().describe('ground grid spacing, metres'),
    area: LayerName.optional().describe('polygon layer bounding the ground grid (or the facades sampled)'),
    areaPolygon: LonLatPolygon.optional().describe('a polygon bounding the ground grid (or the facades sampled)'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('the day, YYYY-MM-DD (大寒日 or 冬至日 of the standard)'),
    window: SunlightWindow.default('dahan').describe(
      'true solar time window: dahan (08:00-16:00), dongzhi (09:00-15:00) or HH:MM-HH:MM',
    ),
    stepMin: z.number().positive().max(10).default(1).describe('time step, minutes (default 1)'),
    refraction: z.boolean().default(false).describe('refracted Sun elevation (default geometric)'),
    minSegmentMin: z
      .number()
      .positive()
      .max(240)
      .optional()
      .describe('minimum counted lit segment, minutes (default off)'),
    sweepAngleDeg: z
      .number()
      .positive()
      .max(89)
      .optional()
      .describe('sweep-angle rule: least angle between ray and wall (default off)'),
    climateZone: ClimateZone.default('III').describe('building climate zone (GB 50178; demo city: III)'),
    population: CityPopulation.default('ge50').describe('urban population ≥ or < 500,000 (demo city: ge50)'),
    homeCategory: HomeCategory.default('ordinary').describe('ordinary, elderly (冬至日 2 h) or renewal (大寒日 1 h)'),
    requiredHours: z.number().positive().max(12).optional().describe('override the standard’s hours'),
    scheme: LayerName.optional().describe('proposed scheme: footprints with heights, or a placed glTF model'),
    schemeHeightField: z.string().min(1).max(63).optional().describe('height field of the scheme (default height_m)'),
    envelope: z
      .boolean()
      .optional()
      .describe('also write the shadow envelope (of the scheme, else of the buildings near the points)'),
    envelopeWindow: z
      .string()
      .regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/)
      .optional()
      .describe('envelope time range, true solar time (default the window)'),
    workers: z.number().int().min(0).max(16).optional().describe('worker threads (default 2)'),
    name: LayerName.optional().describe('result layer name'),
  })
  .strict();
export type SunlightParams = z.infer<typeof SunlightParams>;

export const HeightLimitParams = z
  .object({
    buildings: LayerName.describe('buildings: footprints with heights, or a 3D Tiles buildings layer'),
    heightField: z.string().min(1).max(63).optional().describe('height field (default height_m)'),
    floorsField: z.string().min(1).max(63).optional(),
    terrain: LayerName.optional().describe('terrain layer for absolute heights (default ground at 0 m)'),
    surface: z.enum(['constant', 'parcel', 'inclined', 'conical']).describe('the limit surface'),
    limitM: z.number().optional().describe('constant: the limit, metres'),
    absolute: z.boolean().optional().describe('constant: compare absolute tops instead of heights above ground'),
    parcels: LayerName.optional().describe('parcel: the regulatory plan layer'),
    limitField: z
      .string()
      .min(1)
      .max(63)
      .optional()
      .describe('parcel: the limit field (default 限高 / xg / height_limit)'),
    originLon: z
      .number()
      .min(-180)
      .max(180)
      .optional()
      .describe('inclined: a point of the base line / conical: the apex'),
    originLat: z.number().min(-90).max(90).optional(),
    originHeightM: z.number().optional().describe('inclined/conical: absolute height at the base line / apex'),
    azimuthDeg: z.number().min(0).max(360).optional().describe('inclined: direction the surface rises to'),
    gradient: z.number().min(0).max(10).optional().describe('inclined: rise per metre (1:50 = 0.02) / conical: slope'),
    lengthM: z.number().positive().optional().describe('inclined: length of the surface'),
    innerRadiusM: z.number().min(0).optional().describe('conical: flat radius around the apex'),
    outerRadiusM: z.number().positive().optional().describe('conical: outer radius'),
    name: LayerName.optional().describe('result layer name'),
  })
  .strict();
export type HeightLimitParams = z.infer<typeof HeightLimitParams>;

const LitInterval = z.object({
  startTrueSolar: z.string(),
  endTrueSolar: z.string(),
  startBeijing: z.string(),
  endBeijing: z.string(),
  minutes: z.number(),
  counted: z.boolean(),
});

const SunlightChange = z.enum([
  'newly_failing',
  'still_failing_worse',
  'still_failing',
  'reduced',
  'unchanged',
  'improved',
]);

/** What a sunlight run reports (`--json`, `analysis.summary`, the run record). */
export const SunlightSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  date: z.string(),
  calculationDay: z.enum(['dahan', 'dongzhi']).nullable(),
  window: z.object({
    startTrueSolar: z.string(),
    endTrueSolar: z.string(),
    startBeijing: z.string(),
    endBeijing: z.string(),
    equationOfTimeMin: z.number(),
    longitudeCorrectionMin: z.number(),
  }),
  requirement: z.object({ day: z.string(), hours: z.number(), basis: z.string(), requiredMinutes: z.number() }),
  stepMin: z.number(),
  elevation: z.enum(['geometric', 'refracted']),
  rules: z.object({
    minSegmentMin: z.number().nullable(),
    minSweepDeg: z.number().nullable(),
    applied: z.array(z.enum(['min_segment', 'sweep_angle'])),
  }),
  sampleMode: z.enum(['points', 'facades', 'ground']),
  notes: z.array(
    z.object({
      code: z.enum(['not_calculation_day', 'polar_night', 'no_buildings', 'no_points']),
      facts: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
  failing: z.array(z.string()),
  failingCount: z.number().int(),
  points: z.array(
    z.object({
      id: z.string(),
      sunlitMinutes: z.number(),
      meets: z.boolean(),
      intervals: z.array(LitInterval),
      beforeMinutes: z.number().optional(),
    }),
  ),
  buildings: z.object({
    layer: z.string(),
    count: z.number().int(),
    skipped: z.number().int(),
    heightField: z.string(),
    fromFloors: z.boolean(),
  }),
  terrain: z.string().nullable(),
  scheme: z
    .object({
      layer: z.string(),
      buildings: z.number().int(),
      model: z.boolean(),
      newlyFailing: z.array(z.string()),
      counts: z.record(SunlightChange, z.number().int()),
      unmatched: z.object({ beforeOnly: z.array(z.string()), afterOnly: z.array(z.string()) }),
    })
    .nullable(),
  envelopeLayer: z.string().nullable(),
  envelopeAreaM2: z.number().nullable(),
  durationMs: z.number(),
});
export type SunlightSummary = z.infer<typeof SunlightSummary>;

export const HeightLimitSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  surface: z.enum(['constant', 'parcel', 'inclined', 'conical']),
  compared: z.enum(['height', 'top']),
  checked: z.number().int(),
  exceeding: z.number().int(),
  maxExcessM: z.number(),
  buildings: z.array(
    z.object({
      id: z.string(),
      heightM: z.number(),
      limitM: z.number(),
      excessM: z.number(),
      parcelId: z.string().nullable(),
    }),
  ),
  limitField: z.string().nullable(),
  durationMs: z.number(),
});
export type HeightLimitSummary = z.infer<typeof HeightLimitSummary>;
