/**
 * A 10 m × 10 m dig, 1.5 m deep, over three pipes along y = 5 (ground 100 m at the nodes):
 * gas at cover 1.2 (reached, hazardous → high), water at cover 1.4 (reached → medium),
 * power at cover 1.8 (not reached but within the 0.5 m margin → medium), and a sewer at
 * 3 m cover (low). A pipe outside the dig is not listed; 10 m of each lies inside.
 */
import { describe, expect, it } from 'vitest';
import { excavationImpact } from '../../../../main/analysis/pipes/excavation-core.js';
import { buildNetwork } from '../../../../main/pipes/network.js';
import type { PipeSystem } from '../../../../layers/pipelines.js';
import { node, seg } from './fixture.js';

describe('excavation impact', () => {
  it('lists the pipes in the dig with their shallowest cover and risk, worst first', () => {
    const run = (id: string, system: PipeSystem, y: number, cover: number) => {
      const a = node(`${id}a`, system, '堵头', [-20, y]);
      const b = node(`${id}b`, system, '堵头', [30, y]);
      return { nodes: [a, b], seg: seg(id, system, a, b, [a.xy, b.xy], { startDepthM: cover, endDepthM: cover }) };
    };
    const runs = [
      run('G', '燃气', 5, 1.2),
      run('W', '给水', 6, 1.4),
      run('E', '电力', 7, 1.8),
      run('S', '污水', 4, 3),
      run('X', '给水', 50, 0.5),
    ];
    const net = buildNetwork(
      runs.flatMap((r) => r.nodes),
      runs.map((r) => r.seg),
    );
    const dig = [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ] as [number, number][],
    ];
    expect(
      excavationImpact(net, dig, 1.5).map(({ pipeId, risk, minCoverM, insideM }) => ({
        pipeId,
        risk,
        minCoverM,
        insideM,
      })),
    ).toEqual([
      { pipeId: 'G', risk: 'high', minCoverM: 1.2, insideM: 10 },
      { pipeId: 'W', risk: 'medium', minCoverM: 1.4, insideM: 10 },
      { pipeId: 'E', risk: 'medium', minCoverM: 1.8, insideM: 10 },
      { pipeId: 'S', risk: 'low', minCoverM: 3, insideM: 10 },
    ]);
  });
});
