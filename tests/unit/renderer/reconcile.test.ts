/**
 * planReconcile (renderer/map/reconcile.ts), directly: from the entries the map shows and
 * the entries `layers.list` wants, which adapters go, which come, which are adjusted.
 */
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../../common/contract/index.js';
import { planReconcile, revisionOf } from '../../../renderer/map/reconcile.js';

function entry(name: string, over: Partial<LayerEntry> = {}): LayerEntry {
  return {
    name,
    title: name,
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

const shown = (...entries: LayerEntry[]): Map<string, LayerEntry> => new Map(entries.map((e) => [e.name, e]));

describe('planReconcile', () => {
  it('does nothing when the map already shows what is wanted', () => {
    const a = entry('a');
    expect(planReconcile(shown(a), [{ ...a }])).toEqual({ remove: [], add: [], update: [] });
  });

  it('adds what is new and removes what is gone', () => {
    const plan = planReconcile(shown(entry('gone'), entry('kept')), [entry('kept'), entry('new', { order: 1 })]);
    expect(plan.remove).toEqual(['gone']);
    expect(plan.add.map((e) => e.name)).toEqual(['new']);
    expect(plan.update).toEqual([]);
  });

  it('lists each kind of change of a kept layer, in a fixed order', () => {
    const before = entry('a');
    const after = entry('a', {
      visible: false,
      opacity: 0.4,
      order: 3,
      style: { ...before.style, fillColor: '#00ff00' },
    });
    const plan = planReconcile(shown(before), [after]);
    expect(plan.add).toEqual([]);
    expect(plan.remove).toEqual([]);
    expect(plan.update).toEqual([{ entry: after, changes: ['visible', 'opacity', 'style', 'order'] }]);
  });

  it('sees a change of thematic style or filter, not only of the plain colours', () => {
    const before = entry('a');
    const filtered = entry('a', { style: { ...before.style, filter: { field: 'dlbm', op: 'in', values: ['0701'] } } });
    expect(planReconcile(shown(before), [filtered]).update[0]?.changes).toEqual(['style']);
  });

  it('recreates a layer re-imported under the same name (a new revision), rather than adjusting it', () => {
    const before = entry('a');
    const reimported = entry('a', { createdAt: '2026-12-02T08:00:00.000Z' });
    expect(revisionOf(reimported)).not.toBe(revisionOf(before));
    const plan = planReconcile(shown(before), [reimported]);
    expect(plan.remove).toEqual(['a']);
    expect(plan.add).toEqual([reimported]);
    expect(plan.update).toEqual([]);
  });

  it('counts features into the revision, and survives an unparseable creation time', () => {
    expect(revisionOf(entry('a', { featureCount: 11 }))).toBe(revisionOf(entry('a')) + 1);
    expect(revisionOf(entry('a', { createdAt: 'not a date', featureCount: 7 }))).toBe(7);
  });
});
