import { describe, expect, it } from 'vitest';
import type { FieldSummary, LayerStyle } from '../../../common/contract/index.js';
import { tiles3dStyle, variable } from '../../../renderer/map/adapters/tiles3d-style.js';
import { parseHeightmapLayer, TileRanges } from '../../../renderer/map/tile-layer-json.js';
import { CATEGORY_PALETTE, OTHER_COLOUR, RAMP, resolveThematic } from '../../../renderer/style/thematic.js';

const summary = (values: [string | number | null, number][], min: number | null = null, max: number | null = null) =>
  ({
    field: 'f',
    values: values.map(([value, count]) => ({ value, count })),
    distinct: values.length,
    min,
    max,
  }) satisfies FieldSummary;

const STYLE: LayerStyle = {
  fillColor: '#336699',
  fillOpacity: 0.5,
  strokeColor: '#000000',
  strokeWidthPx: 1,
  pointSizePx: 6,
};

describe('thematic colours', () => {
  it('colours land-use codes by the standard and lists each class once', () => {
    const t = resolveThematic(
      { field: 'yddm', method: 'landuse' },
      summary([
        ['070101', 3],
        ['0701', 2],
        ['0901', 1],
        ['XX', 1],
      ]),
      'zh-CN',
    );
    expect(t.colourOf('070102')).toBe('#ffff2d');
    expect(t.colourOf('0901')).toBe('#ff0000');
    expect(t.colourOf('XX')).toBe(OTHER_COLOUR);
    expect(t.legend.map((i) => [i.value, i.label, i.count])).toEqual([
      ['0701', '0701 城镇住宅用地', 5],
      ['0901', '0901 商业用地', 1],
      ['XX', 'XX', 1],
    ]);
  });

  it('keeps fixed category colours and gives the rest palette colours in frequency order', () => {
    const t = resolveThematic(
      { field: 'system', method: 'categories', colours: { 燃气: '#ff00ff' } },
      summary([
        ['给水', 10],
        ['燃气', 5],
        ['污水', 2],
        [null, 1],
      ]),
      'zh-CN',
    );
    expect(t.colourOf('燃气')).toBe('#ff00ff');
    expect(t.colourOf('给水')).toBe(CATEGORY_PALETTE[0]);
    expect(t.colourOf('污水')).toBe(CATEGORY_PALETTE[1]);
    expect(t.colourOf(null)).toBe(OTHER_COLOUR);
    expect(t.legend.map((i) => i.value)).toEqual(['燃气', '给水', '污水']);
  });

  it('bins numbers between the data range with readable edges', () => {
    const t = resolveThematic({ field: 'height_m', method: 'ramp' }, summary([], 3, 99), 'en');
    expect(t.breaks[0]).toBe(3);
    expect(t.breaks.at(-1)).toBe(99);
    expect(t.breaks[1]).toBe(15);
    expect(t.colourOf(3)).toBe(RAMP[0]);
    expect(t.colourOf(99)).toBe(RAMP.at(-1));
    expect(t.colourOf(50)).toBe(RAMP[3]);
    expect(t.colourOf('n/a')).toBe(OTHER_COLOUR);
  });
});

describe('3D Tiles style expressions', () => {
  it('names non-ASCII fields through feature[] and shows one epoch', () => {
    expect(variable('height_m')).toBe('${height_m}');
    expect(variable('用途')).toBe("${feature['用途']}");
    const t = resolveThematic({ field: 'use', method: 'categories' }, summary([["O'Neil", 1]]), 'en');
    const json = tiles3dStyle(STYLE, 1, t, '2024');
    expect(json.show).toBe('${in_2024} === 1');
    expect(json.color).toEqual({
      conditions: [
        ["${use} === 'O\\'Neil'", `color('${CATEGORY_PALETTE[0] ?? ''}', 1.000)`],
        ['true', "color('#d9d9d9', 1.000)"],
      ],
    });
    expect(tiles3dStyle(STYLE, 0.5, null, null)).toEqual({ color: "color('#336699', 0.500)", show: 'true' });
  });

  it('tests ramp bins from the top down', () => {
    const t = resolveThematic({ field: 'height_m', method: 'ramp', min: 0, max: 80 }, null, 'en');
    const json = tiles3dStyle(STYLE, 1, t, null);
    const conditions = typeof json.color === 'string' ? [] : json.color.conditions;
    expect(conditions[0]).toEqual(['${height_m} >= 70', `color('${RAMP.at(-1) ?? ''}', 1.000)`]);
    expect(conditions.at(-2)).toEqual(['${height_m} >= 0', `color('${RAMP[0] ?? ''}', 1.000)`]);
  });
});

describe('tile pyramid layer.json', () => {
  it('accepts a heightmap layer and answers which tiles exist', () => {
    const layer = parseHeightmapLayer({
      format: 'cim-heightmap-1',
      tilingScheme: 'geographic',
      tileSize: 65,
      minLevel: 0,
      maxLevel: 15,
      bounds: [112.5, 32.98, 112.6, 33.02],
      levels: [{ level: 15, minX: 10, minY: 20, maxX: 11, maxY: 21 }],
      encoding: 'f32le',
      outsideHeightM: 120,
      heightRangeM: [110, 180],
    });
    expect(layer?.maxLevel).toBe(15);
    const ranges = new TileRanges(layer?.levels ?? []);
    expect(ranges.has(11, 21, 15)).toBe(true);
    expect(ranges.has(12, 21, 15)).toBe(false);
    expect(ranges.has(11, 21, 14)).toBe(false);
    expect(parseHeightmapLayer({ format: 'cim-heightmap-1' })).toBeNull();
  });
});
