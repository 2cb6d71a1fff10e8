/**
 * The multi-plan panel's pure parts (issue #17, item 17): chart labels wrap instead of being
 * cut short, 按区域 counts by the demo's 街区 when nothing else is chosen, and an opened
 * conflict is framed with its surroundings.
 */
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../../common/contract/index.js';
import { contextView, MIN_CONTEXT_RADIUS_M } from '../../../renderer/map/context-view.js';
import { barChartLayout, labelWidthPx, linesOf } from '../../../renderer/panels/multiplan/chart-layout.js';
import { defaultDistrictLayer } from '../../../renderer/panels/multiplan/layer-choice.js';

function entry(name: string, title: string, over: Partial<LayerEntry> = {}): LayerEntry {
  return {
    name,
    title,
    kind: 'vector',
    tiles: null,
    geometryType: 'POLYGON',
    featureCount: 10,
    bbox: null,
    fields: [],
    visible: true,
    opacity: 1,
    order: 0,
    style: { fillColor: '#ff0000', fillOpacity: 0.5, strokeColor: '#000000', strokeWidthPx: 1, pointSizePx: 6 },
    sourceCrs: null,
    sourceFile: null,
    createdAt: '2026-12-01T08:00:00.000Z',
    ...over,
  };
}

describe('bar chart labels', () => {
  it('measures CJK at a full em and Latin at 0.6 em (12 px type)', () => {
    expect(labelWidthPx('R03')).toBeCloseTo(21.6, 6);
    expect(labelWidthPx('生态保护红线')).toBe(72);
    expect(labelWidthPx('R03 建设用地占用生态保护红线')).toBeCloseTo(4 * 7.2 + 12 * 12, 6); // 172.8
  });

  it('wraps a long class pair onto lines instead of truncating it', () => {
    const pair = 'plan_regulatory:0701 城镇住宅用地 × control_lines:生态保护红线';
    // 38 Latin letters, digits, spaces, colons and the × at 7.2, 12 CJK at 12: 273.6 + 144 = 417.6 px
    expect(labelWidthPx(pair)).toBeCloseTo(417.6, 6);
    expect(linesOf(pair, 220)).toBe(2);
    const layout = barChartLayout([pair, 'R01 耕地'], 220);
    expect(layout.labelWidthPx).toBe(220);
    // rows: 2 lines (2 x 16 + 8 = 40) and 1 line (24), axes 32
    expect(layout.heightPx).toBe(40 + 24 + 32);
  });

  it('wraps short labels no wider than the widest', () => {
    expect(barChartLayout(['R01 耕地', 'R02'], 220).labelWidthPx).toBe(53); // ceil(4 x 7.2 + 2 x 12 = 52.8)
    expect(barChartLayout([], 220)).toEqual({ labelWidthPx: 48, heightPx: 56 });
  });
});

describe('the district layer a review counts by', () => {
  const layers = [
    entry('plan_master', '国土空间总体规划 用地规划'),
    entry('plan_regulatory', '控制性详细规划'),
    entry('control_lines', '三条控制线'),
    entry('blocks', '街区'),
    entry('parcels', '地块'),
  ];

  it('is the demo’s 街区 when the review does not include it', () => {
    expect(defaultDistrictLayer(layers, ['plan_master', 'plan_regulatory', 'control_lines'])).toBe('blocks');
  });

  it('finds one by its Chinese title, and none when the review takes them all', () => {
    expect(defaultDistrictLayer([entry('xzq', '行政区划'), entry('a', 'A')], ['a'])).toBe('xzq');
    expect(defaultDistrictLayer(layers, ['blocks'])).toBeUndefined();
    expect(defaultDistrictLayer([entry('roads', '道路', { geometryType: 'LINESTRING' })], [])).toBeUndefined();
  });
});

describe('a conflict in its surroundings', () => {
  it('frames a large conflict at 1.5 times its diagonal', () => {
    // 0.01° x 0.01° at the equator: 1113.2 m a side, diagonal 1574.3 m, radius 0.75 x diagonal
    const v = contextView([120, -0.005, 120.01, 0.005]);
    expect(v.lonDeg).toBeCloseTo(120.005, 9);
    expect(v.latDeg).toBeCloseTo(0, 9);
    expect(v.radiusM).toBeCloseTo(0.75 * Math.hypot(1113.2, 1113.2), 3);
  });

  it('never frames less than 600 m across (a sliver keeps its neighbours in view)', () => {
    expect(contextView([113.3, 23.1, 113.3001, 23.1001]).radiusM).toBe(MIN_CONTEXT_RADIUS_M);
    expect(MIN_CONTEXT_RADIUS_M * 2).toBe(600);
  });

  it('measures longitude with the parallel’s scale', () => {
    // 0.02° of longitude at 60°N is 1113.2 m; no latitude span: radius 0.75 x 1113.2
    expect(contextView([10, 60, 10.02, 60]).radiusM).toBeCloseTo(0.75 * 1113.2, 3);
  });
});
