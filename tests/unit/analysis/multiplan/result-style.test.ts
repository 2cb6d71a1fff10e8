/** The conflict layer's style as the globe and the legend resolve it: severity colours, hatched. */
import { describe, expect, it } from 'vitest';
import { RESULT_STYLE } from '../../../../main/analysis/multiplan/result-layer.js';
import { multiplanReport } from '../../../../main/analysis/multiplan/report.js';
import { runMultiplan } from '../../../../main/analysis/multiplan/run-multiplan.js';
import { handCase, planWorkspace } from '../plan-fixture.js';
import { SEVERITY_COLOURS as PANEL_COLOURS } from '../../../../renderer/panels/multiplan/severity.js';
import { OTHER_COLOUR, resolveThematic } from '../../../../renderer/style/thematic.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date(0) };

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
  });

  it('draws the same colours in the PDF map legend and the panel as on the globe', async () => {
    const thematic = RESULT_STYLE.thematic;
    if (!thematic) throw new Error('the result style has no thematic');
    const globe = resolveThematic(thematic, { field: 'severity', values: [], distinct: 0, min: null, max: null }, 'en');
    const { db } = planWorkspace(handCase());
    await runMultiplan(db, { layers: ['plan_master', 'plan_regulatory', 'control_lines'] }, control);
    const doc = multiplanReport(db, 'conflicts_1', { lang: 'en', now: new Date(0) });
    db.close();
    const map = doc.sections.find((s) => s.kind === 'map');
    const legend = map?.kind === 'map' ? (map.legend ?? []) : [];
    for (const severity of ['high', 'medium', 'low'] as const) {
      const item = legend.find((l) => l.label.toLowerCase().startsWith(severity));
      expect(item?.colour, severity).toBe(globe.colourOf(severity));
      expect(PANEL_COLOURS[severity], severity).toBe(globe.colourOf(severity));
    }
    // the hatched conflicts on the report's map are drawn in their severity's colour
    const conflicts = map?.kind === 'map' ? (map.layers ?? []).at(-1) : undefined;
    expect(new Set(conflicts?.items.map((i) => i.stroke))).toEqual(new Set(['#d7191c', '#fdae61', '#e6c800']));
  });
});
