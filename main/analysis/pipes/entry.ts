/** The pipeline analyses (issue #14) in the analysis registry: `cim analyze pipes <verb>`. Environment: node. */
import {
  PipesExcavationParams,
  PipesExcavationSummary,
  PipesClearanceParams,
  PipesClearanceSummary,
  PipesIsolateParams,
  PipesIsolateSummary,
  PipesSectionParams,
  PipesSectionSummary,
  PipesTopologyParams,
  PipesTopologySummary,
  PipesTraceParams,
  PipesTraceSummary,
} from '../../../common/contract/pipes.js';
import { defineAnalysis, type AnalysisEntry, type CliFlag } from '../entry.js';
import { parseFieldMap } from './load.js';

const NETWORK_FLAGS: Record<string, CliFlag> = {
  segments: { valueName: 'L' },
  nodes: { valueName: 'L' },
  snapToleranceM: { valueName: 'M' },
  map: { valueName: 'FIELD=COLUMN,…', parse: parseFieldMap },
  name: { valueName: 'N' },
};

const list = (ids: readonly string[], max = 12): string =>
  ids.length <= max ? ids.join(', ') || '-' : `${ids.slice(0, max).join(', ')} … (+${String(ids.length - max)})`;

const pipesIsolateEntry = defineAnalysis({
  kind: 'pipes-isolate',
  command: ['pipes', 'isolate'],
  params: PipesIsolateParams,
  summary: PipesIsolateSummary,
  load: async () => ({ run: (await import('./run-isolate.js')).runPipesIsolate }),
  jobTitle: (p) => `${p.segments} · ${p.burst}`,
  cli: {
    flags: { ...NETWORK_FLAGS, burst: { valueName: 'PIPE_ID' }, stuckValves: { valueName: 'NODE_ID,…' } },
    human: (s) =>
      [
        `${s.resultLayer}: burst ${s.burst} (${s.system}), ${String(s.isolatedSegments.length)} segments isolated`,
        `  close: ${list(s.valvesToClose)}`,
        `  already closed: ${list(s.closedBoundaryValves)}; not required: ${list(s.boundaryValvesNotRequired)}`,
        `  sources to shut: ${list(s.sourcesToShut)}`,
        `  ${String(s.unsuppliedSegmentsOutsideZone.length)} more segments lose supply; ${String(s.affectedServices.length)} services, ${String(s.affectedHouseholds)} households`,
      ].join('\n'),
  },
  panel: true,
});

const pipesTraceEntry = defineAnalysis({
  kind: 'pipes-trace',
  command: ['pipes', 'trace'],
  params: PipesTraceParams,
  summary: PipesTraceSummary,
  load: async () => ({ run: (await import('./run-trace.js')).runPipesTrace }),
  jobTitle: (p) => `${p.direction} ${p.from}`,
  cli: {
    flags: { ...NETWORK_FLAGS, direction: { valueName: 'up|down' }, from: { valueName: 'NODE_ID' } },
    human: (s) =>
      `${s.resultLayer}: ${s.direction}stream of ${s.from}: ${String(s.segments.length)} segments, ${s.lengthM.toFixed(1)} m` +
      (s.direction === 'down' ? `, outfall ${s.outfall ?? '-'}` : '') +
      (s.profile
        ? '\n' +
          s.profile.segments
            .map(
              (x) =>
                `  ${x.pipeId}\t${x.lengthM.toFixed(1)} m\tslope ${x.slope === null ? '-' : (x.slope * 1000).toFixed(1)} ‰`,
            )
            .join('\n')
        : ''),
  },
  panel: false,
});

const pipesClearanceEntry = defineAnalysis({
  kind: 'pipes-clearance',
  command: ['pipes', 'clearance'],
  params: PipesClearanceParams,
  summary: PipesClearanceSummary,
  load: async () => ({ run: (await import('./run-clearance.js')).runPipesClearance }),
  jobTitle: (p) => p.segments,
  cli: {
    flags: { ...NETWORK_FLAGS, buildings: { valueName: 'L' } },
    human: (s) =>
      [
        `${s.resultLayer}: ${String(s.violations.length)} violations (${String(s.horizontal)} horizontal, ${String(s.vertical)} vertical) in ${String(s.pairsChecked)} pairs`,
        ...s.violations
          .slice(0, 20)
          .map(
            (v) =>
              `  ${v.kind}\t${v.a}\t${v.b}\t${v.measuredM.toFixed(2)} m < ${v.requiredM.toFixed(2)} m\t${v.source}`,
          ),
      ].join('\n'),
  },
  panel: false,
});

const pipesSectionEntry = defineAnalysis({
  kind: 'pipes-section',
  command: ['pipes', 'section'],
  params: PipesSectionParams,
  summary: PipesSectionSummary,
  load: async () => ({ run: (await import('./run-section.js')).runPipesSection }),
  jobTitle: (p) => `${p.segments} · ${String(p.line.length / 2)} pts`,
  cli: {
    flags: { ...NETWORK_FLAGS, line: { valueName: 'LON,LAT,LON,LAT…' } },
    human: (s) =>
      [
        `${s.resultLayer}: ${String(s.pipes.length)} pipes across ${s.lengthM.toFixed(1)} m`,
        ...s.pipes.map(
          (x) =>
            `  ${x.offsetM.toFixed(2)} m\t${x.pipeId}\t${x.system}\ttop ${x.topM.toFixed(2)}\tcover ${x.coverM.toFixed(2)} m`,
        ),
      ].join('\n'),
  },
  panel: true,
});

const pipesTopologyEntry = defineAnalysis({
  kind: 'pipes-topology',
  command: ['pipes', 'topology'],
  params: PipesTopologyParams,
  summary: PipesTopologySummary,
  load: async () => ({ run: (await import('./run-topology.js')).runPipesTopology }),
  jobTitle: (p) => p.segments,
  cli: {
    flags: NETWORK_FLAGS,
    human: (s) =>
      `${s.resultLayer}: ${String(s.errors.length)} topology errors in ${String(s.segments)} segments (snap ${String(s.snapToleranceM)} m): ` +
      (Object.entries(s.byCode)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ') || 'none'),
  },
  panel: false,
});

const pipesExcavationEntry = defineAnalysis({
  kind: 'pipes-excavation',
  command: ['pipes', 'excavation'],
  params: PipesExcavationParams,
  summary: PipesExcavationSummary,
  load: async () => ({ run: (await import('./run-excavation.js')).runPipesExcavation }),
  jobTitle: (p) => `${p.segments} · ${String(p.depthM)} m`,
  cli: {
    flags: { ...NETWORK_FLAGS, polygon: { valueName: 'LON,LAT,LON,LAT,…' }, depthM: { valueName: 'M' } },
    human: (s) =>
      [
        `${s.resultLayer}: ${String(s.pipes.length)} pipes in the dig (${String(s.byRisk.high)} high, ${String(s.byRisk.medium)} medium, ${String(s.byRisk.low)} low risk)`,
        ...s.pipes.map((x) => `  ${x.risk}\t${x.pipeId}\t${x.system}\tcover ${x.minCoverM.toFixed(2)} m`),
      ].join('\n'),
  },
  panel: false,
});

export const PIPES_ANALYSES: readonly AnalysisEntry[] = [
  pipesIsolateEntry,
  pipesTraceEntry,
  pipesClearanceEntry,
  pipesSectionEntry,
  pipesTopologyEntry,
  pipesExcavationEntry,
];
