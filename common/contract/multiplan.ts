/**
 * Multi-plan review (多规合一): rules, the start parameters, the summary and the conflict rows.
 * Environment: common.
 */
import { z } from 'zod';
import { call, Empty } from './call.js';
import {
  ConflictRuleSchema,
  RULE_KINDS,
  SEVERITIES,
  type ConflictRule as LayersConflictRule,
} from '../../layers/plan-rules.js';
import { BBoxLonLat, LayerName } from './shared.js';

/** A conflict rule (layers/plan-rules.ts explains kinds and class patterns and declares it). */
export const ConflictRule = ConflictRuleSchema;
export type ConflictRule = LayersConflictRule;
const Severity = z.enum(SEVERITIES);
type Severity = z.infer<typeof Severity>;
const RuleKind = z.enum(RULE_KINDS);
type RuleKind = z.infer<typeof RuleKind>;

/** The review's parameters: the panel's, the API's (`analysis.start`) and `cim analyze multiplan`'s. */
export const MultiplanStart = z
  .object({
    layers: z.array(LayerName).min(2).max(8).describe('two to eight polygon layers to compare'),
    classFields: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('class field per layer (LAYER:FIELD,…); others take the first class field they have'),
    rules: z
      .array(ConflictRule)
      .min(1)
      .optional()
      .describe("rules for this run (a CSV file); the workspace's table by default"),
    rulesSource: z.string().optional().describe('where the rules came from, for the record'),
    allPairs: z.boolean().optional().describe('write every overlapping part, conflict or not'),
    name: LayerName.optional().describe('result layer name (default conflicts_<n>)'),
    districtLayer: LayerName.optional().describe('polygon layer of districts for the statistics'),
    districtField: z.string().min(1).optional().describe("the district layer's name field"),
    minAreaM2: z.number().min(0).optional().describe('drop result parts under this area (default 1 m²)'),
    minWidthM: z.number().min(0).optional().describe('drop result parts under this mean width 2A/P (default 0.1 m)'),
    workers: z.number().int().min(1).max(64).optional().describe('clip workers (default: the cores)'),
  })
  .strict();
export type MultiplanStart = z.infer<typeof MultiplanStart>;

const AreaCount = z.object({ count: z.number(), areaM2: z.number() });

/** What a review found (the job's result, kept with its result layer). */
export const MultiplanSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  allPairs: z.boolean(),
  total: AreaCount,
  conflicts: AreaCount,
  bySeverity: z.object({ high: AreaCount, medium: AreaCount, low: AreaCount }),
  byRule: z.array(
    z.object({
      ruleId: z.string(),
      kind: RuleKind,
      severity: Severity,
      reasonZh: z.string(),
      reasonEn: z.string(),
      count: z.number(),
      areaM2: z.number(),
    }),
  ),
  byPair: z.array(
    z.object({
      layerA: z.string(),
      classA: z.string().nullable(),
      nameA: z.string().nullable(),
      layerB: z.string(),
      classB: z.string().nullable(),
      nameB: z.string().nullable(),
      count: z.number(),
      areaM2: z.number(),
      conflictCount: z.number(),
      conflictAreaM2: z.number(),
    }),
  ),
  byDistrict: z.array(z.object({ district: z.string().nullable(), count: z.number(), areaM2: z.number() })),
  layers: z.array(
    z.object({ name: z.string(), classField: z.string(), features: z.number(), withoutGeometry: z.number() }),
  ),
  rules: z.object({ source: z.string(), count: z.number() }),
  gkZoneEpsg: z.number(),
  gkDefinition: z.string(),
  sliver: z.object({ minAreaM2: z.number(), minWidthM: z.number(), dropped: z.number(), droppedAreaM2: z.number() }),
  districtSource: z.string().nullable(),
  pairsTested: z.number(),
  problems: z.array(z.object({ layer: z.string(), fid: z.number(), code: z.string(), detail: z.string() })),
  problemCount: z.number(),
  workers: z.number(),
  durationMs: z.number(),
});
export type MultiplanSummary = z.infer<typeof MultiplanSummary>;

/** One row of a review's result layer, for the list that flies to each conflict. */
export const ConflictRow = z.object({
  fid: z.number().int(),
  ruleId: z.string().nullable(),
  severity: Severity.nullable(),
  reason: z.string().nullable(),
  areaM2: z.number(),
  layerA: z.string().nullable(),
  fidA: z.number().nullable(),
  classA: z.string().nullable(),
  nameA: z.string().nullable(),
  layerB: z.string().nullable(),
  fidB: z.number().nullable(),
  classB: z.string().nullable(),
  nameB: z.string().nullable(),
  district: z.string().nullable(),
  bbox: BBoxLonLat.nullable(),
  /** Every attribute of the row, as stored. */
  properties: z.record(z.string(), z.unknown()),
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const multiplanCalls = {
  'rules.list': call(Empty, z.array(ConflictRule)),
  /** Replaces the whole table (in this order, which is also the rules' priority). */
  'rules.save': call(z.object({ rules: z.array(ConflictRule).min(1) }).strict(), z.array(ConflictRule), true),
  'rules.reset': call(Empty, z.array(ConflictRule), true),
  /** A CSV file's bytes (UTF-8 or GBK), base64: `id,kind,class_a,class_b,severity,reason_zh,reason_en`. */
  'rules.importCsv': call(
    z.object({ fileName: z.string().min(1), base64: z.string().max(4_000_000) }).strict(),
    z.array(ConflictRule),
    true,
  ),
  'rules.exportCsv': call(Empty, z.object({ csv: z.string() })),
  'multiplan.conflicts': call(
    z
      .object({
        layer: LayerName,
        sort: z.enum(['area', 'severity']).default('area'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(ConflictRow) }),
  ),
} as const;
