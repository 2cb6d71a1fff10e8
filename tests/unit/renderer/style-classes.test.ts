/**
 * The style editor's classes as the map draws them: categorised, graduated and rule-based
 * symbols per feature, their 3D Tiles conditions, and the editor's pure model.
 */
import { describe, expect, it } from 'vitest';
import type { FieldSummary, LayerStyle, ThematicStyle } from '../../../common/contract/index.js';
import { tiles3dStyle } from '../../../renderer/map/adapters/tiles3d-style.js';
import { featureSymbol } from '../../../renderer/map/vector/feature-symbol.js';
import {
  categoriesFromSummary,
  draftOf,
  editableThematic,
  parseEdges,
  rangesFromEdges,
  rendererOf,
  withFillOpacity,
  withOutline,
} from '../../../renderer/style/style-model.js';
import { conditionHolds, resolveThematic, ruleFor } from '../../../renderer/style/thematic.js';

const STYLE: LayerStyle = {
  fillColor: '#336699',
  fillOpacity: 0.5,
  strokeColor: '#000000',
  strokeWidthPx: 1,
  pointSizePx: 6,
};

const summary = (values: [string | number | null, number][]): FieldSummary => ({
  field: 'yddm',
  values: values.map(([value, count]) => ({ value, count })),
  distinct: values.length,
  min: null,
  max: null,
});

const CATEGORISED: ThematicStyle = {
  field: 'yddm',
  method: 'categorized',
  categories: [
    { value: '0701', label: '住宅', colour: '#ffff2d', opacity: 0.6, outlineColour: '#232323', outlineWidthPx: 0.98 },
    { value: 901, label: '商业', colour: '#ff0063' },
    { value: null, label: '其他', colour: '#c8c8c8', opacity: 1 },
  ],
};

const GRADUATED: ThematicStyle = {
  field: 'height_m',
  method: 'graduated',
  ranges: [
    { lower: 10, upper: 24, label: '10 - 24', colour: '#a1dab4' },
    { lower: 0, upper: 10, label: '0 - 10', colour: '#ffffcc', outlineWidthPx: 0 },
    { lower: 24, upper: 60.2, label: '24 - 60.2', colour: '#41b6c4', opacity: 0.25 },
  ],
};

const RULES: ThematicStyle = {
  field: 'floors',
  method: 'rules',
  rules: [
    {
      label: '高层住宅',
      conditions: [
        { field: 'use', op: 'eq', value: '住宅' },
        { field: 'floors', op: 'gte', value: 10 },
      ],
      colour: '#d7191c',
    },
    { label: '住宅', conditions: [{ field: 'use', op: 'eq', value: '住宅' }], colour: '#fdae61' },
    { label: '其他', conditions: [], else: true, colour: '#abd9e9' },
  ],
};

const feature = (properties: Record<string, unknown>) => ({
  properties,
  polygons: [],
  lines: [],
  points: [],
  bbox: [0, 0, 0, 0] as const,
});

describe('categorised: one class per value, QGIS empty class for the rest', () => {
  const t = resolveThematic(
    CATEGORISED,
    summary([
      ['0701', 5],
      ['901', 2],
      ['1701', 1],
      [null, 1],
    ]),
    'zh-CN',
  );
  it('a class with its own opacity and outline draws with them; the layer fills the gaps', () => {
    const sym = (v: unknown) => featureSymbol({ style: STYLE, thematic: t }, feature({ yddm: v }));
    expect(sym('0701')).toEqual({ colour: '#ffff2d', opacity: 0.6, outlineColour: '#232323', outlineWidthPx: 0.98 });
    // the number 901 and the text '901' are one value
    expect(sym('901')).toEqual({ colour: '#ff0063', opacity: 0.5, outlineColour: '#000000', outlineWidthPx: 1 });
    expect(sym(901)?.colour).toBe('#ff0063');
    expect(sym('1701')).toEqual({ colour: '#c8c8c8', opacity: 1, outlineColour: '#000000', outlineWidthPx: 1 });
    expect(sym(null)?.colour).toBe('#c8c8c8');
  });
  it('without an empty class, a value no class lists is not drawn', () => {
    const only = resolveThematic({ ...CATEGORISED, categories: CATEGORISED.categories?.slice(0, 2) }, null, 'en');
    expect(only.symbolOf({ yddm: '1701' })).toBeNull();
    expect(featureSymbol({ style: STYLE, thematic: only }, feature({ yddm: '1701' }))).toBeNull();
  });
  it('the legend lists the classes with their counts; the empty class counts the rest', () => {
    expect(t.legend.map((i) => [i.label, i.colour, i.count])).toEqual([
      ['住宅', '#ffff2d', 5],
      ['商业', '#ff0063', 2],
      ['其他', '#c8c8c8', 2],
    ]);
  });
  it('3D Tiles: a condition per value, the empty class as the default', () => {
    const json = tiles3dStyle(STYLE, 1, t, null);
    expect(json.color).toEqual({
      conditions: [
        ["${yddm} === '0701'", "color('#ffff2d', 1.000)"],
        ['${yddm} === 901', "color('#ff0063', 1.000)"],
        ['true', "color('#c8c8c8', 1.000)"],
      ],
    });
  });
});

