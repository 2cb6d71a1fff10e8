/** Topology from records: joins by id, snapping within the tolerance, and the errors it lists. */
import { describe, expect, it } from 'vitest';
import { buildNetwork, DEFAULT_SNAP_TOLERANCE_M } from '../../../../main/pipes/network.js';
import { link, node, seg } from './fixture.js';

describe('pipe network topology', () => {
  const A = node('A', '给水', '三通', [0, 0]);
  const B = node('B', '给水', '三通', [100, 0]);
  const C = node('C', '给水', '弯头', [100, 100]);

  it('joins by id and, with no id, snaps an end to a node within 0.05 m', () => {
    expect(DEFAULT_SNAP_TOLERANCE_M).toBe(0.05);
    const n = buildNetwork(
      [A, B, C],
      [
        link('L1', A, B),
        seg('L2', '给水', null, null, [
          [100.03, 0],
          [100, 99.96],
        ]),
      ],
    );
    expect([...n.segFrom]).toEqual([0, 1]);
    expect([...n.segTo]).toEqual([1, 2]);
    // A and C end one line each and are no end kinds: dangles
    expect(n.errors).toEqual([
      { code: 'dangle', pipeId: null, nodeId: 'A', end: null, valueM: null },
      { code: 'dangle', pipeId: null, nodeId: 'C', end: null, valueM: null },
    ]);
  });

  it('lists a from_node that does not exist, an end with no node in reach and an end off its node', () => {
    const D = node('D', '给水', '堵头', [0, 0]);
    const E = node('E', '给水', '堵头', [100, 0]);
    const n = buildNetwork(
      [D, E],
      [
        seg('L1', '给水', 'NOWHERE', 'E', [
          [0, 0],
          [100, 0],
        ]),
        seg('L2', '给水', null, 'E', [
          [50, 50],
          [100.2, 0],
        ]),
      ],
    );
    // L1's from end names no node but lies on D: listed, and joined to D by snapping
    expect(n.errors).toEqual([
      { code: 'missing_node', pipeId: 'L1', nodeId: 'NOWHERE', end: 'from', valueM: null },
      { code: 'unconnected_end', pipeId: 'L2', nodeId: null, end: 'from', valueM: null },
      { code: 'end_off_node', pipeId: 'L2', nodeId: 'E', end: 'to', valueM: 0.2 },
    ]);
    expect(n.segFrom[0]).toBe(0);
    expect(n.segFrom[1]).toBe(-1);
  });

  it('does not snap across systems', () => {
    const G = node('G', '燃气', '堵头', [0, 0]);
    const n = buildNetwork(
      [G],
      [
        seg('L', '给水', null, null, [
          [0, 0],
          [10, 0],
        ]),
      ],
    );
    expect(n.segFrom[0]).toBe(-1);
    expect(n.errors.filter((e) => e.code === 'unconnected_end')).toHaveLength(2);
  });
});
