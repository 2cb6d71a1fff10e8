import { describe, expect, it } from 'vitest';
import {
  decodeGpkg,
  encodeGpkg,
  gpkgEnvelope,
  readGpkgHeader,
  type Geometry,
} from '../../../main/store/gpkg-geometry.js';

const square: [number, number][] = [
  [0, 0],
  [2, 0],
  [2, 1],
  [0, 1],
  [0, 0],
];
const hole: [number, number][] = [
  [0.5, 0.25],
  [0.5, 0.75],
  [1, 0.75],
  [0.5, 0.25],
];

const cases: Geometry[] = [
  { type: 'Point', coordinates: [112.53, 33.0] },
  {
    type: 'LineString',
    coordinates: [
      [112.5, 33],
      [112.6, 33.1],
    ],
  },
  { type: 'Polygon', coordinates: [square, hole] },
  {
    type: 'MultiPoint',
    coordinates: [
      [1, 2],
      [3, 4],
    ],
  },
  {
    type: 'MultiLineString',
    coordinates: [
      [
        [0, 0],
        [1, 1],
      ],
      [
        [2, 2],
        [3, 3],
        [4, 5],
      ],
    ],
  },
  { type: 'MultiPolygon', coordinates: [[square], [hole]] },
];

describe('GeoPackage geometry codec', () => {
  it.each(cases)('round-trips a $type', (g) => {
    const blob = encodeGpkg(g, 4326);
    expect(blob.subarray(0, 2).toString('latin1')).toBe('GP');
    expect(readGpkgHeader(blob).srsId).toBe(4326);
    expect(decodeGpkg(blob)).toEqual(g);
  });

  it('writes the XY envelope of a polygon as minx, maxx, miny, maxy', () => {
    const blob = encodeGpkg({ type: 'Polygon', coordinates: [square] }, 4326);
    expect(gpkgEnvelope(blob)).toEqual([0, 2, 0, 1]);
    expect(readGpkgHeader(blob).envelope).toEqual([0, 2, 0, 1]);
  });

  it('reads big-endian WKB with Z written by another tool, dropping Z', () => {
    // GP header, big-endian flags (bit0 = 0), no envelope, srs 4490; then XDR Point Z (ISO 1001)
    const buf = Buffer.alloc(8 + 1 + 4 + 24);
    buf.write('GP', 0, 'latin1');
    buf[3] = 0x00;
    buf.writeInt32BE(4490, 4);
    buf[8] = 0;
    buf.writeUInt32BE(1001, 9);
    buf.writeDoubleBE(114, 13);
    buf.writeDoubleBE(33, 21);
    buf.writeDoubleBE(120.5, 29);
    expect(readGpkgHeader(buf).srsId).toBe(4490);
    expect(decodeGpkg(buf)).toEqual({ type: 'Point', coordinates: [114, 33] });
    expect(gpkgEnvelope(buf)).toEqual([114, 114, 33, 33]);
  });

  it('refuses a blob without the GP magic', () => {
    expect(() => decodeGpkg(Buffer.from('XX00000000'))).toThrow(/bad_geometry_blob/);
  });
});
