import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerStyle } from '../../../common/contract/index.js';
import { LayerStyle as LayerStyleSchema } from '../../../common/contract/index.js';
import { getLayer, updateLayer } from '../../../main/store/catalog.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { classifyField, countPerClass, exportLayerQml, importLayerQml } from '../../../main/style/layer-style.js';
import { tempDir } from '../helpers.js';
import { workspace } from './workspace-fixture.js';

const STYLED: Partial<LayerStyle> = {
  fillOpacity: 0.3,
  strokeWidthPx: 1.5,
  thematic: {
    field: 'height_m',
    method: 'graduated',
    classification: { mode: 'jenks', classes: 3, ramp: 'Blues' },
    ranges: [
      {
        lower: 3,
        upper: 27.5,
        label: '3 - 27.5',
        colour: '#eff3ff',
        opacity: 0.5,
        outlineColour: '#08519c',
        outlineWidthPx: 1,
      },
      { lower: 27.5, upper: 75, label: '27.5 - 75', colour: '#6baed6' },
      {
        lower: 75,
        upper: 120.9,
        label: '75 - 120.9',
        colour: '#08519c',
        opacity: 0.9,
        outlineColour: '#000000',
        outlineWidthPx: 2.5,
      },
    ],
  },
};

describe('class breaks of a layer field', () => {
  it('Jenks on the stored heights equals QGIS on the same values, with counts per class', () => {
    const db = workspace(path.join(tempDir(), 'w.gpkg'));
    const r = classifyField(db, { name: 'parcels', field: 'height_m', mode: 'jenks', classes: 3 });
    // QGIS 3.22.16: 3 - 27.5 - 75 - 120.9 (tests/fixtures/qml/breaks-qgis.json); the null height is not a value
    expect(r).toEqual({ edges: [3, 27.5, 75, 120.9], counts: [16, 6, 2], valueCount: 24 });
  });
  it('stated edges need two', () => {
    const db = workspace(path.join(tempDir(), 'w.gpkg'));
    expect(
      classifyField(db, { name: 'parcels', field: 'height_m', mode: 'stated', classes: 2, edges: [0, 50, 200] }),
    ).toEqual({ edges: [0, 50, 200], counts: [19, 5], valueCount: 24 });
    expect(() =>
      classifyField(db, { name: 'parcels', field: 'height_m', mode: 'stated', classes: 2, edges: [5] }),
    ).toThrow(/style\.stated_edges/);
  });
  it('codes stored as text read as numbers, as in QGIS', () => {
    const db = workspace(path.join(tempDir(), 'w.gpkg'));
    expect(classifyField(db, { name: 'parcels', field: 'yddm', mode: 'equalInterval', classes: 2 }).edges).toEqual([
      701, 1201, 1701,
    ]);
  });
  it('counts lower < v <= upper, the first class closed', () => {
    expect(countPerClass([0, 1, 2, 3, 4], [0, 2, 4])).toEqual([3, 2]);
  });
});

describe('styles in the workspace round-trip', () => {
  it('store -> file -> reopen keeps the style as saved', () => {
    const file = path.join(tempDir(), 'w.gpkg');
    const db = workspace(file);
    const saved = updateLayer(db, 'parcels', { style: STYLED }).style;
    db.close();
    const again = openWorkspaceDb(file);
    expect(getLayer(again, 'parcels').style).toEqual(saved);
    expect(LayerStyleSchema.parse(saved)).toEqual(saved);
  });

  it('store -> .qml -> store gives the same classes, symbols and settings', () => {
    const a = workspace(path.join(tempDir(), 'a.gpkg'));
    const saved = updateLayer(a, 'parcels', { style: STYLED }).style;
    const { qml, fileName } = exportLayerQml(a, 'parcels');
    expect(fileName).toBe('parcels.qml');
    const b = workspace(path.join(tempDir(), 'b.gpkg'));
    const { layer } = importLayerQml(b, 'parcels', qml, fileName);
    // a class without its own opacity or outline takes the layer's when written: explicit after the trip
    const expected = structuredClone(saved);
    const middle = expected.thematic?.ranges?.[1];
    if (middle) Object.assign(middle, { opacity: 0.3, outlineColour: saved.strokeColor, outlineWidthPx: 1.5 });
    expect(layer.style.thematic).toEqual(expected.thematic);
    // the layer's own fill and outline travel as the renderer's source symbol
    expect(layer.style).toMatchObject({
      fillOpacity: 0.3,
      strokeWidthPx: 1.5,
      fillColor: saved.fillColor,
      strokeColor: saved.strokeColor,
    });
    // and the same .qml again
    expect(exportLayerQml(b, 'parcels').qml).toBe(qml);
  });

  it('a style for a field the layer lacks is refused with the file, field and layer', () => {
    const db = workspace(path.join(tempDir(), 'w.gpkg'));
    const other = { ...STYLED, thematic: { ...STYLED.thematic, field: 'floors' } } as Partial<LayerStyle>;
    const text = exportLayerQml(
      (() => {
        const d = workspace(path.join(tempDir(), 'x.gpkg'));
        d.exec('ALTER TABLE parcels ADD COLUMN floors INTEGER');
        updateLayer(d, 'parcels', { style: other });
        return d;
      })(),
      'parcels',
    ).qml;
    expect(() => importLayerQml(db, 'parcels', text, '/tmp/bureau/楼层.qml')).toThrow(
      /style\.qml_field_missing.*"file":"楼层.qml","field":"floors","layer":"parcels"/,
    );
  });
});
