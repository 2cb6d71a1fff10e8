/**
 * The pipes jobs on a workspace whose layers carry survey field names (管线编号, 起点点号,
 * 特征, 状态, 户数…): the network of fixture.ts read back through the store, and bad input
 * refused with its error and nothing written.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipesIsolateParams, PipesTopologyParams, PipesTraceParams } from '../../../../common/contract/pipes.js';
import { runPipesIsolate } from '../../../../main/analysis/pipes/run-isolate.js';
import { runPipesTopology } from '../../../../main/analysis/pipes/run-topology.js';
import { runPipesTrace } from '../../../../main/analysis/pipes/run-trace.js';
import { addLayer } from '../../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../../../main/store/feature-table.js';
import { converter } from '../../../../layers/crs.js';
import type { NodeRecord, SegmentRecord } from '../../../../main/pipes/model.js';
import { tempDir } from '../../helpers.js';
import { link, node, waterNetwork } from './fixture.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date('2026-12-07T00:00:00Z') };
const toLonLat = converter(4526, 4326);
const ll = ([x, y]: readonly [number, number]) => toLonLat([38_360_000 + x, 3_652_000 + y]);

function write(
  db: Db,
  name: string,
  geometryType: 'POINT' | 'LINESTRING',
  fields: string[],
  rows: { g: unknown; v: unknown[] }[],
) {
  const spec = {
    name,
    title: name,
    geometryType,
    fields: fields.map((f) => ({
      name: f,
      type: f === '户数' || f === '管径' ? ('INTEGER' as const) : ('TEXT' as const),
    })),
    srsId: 4326 as const,
  };
  createFeatureTable(db, spec);
  const w = featureWriter(db, spec);
  for (const r of rows) w.write(r.g as never, r.v);
  finishFeatureTable(db, name, w.extent());
  addLayer(db, { name, title: name, sourceCrs: null, sourceFile: null, createdAt: '2026-01-01T00:00:00Z' });
}

function workspace(nodes: NodeRecord[], segments: SegmentRecord[]): Db {
  const db = openWorkspaceDb(path.join(tempDir('cim-pipes-'), 'w.gpkg'), { create: true });
  db.transaction(() => {
    write(
      db,
      'gx',
      'LINESTRING',
      ['管线编号', '管线类别', '起点点号', '终点点号', '管径'],
      segments.map((s) => ({
        g: { type: 'LineString', coordinates: s.xy.map(ll) },
        v: [s.pipeId, s.system, s.fromNode, s.toNode, s.diameterMm],
      })),
    );
    write(
      db,
      'gd',
      'POINT',
      ['物探点号', '管线类别', '特征', '状态', '户数'],
      nodes.map((n) => ({
        g: { type: 'Point', coordinates: ll(n.xy) },
        v: [n.nodeId, n.system, n.kind, n.status === null ? null : n.status === 'open' ? '开' : '关', n.households],
      })),
    );
  })();
  return db;
}

const tables = (db: Db) =>
  (db.prepare('SELECT table_name FROM gpkg_contents ORDER BY 1').all() as { table_name: string }[]).map(
    (r) => r.table_name,
  );

describe('the pipes jobs', () => {
  it('isolates a burst read from survey field names and writes the zone and the valves', async () => {
    const { nodes, segments } = waterNetwork();
    const db = workspace(nodes, segments);
    const s = await runPipesIsolate(
      db,
      PipesIsolateParams.parse({ segments: 'gx', nodes: 'gd', burst: 'P3' }),
      control,
    );
    // the same answer as isolate.test.ts works out by hand
    expect(s).toMatchObject({
      resultLayer: 'pipes_isolate_1',
      count: 7,
      isolatedSegments: ['P2', 'P3', 'P7'],
      valvesToClose: ['V1'],
      boundaryValvesNotRequired: ['V2'],
      unsuppliedSegmentsOutsideZone: ['P4', 'P5', 'P6', 'P8'],
      affectedHouseholds: 150,
      snapToleranceM: 0.05,
    });
    expect(db.prepare('SELECT pipe_id, role FROM pipes_isolate_1 ORDER BY pipe_id').all()).toEqual([
      { pipe_id: 'P2', role: 'zone' },
      { pipe_id: 'P3', role: 'burst' },
      { pipe_id: 'P4', role: 'unsupplied' },
      { pipe_id: 'P5', role: 'unsupplied' },
      { pipe_id: 'P6', role: 'unsupplied' },
      { pipe_id: 'P7', role: 'zone' },
      { pipe_id: 'P8', role: 'unsupplied' },
    ]);
    expect(db.prepare('SELECT node_id, role, households FROM pipes_isolate_1_points ORDER BY node_id').all()).toEqual([
      { node_id: 'E1', role: 'service', households: 50 },
      { node_id: 'H1', role: 'service', households: 100 },
      { node_id: 'V1', role: 'close', households: null },
      { node_id: 'V2', role: 'not_required', households: null },
    ]);
    const run = db.prepare("SELECT kind FROM cim_analysis_runs WHERE result_layer = 'pipes_isolate_1'").get();
    expect(run).toEqual({ kind: 'pipes-isolate' });
  });

  it('refuses a burst id that is not in the layer, and a network with no valves, writing nothing', async () => {
    const { nodes, segments } = waterNetwork();
    const db = workspace(nodes, segments);
    const before = tables(db);
    await expect(
      runPipesIsolate(db, PipesIsolateParams.parse({ segments: 'gx', nodes: 'gd', burst: 'NOPE' }), control),
    ).rejects.toMatchObject({ code: 'pipes.burst_not_found', facts: { burst: 'NOPE', layer: 'gx' } });
    const a = node('A', '燃气', '调压站', [0, 0]);
    const b = node('B', '燃气', '堵头', [10, 0]);
    const gas = workspace([a, b], [link('G1', a, b)]);
    await expect(
      runPipesIsolate(gas, PipesIsolateParams.parse({ segments: 'gx', nodes: 'gd', burst: 'G1' }), control),
    ).rejects.toMatchObject({ code: 'pipes.no_valves', facts: { system: '燃气' } });
    expect(tables(db)).toEqual(before);
    expect(tables(gas)).toEqual(['cim_layers', 'gd', 'gx']);
  });

  it('lists a from_node that does not exist as a topology error, where the segment starts', async () => {
    const { nodes, segments } = waterNetwork();
    const broken = segments.map((s) => (s.pipeId === 'P7' ? { ...s, fromNode: 'J9' } : s));
    const db = workspace(nodes, broken);
    const s = await runPipesTopology(db, PipesTopologyParams.parse({ segments: 'gx', nodes: 'gd' }), control);
    expect(s.errors).toEqual([{ code: 'missing_node', pipeId: 'P7', nodeId: 'J9', end: 'from', valueM: null }]);
    expect(s.fieldMap).toMatchObject({ pipe_id: '管线编号', from_node: '起点点号', diameter_mm: '管径' });
    expect(db.prepare(`SELECT code, pipe_id, node_id FROM ${s.resultLayer}`).all()).toEqual([
      { code: 'missing_node', pipe_id: 'P7', node_id: 'J9' },
    ]);
  });

  it('refuses a trace from a node that does not exist, or on a pressure network', async () => {
    const { nodes, segments } = waterNetwork();
    const db = workspace(nodes, segments);
    await expect(
      runPipesTrace(db, PipesTraceParams.parse({ segments: 'gx', nodes: 'gd', direction: 'down', from: 'X' }), control),
    ).rejects.toMatchObject({ code: 'pipes.node_not_found' });
    await expect(
      runPipesTrace(
        db,
        PipesTraceParams.parse({ segments: 'gx', nodes: 'gd', direction: 'down', from: 'J1' }),
        control,
      ),
    ).rejects.toMatchObject({ code: 'pipes.not_gravity', facts: { system: '给水' } });
  });
});