describe('graduated: lower < v <= upper, the lowest range closed', () => {
  const t = resolveThematic(GRADUATED, null, 'zh-CN');
  it('puts values on the edges in the lower range, as QGIS', () => {
    expect(t.colourOf(0)).toBe('#ffffcc');
    expect(t.colourOf(10)).toBe('#ffffcc');
    expect(t.colourOf(10.01)).toBe('#a1dab4');
    expect(t.colourOf('24')).toBe('#a1dab4');
    expect(t.symbolOf({ height_m: 60.2 })).toEqual({ colour: '#41b6c4', opacity: 0.25 });
    expect(t.symbolOf({ height_m: 60.3 })).toBeNull();
    expect(t.symbolOf({ height_m: -1 })).toBeNull();
    expect(t.symbolOf({ height_m: null })).toBeNull();
    expect(t.symbolOf({ height_m: 'abc' })).toBeNull();
  });
  it('legend and breaks from low to high', () => {
    expect(t.legend.map((i) => i.label)).toEqual(['0 - 10', '10 - 24', '24 - 60.2']);
    expect(t.breaks).toEqual([0, 10, 24, 60.2]);
  });
  it('3D Tiles: from the top range down', () => {
    const json = tiles3dStyle(STYLE, 0.5, t, null);
    expect(json.color).toEqual({
      conditions: [
        ['${height_m} >= 24', "color('#41b6c4', 0.500)"],
        ['${height_m} >= 10', "color('#a1dab4', 0.500)"],
        ['${height_m} >= 0', "color('#ffffcc', 0.500)"],
        ['true', "color('#d9d9d9', 0.500)"],
      ],
    });
  });
});

describe('rules: first that holds wins, else takes the rest', () => {
  it('conditions compare numbers as numbers and text as text', () => {
    expect(conditionHolds({ field: 'floors', op: 'gte', value: 10 }, { floors: '12' })).toBe(true);
    expect(conditionHolds({ field: 'floors', op: 'lt', value: 9 }, { floors: 10 })).toBe(false);
    expect(conditionHolds({ field: 'use', op: 'ne', value: '住宅' }, { use: null })).toBe(true);
    expect(conditionHolds({ field: 'use', op: 'eq', value: '住宅' }, {})).toBe(false);
  });
  it('picks the rule', () => {
    const rules = RULES.rules ?? [];
    expect(ruleFor(rules, { use: '住宅', floors: 18 })?.label).toBe('高层住宅');
    expect(ruleFor(rules, { use: '住宅', floors: 6 })?.label).toBe('住宅');
    expect(ruleFor(rules, { use: '商业', floors: 30 })?.label).toBe('其他');
    expect(ruleFor(rules.slice(0, 2), { use: '商业' })).toBeNull();
  });
  it('3D Tiles: each rule as a condition, ELSE as the default', () => {
    const t = resolveThematic(RULES, null, 'zh-CN');
    expect(t.symbolOf({ use: '住宅', floors: 3 })).toEqual({ colour: '#fdae61' });
    const json = tiles3dStyle({ ...STYLE, thematic: RULES }, 1, t, null);
    expect(json.color).toEqual({
      conditions: [
        ["${use} === '住宅' && ${floors} >= 10", "color('#d7191c', 1.000)"],
        ["${use} === '住宅'", "color('#fdae61', 1.000)"],
        ['true', "color('#abd9e9', 1.000)"],
      ],
    });
  });
});

describe('the editor model', () => {
  it('categories from a field summary, sorted by value, coloured along the ramp', () => {
    const cats = categoriesFromSummary(
      summary([
        ['0901', 9],
        ['0701', 20],
        [null, 3],
        ['1701', 1],
      ]),
      'YlOrRd',
    );
    expect(cats).toEqual([
      { value: '0701', label: '0701', colour: '#ffffb2' },
      { value: '0901', label: '0901', colour: '#fd8d3c' },
      { value: '1701', label: '1701', colour: '#bd0026' },
    ]);
  });
  it('ranges from edges', () => {
    expect(rangesFromEdges([3, 27.5, 75, 120.9], 'Blues')).toEqual([
      { lower: 3, upper: 27.5, label: '3 - 27.5', colour: '#eff3ff' },
      { lower: 27.5, upper: 75, label: '27.5 - 75', colour: '#6baed6' },
      { lower: 75, upper: 120.9, label: '75 - 120.9', colour: '#08519c' },
    ]);
  });
  it('an older palette style opens as the classes it draws', () => {
    const ramp: ThematicStyle = { field: 'h', method: 'ramp', min: 0, max: 80 };
    const e = editableThematic(ramp, resolveThematic(ramp, null, 'zh-CN'));
    expect(e.method).toBe('graduated');
    expect(e.ranges?.[0]).toEqual({ lower: 0, upper: 10, label: '0 - 10', colour: '#4575b4' });
    expect(e.ranges).toHaveLength(8);
    const lu: ThematicStyle = { field: 'yddm', method: 'landuse' };
    const c = editableThematic(lu, resolveThematic(lu, summary([['0701', 2]]), 'zh-CN'));
    expect(c.categories).toEqual([{ value: '0701', label: '0701 城镇住宅用地', colour: '#ffff2d' }]);
  });
  it('one opacity and one outline for the layer and every class', () => {
    const d = withOutline(withFillOpacity(draftOf({ ...STYLE, thematic: GRADUATED }), 0.3), { widthPx: 2 });
    expect(d.fillOpacity).toBe(0.3);
    expect(d.strokeWidthPx).toBe(2);
    expect(d.thematic?.ranges?.map((r) => [r.opacity, r.outlineColour, r.outlineWidthPx])).toEqual([
      [0.3, '#000000', 2],
      [0.3, '#000000', 2],
      [0.3, '#000000', 2],
    ]);
  });
  it('renderer kinds and stated edges', () => {
    expect(rendererOf(null)).toBe('single');
    expect(rendererOf(GRADUATED)).toBe('graduated');
    expect(rendererOf({ field: 'x', method: 'landuse' })).toBe('categorized');
    expect(parseEdges('0, 10，24.5  60;x')).toEqual([0, 10, 24.5, 60]);
  });
});
