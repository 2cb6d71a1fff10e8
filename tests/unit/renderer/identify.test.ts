import { describe, expect, it } from 'vitest';
import { indexFeatures } from '../../../renderer/map/vector/features.js';
import { featureAt, featuresAt } from '../../../renderer/map/vector/hit-test.js';
import { tiles3dStyle } from '../../../renderer/map/adapters/tiles3d-style.js';
import { HIGHLIGHT_COLOUR } from '../../../renderer/map/vector/highlight-style.js';

const square = (id: number, name: string, x0: number, y0: number, size: number) => ({
  type: 'Feature',
  id,
  properties: { name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x0 + size, y0],
        [x0 + size, y0 + size],
        [x0, y0 + size],
        [x0, y0],
      ],
    ],
  },
});

/** A big block, a parcel inside it drawn above, and a road crossing both. */
const layer = indexFeatures({
  type: 'FeatureCollection',
  features: [
    square(1, '街区', 112.5, 33.0, 0.01),
    square(2, '地块', 112.502, 33.002, 0.004),
    {
      type: 'Feature',
      id: 3,
      properties: { name: '道路' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [112.49, 33.004],
          [112.52, 33.004],
        ],
      },
    },
  ],
});

describe('identify (every feature under a click)', () => {
  it('lists the road, then the parcel drawn above the block, then the block', () => {
    const all = featuresAt(layer, 112.504, 33.004, 1e-5).map((f) => f.properties.name);
    expect(all).toEqual(['道路', '地块', '街区']);
    // the single pick is still the topmost of them
    expect(featureAt(layer, 112.504, 33.004, 1e-5)?.properties.name).toBe('道路');
  });

  it('lists only what contains the point away from the road', () => {
    expect(featuresAt(layer, 112.503, 33.0025, 1e-5).map((f) => f.id)).toEqual([2, 1]);
    expect(featuresAt(layer, 112.5005, 33.009, 1e-5).map((f) => f.id)).toEqual([1]);
    expect(featuresAt(layer, 112.6, 33.5, 1e-5)).toEqual([]);
  });
});

describe('selection highlight of a 3D feature', () => {
  const style = {
    fillColor: '#e6e1d8',
    fillOpacity: 1,
    strokeColor: '#8c8c8c',
    strokeWidthPx: 1,
    pointSizePx: 8,
  };

  it('colours the selected building first, in the selection colour, and the rest as before', () => {
    const plain = tiles3dStyle(style, 1, null, null);
    expect(plain.color).toBe("color('#e6e1d8', 1.000)");
    const selected = tiles3dStyle(style, 1, null, null, { field: 'bldg_id', value: 'B0042' });
    expect(selected.color).toEqual({
      conditions: [
        ["${bldg_id} === 'B0042'", `color('${HIGHLIGHT_COLOUR}', 1.000)`],
        ['true', "color('#e6e1d8', 1.000)"],
      ],
    });
  });
});
