/** Burst isolation on the hand-drawn network of fixture.ts; each answer is worked in the comments. */
import { describe, expect, it } from 'vitest';
import { isolateBurst } from '../../../../main/analysis/pipes/isolate-core.js';
import { buildNetwork } from '../../../../main/pipes/network.js';
import { link, node, waterNetwork } from './fixture.js';

const net = (trunk = false) => {
  const { nodes, segments } = waterNetwork(trunk);
  return buildNetwork(nodes, segments);
};

describe('burst isolation', () => {
  it('closes the valve with a live source behind it; a valve with only a dead end behind it is not required', () => {
    // fill from J1 and V2: V2 stops it; from J1, P2 reaches V1 (stop), P7 reaches H1 (end) -> zone P2 P3 P7.
    // V1's outer side P1 reaches S1 -> close. V2's outer side P4 reaches only J2, then V3 (closed) -> not required.
    // Before: S1 fed P1..P8 (P8 up to the closed V3); after closing V1, S1 feeds P1 only, S2 feeds P9:
    // P4 P5 P6 P8 lose supply. Services: H1 (zone, 100) and E1 (on P6, 50) = 150 households.
    const r = isolateBurst(net(), 'P3');
    expect(r).toEqual({
      burst: 'P3',
      isolable: true,
      reason: null,
      isolatedSegments: ['P2', 'P3', 'P7'],
      valvesToClose: ['V1'],
      boundaryValvesNotRequired: ['V2'],
      closedBoundaryValves: [],
      sourcesToShut: [],
      unsuppliedSegmentsOutsideZone: ['P4', 'P5', 'P6', 'P8'],
      affectedServices: ['E1', 'H1'],
      affectedHouseholds: 150,
      stuckValves: [],
    });
  });

  it('a normally closed valve bounding the zone needs no action', () => {
    // burst P5: from J2, P4 -> V2 and P8 -> V3 (closed); V4 at the other end. Zone P4 P5 P8.
    // V2's outer P3 is fed by S1 -> close; V3 is closed already; V4's outer side is E1 only.
    const r = isolateBurst(net(), 'P5');
    expect(r?.isolatedSegments).toEqual(['P4', 'P5', 'P8']);
    expect(r?.valvesToClose).toEqual(['V2']);
    expect(r?.closedBoundaryValves).toEqual(['V3']);
    expect(r?.boundaryValvesNotRequired).toEqual(['V4']);
    expect(r?.unsuppliedSegmentsOutsideZone).toEqual(['P6']);
    expect(r?.affectedHouseholds).toBe(50);
  });

  it('a stuck valve lets the zone grow to the next valves', () => {
    // V2 fails to close: the fill passes it to J1, P2 -> V1, P7 -> H1. Zone P2 P3 P4 P5 P7 P8.
    const r = isolateBurst(net(), 'P5', { stuckValves: ['V2'] });
    expect(r?.isolatedSegments).toEqual(['P2', 'P3', 'P4', 'P5', 'P7', 'P8']);
    expect(r?.valvesToClose).toEqual(['V1']);
    expect(r?.closedBoundaryValves).toEqual(['V3']);
    expect(r?.boundaryValvesNotRequired).toEqual(['V4']);
    expect(r?.affectedServices).toEqual(['E1', 'H1']);
    expect(r?.affectedHouseholds).toBe(150);
    expect(r?.stuckValves).toEqual(['V2']);
  });

  it('a source joined to the zone with no valve must be shut', () => {
    // with S3 -P10- J1: the fill from J1 reaches S3 over P10 -> zone P2 P3 P7 P10, S3 to shut.
    // V2's outer side would be fed only through S3, which is shut -> not required.
    const r = isolateBurst(net(true), 'P3');
    expect(r?.isolatedSegments).toEqual(['P10', 'P2', 'P3', 'P7']);
    expect(r?.sourcesToShut).toEqual(['S3']);
    expect(r?.valvesToClose).toEqual(['V1']);
    expect(r?.boundaryValvesNotRequired).toEqual(['V2']);
  });

  it('says isolation is impossible on a network with no valves, and knows no unknown burst', () => {
    const a = node('A', '燃气', '调压站', [0, 0]);
    const b = node('B', '燃气', '三通', [10, 0]);
    const c = node('C', '燃气', '堵头', [20, 0]);
    const n = buildNetwork([a, b, c], [link('G1', a, b), link('G2', b, c)]);
    expect(isolateBurst(n, 'G2')).toMatchObject({ isolable: false, reason: 'no_valves', valvesToClose: [] });
    expect(isolateBurst(net(), 'NOPE')).toBeNull();
  });
});
