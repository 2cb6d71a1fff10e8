/**
 * The planning-condition check (规划条件核验).
 * Environment: common.
 */
import { z } from 'zod';
import { call, JobStarted } from './call.js';
import { LayerName } from './shared.js';

export const ParcelCheckStart = z
  .object({
    parcels: LayerName,
    buildings: LayerName,
    green: LayerName.optional(),
    redlines: LayerName.optional(),
    name: LayerName.optional(),
  })
  .strict();
export type ParcelCheckStart = z.infer<typeof ParcelCheckStart>;

export const parcelCheckCalls = {
  'analysis.parcelCheck': call(ParcelCheckStart, JobStarted, true),
} as const;
