/**
 * The multi-plan review job (多规合一): read the input layers, plan the overlay, clip in the
 * worker pool, stream each block's conflicts into the result layer, all in one transaction
 * (a cancel or an error leaves the workspace as it was), then catalogue the layer and record
 * the run. The CLI runs it in-process, the hosts in a job worker thread; both cores clip.
 * Environment: node.
 */
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { tableExists } from '../../store/feature-table.js';
import { gkProj4, type GkZone } from '../../../layers/crs.js';
import type { ClipLayer } from '../clip/clip-block.js';
import { ClipPool, defaultWorkerCount } from '../clip/pool.js';
import { analysisZone } from '../clip/zone.js';
import { districtFieldOf, districtLayer } from './district.js';
import { planOverlay } from './plan.js';
import { readOverlayLayer, type OverlayLayer } from './read-layer.js';
import type { AnalysisControl } from '../entry.js';
import { withResultLayer } from '../result.js';
import { RESULT_PREFIX, RESULT_STYLE, resultSchema } from './result-layer.js';
import { compileRules } from './rules.js';
import { listRules } from './rules-table.js';
import { StatsAccumulator } from './stats.js';
import { DEFAULT_SLIVER, type FeatureProblem, type MultiplanParams, type MultiplanSummary } from './types.js';
import { writeBlock, type DistrictSource } from './write-results.js';

export type { AnalysisControl };

const MAX_PROBLEMS = 100;

/** The workspace's zone (gk_zone_epsg), else the CGCS2000 3° zone of the data's centre. */
function zoneFor(db: Db, layers: readonly OverlayLayer[]): GkZone {
  let minX = Infinity;
  let maxX = -Infinity;
  for (const l of layers) {
    for (let i = 0; i < l.count; i++) {
      minX = Math.min(minX, l.envelopes[4 * i] ?? Infinity);
      maxX = Math.max(maxX, l.envelopes[4 * i + 2] ?? -Infinity);
    }
  }
  return analysisZone(db, (minX + maxX) / 2);
}

function checkParams(db: Db, p: MultiplanParams): void {
  if (p.layers.length < 2) throw new CimError('multiplan.too_few_layers', { count: p.layers.length });
  const seen = new Set<string>();
  for (const name of [...p.layers, ...(p.districtLayer ? [p.districtLayer] : [])]) {
    if (!tableExists(db, name)) throw new CimError('store.layer_not_found', { layer: name });
    if (seen.has(name) && p.layers.includes(name)) throw new CimError('multiplan.duplicate_layer', { layer: name });
    seen.add(name);
  }
  for (const [key, value] of [
    ['minAreaM2', p.minAreaM2],
    ['minWidthM', p.minWidthM],
  ] as const) {
    if (value !== undefined && !(value >= 0)) throw new CimError('multiplan.bad_sliver', { name: key, value });
  }
}

function districtSource(db: Db, p: MultiplanParams, layers: readonly OverlayLayer[]): [DistrictSource, string | null] {
  if (p.districtLayer) {
    const lookup = districtLayer(db, p.districtLayer, p.districtField);
    return [{ field: null, lookup }, `${p.districtLayer}.${lookup.field}`];
  }
  const field = districtFieldOf(layers, p.districtField);
  const where = field
    ? `${layers[field.layer]?.name ?? ''}.${layers[field.layer]?.fields[field.field]?.name ?? ''}`
    : null;
  return [{ field, lookup: null }, where];
}

export async function runMultiplan(db: Db, p: MultiplanParams, control: AnalysisControl): Promise<MultiplanSummary> {
  const started = control.now().getTime();
  control.progress(0, 'jobs.multiplan.reading');
  checkParams(db, p);
  const pool = await ClipPool.start(p.workers ?? defaultWorkerCount());
  try {
    return await overlayAndWrite(db, p, control, pool, started);
  } finally {
    await pool.close();
  }
}

