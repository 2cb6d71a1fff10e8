/**
 * Traces on a sewer whose segments are partly digitised against the flow:
 *
 *   M1 (inv 10.0) ─W1→ M2 (9.8) ←W2─ M3 (9.6) ─W3→ O1 出水口 (9.4)
 *                                     ↓ W4 (digitised M3→M4)
 *                                    M4 (9.9)
 * W2 is digitised M3→M2 with inverts 9.6 → 9.8, so it flows M2 → M3; W4 is digitised M3→M4
 * with 9.6 → 9.9, so it flows M4 → M3. Every segment is 50 m long.
 */
import { describe, expect, it } from 'vitest';
import { longitudinalProfile } from '../../../../main/analysis/pipes/profile-core.js';
import { traceFlow } from '../../../../main/analysis/pipes/trace-core.js';
import { buildNetwork } from '../../../../main/pipes/network.js';
import { link, node } from './fixture.js';

function sewer(w1End = 9.8) {
  const M1 = node('M1', '污水', '检查井', [0, 0], { invertM: 10.0 });
  const M2 = node('M2', '污水', '检查井', [50, 0], { invertM: 9.8 });
  const M3 = node('M3', '污水', '检查井', [100, 0], { invertM: 9.6 });
  const O1 = node('O1', '污水', '出水口', [150, 0], { invertM: 9.4 });
  const M4 = node('M4', '污水', '检查井', [100, 50], { invertM: 9.9 });
  const g = { startDepthM: null, endDepthM: null, diameterMm: 400 };
  return buildNetwork(
    [M1, M2, M3, O1, M4],
    [
      link('W1', M1, M2, { ...g, invStartM: 10.0, invEndM: w1End }),
      link('W2', M3, M2, { ...g, invStartM: 9.6, invEndM: 9.8 }),
      link('W3', M3, O1, { ...g, invStartM: 9.6, invEndM: 9.4 }),
      link('W4', M3, M4, { ...g, invStartM: 9.6, invEndM: 9.9 }),
    ],
  );
}

describe('gravity traces', () => {
  it('downstream follows the inverts, not the digitised direction, to the outfall', () => {
    // M1 -W1-> M2 -W2-> M3 -W3-> O1: 3 × 50 m = 150 m
    expect(traceFlow(sewer(), 'M1', 'down')).toEqual({
      from: 'M1',
      direction: 'down',
      segments: ['W1', 'W2', 'W3'],
      nodes: ['M1', 'M2', 'M3', 'O1'],
      outfall: 'O1',
      lengthM: 150,
    });
  });

  it('upstream gathers every branch that drains to the node', () => {
    // into M3: W2 (from M2) and W4 (from M4); into M2: W1 (from M1). 150 m.
    const r = traceFlow(sewer(), 'M3', 'up');
    expect(new Set(r?.segments)).toEqual(new Set(['W1', 'W2', 'W4']));
    expect(new Set(r?.nodes)).toEqual(new Set(['M3', 'M2', 'M4', 'M1']));
    expect(r?.outfall).toBeNull();
    expect(r?.lengthM).toBe(150);
  });

  it('a trace from the outfall downstream is just the outfall; an unknown node is null', () => {
    expect(traceFlow(sewer(), 'O1', 'down')).toMatchObject({ segments: [], nodes: ['O1'], outfall: null, lengthM: 0 });
    expect(traceFlow(sewer(), 'X', 'down')).toBeNull();
  });

  it('lists a backfall: W1 arrives at M2 at 9.7, 0.1 m below W2 leaving at 9.8', () => {
    expect(sewer().errors).toEqual([]);
    expect(sewer(9.7).errors).toEqual([{ code: 'flow_backfall', pipeId: 'W1', nodeId: 'M2', end: null, valueM: 0.1 }]);
  });
});

describe('longitudinal profile', () => {
  it('runs downstream with chainage, inverts by flow and slopes', () => {
    // M1 -W1-> M2 -W2 (digitised M3→M2, 9.6 → 9.8)-> M3 -W3-> O1; each 50 m falling 0.2 m: 0.004 (4 ‰)
    const p = longitudinalProfile(sewer(), 'M1');
    expect(p?.stations.map((s) => [s.nodeId, s.chainageM])).toEqual([
      ['M1', 0],
      ['M2', 50],
      ['M3', 100],
      ['O1', 150],
    ]);
    expect(p?.segments).toEqual([
      { pipeId: 'W1', lengthM: 50, invertUpM: 10, invertDownM: 9.8, slope: 0.004 },
      { pipeId: 'W2', lengthM: 50, invertUpM: 9.8, invertDownM: 9.6, slope: 0.004 },
      { pipeId: 'W3', lengthM: 50, invertUpM: 9.6, invertDownM: 9.4, slope: 0.004 },
    ]);
  });
});
