/**
 * Pipeline analyses (issue #14): burst isolation, gravity traces, GB 50289 clearances,
 * cross-sections and the topology check, each `cim analyze pipes <verb>`. Flags come from
 * the field names (camelCase → --kebab-case). Environment: common.
 */
import { z } from 'zod';
import { LayerName } from './shared.js';

const NetworkLayers = {
  segments: LayerName.describe('pipe segments layer (pipe_id, system, from_node, to_node, …)'),
  nodes: LayerName.describe('pipe points layer (node_id, system, kind, status, households, …)'),
  snapToleranceM: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe('snapping tolerance for segment ends without a node id, metres (default 0.05)'),
  map: z
    .record(z.string().min(1).max(63), z.string().min(1).max(63))
    .optional()
    .describe('segment field mapping FIELD:COLUMN,… (e.g. diameter_mm:管径)'),
  name: LayerName.optional().describe('result layer name'),
};

const TopologyErrorSummary = z.object({
  code: z.string(),
  pipeId: z.string().nullable(),
  nodeId: z.string().nullable(),
  end: z.enum(['from', 'to']).nullable(),
  valueM: z.number().nullable(),
});

export const PipesIsolateParams = z
  .object({
    ...NetworkLayers,
    burst: z.string().min(1).max(200).describe('pipe_id of the burst segment'),
    stuckValves: z
      .array(z.string().min(1).max(200))
      .max(1000)
      .optional()
      .describe('valves that fail to close (node ids); the zone grows past them'),
  })
  .strict();
export type PipesIsolateParams = z.infer<typeof PipesIsolateParams>;

export const PipesIsolateSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  burst: z.string(),
  system: z.string(),
  isolable: z.boolean(),
  isolatedSegments: z.array(z.string()),
  valvesToClose: z.array(z.string()),
  boundaryValvesNotRequired: z.array(z.string()),
  closedBoundaryValves: z.array(z.string()),
  sourcesToShut: z.array(z.string()),
  unsuppliedSegmentsOutsideZone: z.array(z.string()),
  affectedServices: z.array(z.string()),
  affectedHouseholds: z.number().int(),
  stuckValves: z.array(z.string()),
  snapToleranceM: z.number(),
  topologyErrors: z.number().int(),
  durationMs: z.number(),
});
export type PipesIsolateSummary = z.infer<typeof PipesIsolateSummary>;

export const PipesTraceParams = z
  .object({
    ...NetworkLayers,
    direction: z.enum(['up', 'down']).describe('up (what drains to the node) or down (where it drains to)'),
    from: z.string().min(1).max(200).describe('node_id the trace starts at'),
  })
  .strict();
export type PipesTraceParams = z.infer<typeof PipesTraceParams>;

export const PipesTraceSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  from: z.string(),
  direction: z.enum(['up', 'down']),
  system: z.string(),
  segments: z.array(z.string()),
  nodes: z.array(z.string()),
  outfall: z.string().nullable(),
  lengthM: z.number(),
  /** Downstream traces: the 纵断面 along the first path to the outfall. */
  profile: z
    .object({
      stations: z.array(z.object({ nodeId: z.string(), chainageM: z.number(), groundM: z.number().nullable() })),
      segments: z.array(
        z.object({
          pipeId: z.string(),
          lengthM: z.number(),
          invertUpM: z.number().nullable(),
          invertDownM: z.number().nullable(),
          slope: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
  snapToleranceM: z.number(),
  topologyErrors: z.number().int(),
  durationMs: z.number(),
});
export type PipesTraceSummary = z.infer<typeof PipesTraceSummary>;

export const PipesClearanceParams = z
  .object({
    ...NetworkLayers,
    buildings: LayerName.optional().describe('building footprints checked against GB 50289 表 4.1.9'),
  })
  .strict();
export type PipesClearanceParams = z.infer<typeof PipesClearanceParams>;

const ClearanceViolationSummary = z.object({
  a: z.string(),
  b: z.string(),
  bKind: z.enum(['pipe', 'building']),
  kind: z.enum(['horizontal', 'vertical']),
  measuredM: z.number(),
  requiredM: z.number(),
  source: z.string(),
  lonLat: z.tuple([z.number(), z.number()]),
});

export const PipesClearanceSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  violations: z.array(ClearanceViolationSummary),
  horizontal: z.number().int(),
  vertical: z.number().int(),
  pairsChecked: z.number().int(),
  depthDefaulted: z.array(z.string()),
  snapToleranceM: z.number(),
  topologyErrors: z.number().int(),
  durationMs: z.number(),
});
export type PipesClearanceSummary = z.infer<typeof PipesClearanceSummary>;

export const PipesSectionParams = z
  .object({
    ...NetworkLayers,
    line: z
      .array(z.number())
      .min(4)
      .max(2000)
      .refine((v) => v.length % 2 === 0, 'lon,lat pairs')
      .describe('the section line as LON,LAT,LON,LAT,… (two points or more)'),
  })
  .strict();
export type PipesSectionParams = z.infer<typeof PipesSectionParams>;

const SectionPipeSummary = z.object({
  pipeId: z.string(),
  system: z.string(),
  offsetM: z.number(),
  groundM: z.number(),
  topM: z.number(),
  bottomM: z.number(),
  coverM: z.number(),
  widthM: z.number(),
  heightM: z.number(),
  depthDefaulted: z.boolean(),
});

export const PipesSectionSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  lengthM: z.number(),
  pipes: z.array(SectionPipeSummary),
  durationMs: z.number(),
});
export type PipesSectionSummary = z.infer<typeof PipesSectionSummary>;

export const PipesTopologyParams = z.object({ ...NetworkLayers }).strict();
export type PipesTopologyParams = z.infer<typeof PipesTopologyParams>;

export const PipesTopologySummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  segments: z.number().int(),
  nodes: z.number().int(),
  snapToleranceM: z.number(),
  errors: z.array(TopologyErrorSummary),
  byCode: z.record(z.string(), z.number().int()),
  fieldMap: z.record(z.string(), z.string()),
  skippedUnknownSystem: z.number().int(),
  durationMs: z.number(),
});
export type PipesTopologySummary = z.infer<typeof PipesTopologySummary>;

export const PipesExcavationParams = z
  .object({
    ...NetworkLayers,
    polygon: z
      .array(z.number())
      .min(6)
      .max(2000)
      .refine((v) => v.length % 2 === 0, 'lon,lat pairs')
      .describe('the dig outline as LON,LAT,LON,LAT,… (three points or more)'),
    depthM: z.number().positive().max(50).describe('dig depth below ground, metres'),
  })
  .strict();
export type PipesExcavationParams = z.infer<typeof PipesExcavationParams>;

export const PipesExcavationSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  depthM: z.number(),
  marginM: z.number(),
  pipes: z.array(
    z.object({
      pipeId: z.string(),
      system: z.string(),
      minCoverM: z.number(),
      insideM: z.number(),
      risk: z.enum(['high', 'medium', 'low']),
      depthDefaulted: z.boolean(),
    }),
  ),
  byRisk: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  durationMs: z.number(),
});
export type PipesExcavationSummary = z.infer<typeof PipesExcavationSummary>;
