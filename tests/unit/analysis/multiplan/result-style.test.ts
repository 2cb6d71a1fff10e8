/** The conflict layer's style as the globe and the legend resolve it: severity colours, hatched. */
import { describe, expect, it } from 'vitest';
import { RESULT_STYLE } from '../../../../main/analysis/multiplan/result-layer.js';
import { SEVERITY_COLOURS as REPORT_COLOURS } from '../../../../main/analysis/multiplan/report-labels.js';
import { SEVERITY_COLOURS as PANEL_COLOURS } from '../../../../renderer/panels/multiplan/severity.js';
import { OTHER_COLOUR, resolveThematic } from '../../../../renderer/style/thematic.js';

describe('the conflict layer style', () => {
  it('colours severities as the report does, whatever order the values come in', () => {
    const thematic = RESULT_STYLE.thematic;
    if (!thematic) throw new Error('the result style has no thematic');
    expect(thematic).toMatchObject({ field: 'severity', method: 'categories', hatch: true });
    // low first and most frequent: palette order would have given it the first palette colour
    const summary = {
      field: 'severity',
      values: [
        { value: 'low', count: 9 },
        { value: 'high', count: 3 },
        { value: null, count: 2 },
      ],
      distinct: 3,
      min: null,
      max: null,
    };
    const t = resolveThematic(thematic, summary, 'zh-CN');
    expect(t.colourOf('high')).toBe('#d7191c');
    expect(t.colourOf('medium')).toBe('#fdae61');
    expect(t.colourOf('low')).toBe('#e6c800');
    // an all-pairs overlap without a rule has no severity
    expect(t.colourOf(null)).toBe(OTHER_COLOUR);
    expect(t.legend.map((i) => [i.value, i.colour, i.count])).toEqual([
      ['high', '#d7191c', 3],
      ['medium', '#fdae61', null],
      ['low', '#e6c800', 9],
    ]);
    expect(REPORT_COLOURS).toBe(PANEL_COLOURS);
    expect(thematic.colours).toEqual(REPORT_COLOURS);
  });
});
