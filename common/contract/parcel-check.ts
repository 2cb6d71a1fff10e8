/**
 * The planning-condition check (规划条件核验): parameters and summary.
 * Environment: common.
 */
import { z } from 'zod';
import { LayerName } from './shared.js';

export const ParcelCheckStart = z
  .object({
    parcels: LayerName.describe('regulatory parcels with their limits (容积率, 密度, 绿地率, 限高, 退线)'),
    buildings: LayerName.describe('building footprints with height, floors or floor area'),
    green: LayerName.optional().describe('green spaces, for the green ratio'),
    redlines: LayerName.optional().describe('road red lines, for setbacks'),
    name: LayerName.optional().describe('result layer name (default parcel_check_<n>)'),
  })
  .strict();
export type ParcelCheckStart = z.infer<typeof ParcelCheckStart>;

const ViolationKind = z.enum(['far', 'density', 'green', 'height', 'setback_boundary', 'setback_redline']);
type ViolationKind = z.infer<typeof ViolationKind>;

export const ParcelCheckSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  violating: z.number().int(),
  byKind: z.record(ViolationKind, z.number().int()),
  /** The first 200 violations. */
  violations: z.array(
    z.object({
      fid: z.number().int(),
      /** The parcel's code (dkbm) when it has one, else its fid as text. */
      parcel: z.string(),
      kind: ViolationKind,
      value: z.number(),
      limit: z.number(),
    }),
  ),
  buildings: z.object({ total: z.number().int(), onParcels: z.number().int() }),
  /** Which field each figure was read from (null: the layer has none). */
  fieldsUsed: z.object({
    limits: z.object({
      farMax: z.string().nullable(),
      densityMaxPct: z.string().nullable(),
      greenMinPct: z.string().nullable(),
      heightMaxM: z.string().nullable(),
      setbackMinM: z.string().nullable(),
    }),
    buildings: z.object({
      heightM: z.string().nullable(),
      floors: z.string().nullable(),
      gfaM2: z.string().nullable(),
    }),
  }),
  gkZoneEpsg: z.number(),
  durationMs: z.number(),
});
export type ParcelCheckSummary = z.infer<typeof ParcelCheckSummary>;