async function overlayAndWrite(
  db: Db,
  p: MultiplanParams,
  control: AnalysisControl,
  pool: ClipPool,
  started: number,
): Promise<MultiplanSummary> {
  const rules = p.rules ?? listRules(db);
  const layers = p.layers.map((name) => readOverlayLayer(db, name, p.classFields?.[name]));
  const zone = zoneFor(db, layers);
  const gkDefinition = gkProj4(zone);
  const sliver = {
    minAreaM2: p.minAreaM2 ?? DEFAULT_SLIVER.minAreaM2,
    minWidthM: p.minWidthM ?? DEFAULT_SLIVER.minWidthM,
  };
  const workers = pool.size;
  const compiled = compileRules(
    rules,
    layers.map((l) => ({ values: l.classes })),
  );
  const plan = planOverlay(layers, compiled, { allPairs: p.allPairs ?? false, workers });
  const [district, districtWhere] = districtSource(db, p, layers);
  const schema = resultSchema(layers);
  const srsId = layers.every((l) => l.srsId === 4490) ? 4490 : 4326;
  const stats = new StatsAccumulator(rules);
  const problems = new Map<string, FeatureProblem>();
  const dropped = { count: 0, areaM2: 0 };
  let pairsTested = 0;
  let blocksDone = 0;
  control.progress(0.05, 'jobs.multiplan.overlay');

  const summary = await withResultLayer(
    db,
    { kind: 'multiplan', params: { ...p, rules } },
    {
      name: p.name,
      prefix: RESULT_PREFIX,
      geometryType: 'MULTIPOLYGON',
      fields: schema.fields,
      srsId,
      style: RESULT_STYLE,
    },
    control,
    async ({ name, writer }): Promise<MultiplanSummary> => {
      const clipLayers: ClipLayer[] = layers.map((l) => ({ wkb: l.wkb, offsets: l.offsets }));
      await pool.run({
        init: {
          layers: clipLayers,
          gkDefinition,
          settings: { ...sliver, srsId, insidePoints: district.lookup !== null },
        },
        tasks: plan.tasks,
        isCancelled: () => control.isCancelled(),
        onResult: (result) => {
          const block = plan.blocks[result.index];
          if (!block) return;
          writeBlock({ layers, rules, schema, writer, stats, district }, block, result);
          dropped.count += result.slivers.count;
          dropped.areaM2 += result.slivers.areaM2;
          pairsTested += result.pairsTested;
          for (const r of result.reports) {
            const layer = layers[r.layer];
            const fid = layer?.fids[r.feature] ?? -1;
            problems.set(`${String(r.layer)}:${String(fid)}:${r.code}`, {
              layer: layer?.name ?? '',
              fid,
              code: r.code,
              detail: r.detail,
            });
          }
          blocksDone++;
          control.progress(0.05 + (0.9 * blocksDone) / plan.tasks.length, 'jobs.multiplan.overlay');
        },
      });
      if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: name });
      control.progress(0.96, 'jobs.multiplan.writing');
      return {
        resultLayer: name,
        count: writer.count(),
        allPairs: p.allPairs ?? false,
        ...stats.result(),
        layers: layers.map((l) => ({
          name: l.name,
          classField: l.classField,
          features: l.count,
          withoutGeometry: l.withoutGeometry,
        })),
        rules: { source: p.rulesSource ?? 'cim_conflict_rules', count: rules.length },
        gkZoneEpsg: zone.epsg,
        gkDefinition,
        sliver: { ...sliver, dropped: dropped.count, droppedAreaM2: dropped.areaM2 },
        districtSource: districtWhere,
        pairsTested,
        problems: [...problems.values()].slice(0, MAX_PROBLEMS),
        problemCount: problems.size,
        workers,
        durationMs: control.now().getTime() - started,
      };
    },
  );
  control.progress(1, 'jobs.multiplan.done');
  return summary;
}
