/**
 * A cross-section drawn north from (50, −10) to (50, 10) over a water main along y = 0
 * (DN300, cover 1.2 m, ground 100 m) and a sewer along y = 1.84 (DN400, inverts 97.0 → 96.0
 * over 100 m): the sewer is crossed halfway, invert 96.5, top 96.9, cover 3.1 m.
 */
import { describe, expect, it } from 'vitest';
import { crossSection } from '../../../../main/analysis/pipes/section-core.js';
import { buildNetwork } from '../../../../main/pipes/network.js';
import { node, seg } from './fixture.js';

describe('cross-section', () => {
  it('orders the pipes along the line with their tops, bottoms and cover', () => {
    const ends = ['W0', 'W1', 'J0', 'J1'].map((id, i) =>
      node(id, i < 2 ? '污水' : '给水', '检查井', [i % 2 ? 100 : 0, i < 2 ? 1.84 : 0]),
    );
    const net = buildNetwork(ends, [
      seg(
        'WS1',
        '污水',
        null,
        null,
        [
          [0, 1.84],
          [100, 1.84],
        ],
        {
          diameterMm: 400,
          invStartM: 97,
          invEndM: 96,
          startDepthM: null,
          endDepthM: null,
        },
      ),
      seg(
        'JS1',
        '给水',
        null,
        null,
        [
          [0, 0],
          [100, 0],
        ],
        { diameterMm: 300, startDepthM: 1.2, endDepthM: 1.2 },
      ),
      seg('FAR', '给水', null, null, [
        [0, 50],
        [100, 50],
      ]),
    ]);
    const r = crossSection(net, [
      [50, -10],
      [50, 10],
    ]);
    expect(r.lengthM).toBe(20);
    expect(
      r.pipes.map(({ pipeId, offsetM, topM, bottomM, coverM, groundM }) => ({
        pipeId,
        offsetM,
        topM,
        bottomM,
        coverM,
        groundM,
      })),
    ).toEqual([
      // ground 100 − cover 1.2 = 98.8; bottom 98.8 − 0.3 = 98.5
      { pipeId: 'JS1', offsetM: 10, topM: 98.8, bottomM: 98.5, coverM: 1.2, groundM: 100 },
      // invert halfway 96.5; top 96.9; cover 100 − 96.9 = 3.1
      { pipeId: 'WS1', offsetM: 11.84, topM: 96.9, bottomM: 96.5, coverM: 3.1, groundM: 100 },
    ]);
  });
});
