/**
 * Illegal-build detection (违法建设识别, issue #13): two survey epochs of buildings against the
 * planning permits and the prohibited zones. `cim analyze change` flags are derived from
 * these names (camelCase → --kebab-case); the review calls record an inspector's decisions.
 * Environment: common.
 */
import { z } from 'zod';
import { call } from './call.js';
import { LayerName } from './shared.js';

const FieldName = z.string().min(1).max(63);

export const ChangeParams = z
  .object({
    before: LayerName.describe('buildings of the earlier survey (footprints with heights)'),
    after: LayerName.describe('buildings of the later survey'),
    permits: LayerName.describe('planning permits (建设工程规划许可证): permitted footprints with heights'),
    zones: z
      .array(LayerName)
      .max(20)
      .optional()
      .describe('prohibited zones: 生态保护红线, 永久基本农田, 道路红线, 河道蓝线 (A,B)'),
    heightField: FieldName.optional().describe(
      'height field of both epochs (default: found among height, height_m, 高度…)',
    ),
    floorsField: FieldName.optional().describe('storeys field of both epochs (default floors / 层数 when present)'),
    permitHeightField: FieldName.optional().describe('permitted height field (default: found among the usual names)'),
    noiseM: z
      .number()
      .min(0)
      .max(5)
      .optional()
      .describe('re-digitising tolerance between surveys, metres (default 0.5)'),
    toleranceM: z.number().min(0).max(5).optional().describe('permitted-footprint tolerance, metres (default 0.5)'),
    raiseMinM: z
      .number()
      .positive()
      .max(50)
      .optional()
      .describe('height rise that counts as raised, metres (default 2.0)'),
    extendMinM2: z
      .number()
      .positive()
      .max(10_000)
      .optional()
      .describe('area gain that counts as extended, m² (default 5)'),
    heightToleranceM: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe('allowed excess over the permitted height (default 0.5 m)'),
    dsmBefore: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('raster method: DSM GeoTIFF of the earlier survey (with --dsm-after)'),
    dsmAfter: z.string().min(1).max(1000).optional().describe('raster method: DSM GeoTIFF of the later survey'),
    dsmMinGainM: z
      .number()
      .positive()
      .max(100)
      .optional()
      .describe('raster method: height gain that counts as change, metres (default 2.5)'),
    dsmMinAreaM2: z
      .number()
      .positive()
      .max(100_000)
      .optional()
      .describe('raster method: smallest change polygon kept, m² (default 12)'),
    name: LayerName.optional().describe('result layer name (default change_<n>)'),
  })
  .strict();
export type ChangeParams = z.infer<typeof ChangeParams>;

export const SuspectKind = z.enum(['in_protected_zone', 'no_permit', 'beyond_height', 'beyond_footprint']);
export type SuspectKind = z.infer<typeof SuspectKind>;

const ChangeClassName = z.enum(['new', 'demolished', 'replaced', 'extended', 'raised', 'reduced']);

export const SuspectRow = z.object({
  /** fid in the result layer. */
  fid: z.number().int(),
  /** The after building's id (bldg_id or the like), else its fid as text. */
  id: z.string(),
  kind: SuspectKind,
  kinds: z.array(SuspectKind),
  score: z.number(),
  classes: z.array(ChangeClassName),
  excessAreaM2: z.number(),
  excessHeightM: z.number(),
  permit: z.string().nullable(),
  zone: z.string().nullable(),
  /** A point on the building, lon/lat. */
  lon: z.number(),
  lat: z.number(),
});
export type SuspectRow = z.infer<typeof SuspectRow>;

export const ChangeSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  byKind: z.record(SuspectKind, z.number().int()),
  /** Changes between the epochs by class; `unchanged` groups too. */
  changes: z.record(z.string(), z.number().int()),
  /** The suspects, highest score first (the first 500). */
  suspects: z.array(SuspectRow),
  fieldsUsed: z.object({
    height: z.string().nullable(),
    floors: z.string().nullable(),
    permitHeight: z.string().nullable(),
    permitId: z.string().nullable(),
    buildingId: z.string().nullable(),
  }),
  zones: z.array(z.object({ layer: z.string(), category: z.string(), count: z.number().int() })),
  thresholds: z.object({
    linkOverlap: z.number(),
    iouSame: z.number(),
    noiseM: z.number(),
    extendMinM2: z.number(),
    raiseMinM: z.number(),
    toleranceM: z.number(),
    heightToleranceM: z.number(),
    minExcessM2: z.number(),
  }),
  /** Source CRS of each input layer as imported; `reprojected` when they differ. */
  crs: z.object({ before: z.string().nullable(), after: z.string().nullable(), permits: z.string().nullable() }),
  /** What the user must know: `reprojected`, `permits_footprint_only`. */
  notes: z.array(z.enum(['reprojected', 'permits_footprint_only'])),
  gkZoneEpsg: z.number(),
  durationMs: z.number(),
  /** `raster` when the suspects came from a DSM pair (then `dsm` says how). */
  method: z.enum(['vector', 'raster']).default('vector'),
  dsm: z
    .object({
      /** The grid both DSMs were compared on: the before DSM's, over the common part. */
      grid: z.string(),
      crs: z.string(),
      cellM: z.number(),
      widthPx: z.number().int(),
      heightPx: z.number().int(),
      resampled: z.boolean(),
      minGainM: z.number(),
      minAreaM2: z.number(),
      components: z.number().int(),
    })
    .optional(),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

export const ReviewDecision = z.enum(['confirmed', 'dismissed']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const ReviewEntry = z.object({
  id: z.number().int(),
  layer: z.string(),
  fid: z.number().int(),
  decision: ReviewDecision,
  reason: z.string(),
  at: z.string(),
  /** The case a confirmation filed in the case desk (or found already filed); null for a dismissal. */
  caseId: z.string().nullable(),
});
export type ReviewEntry = z.infer<typeof ReviewEntry>;

export const changeCalls = {
  /**
   * Records a decision on a suspect (a dismissal needs its reason); kept as history. A
   * confirmation files a case in the case desk (事件 0101 私搭乱建) with the evidence, in the
   * same transaction.
   */
  'change.review': call(
    z
      .object({
        layer: LayerName,
        fid: z.number().int(),
        decision: ReviewDecision,
        reason: z.string().max(2000).default(''),
        /** Who decided (the case desk's actor of the new case). */
        by: z.string().min(1).max(60).default('违法建设核查'),
        /** The globe at the suspect when confirming from the UI: attached to the case as a photo. */
        screenshot: z
          .object({ contentType: z.enum(['image/jpeg', 'image/png']), base64: z.string().min(4).max(8_000_000) })
          .strict()
          .optional(),
      })
      .strict(),
    ReviewEntry,
    true,
  ),
  /** The review history of a run, oldest first. */
  'change.reviews': call(z.object({ layer: LayerName }).strict(), z.array(ReviewEntry)),
} as const;
