/**
 * GEOS (geos-wasm, the clip module's engine) as the shadow envelope's polygon union: one
 * MultiPolygon of all pieces through GEOSUnaryUnion, which cascades internally. Environment: node.
 */
import { decodeWkb, encodeGpkg } from '../../store/gpkg-geometry.js';
import { gpkgWkbOffset } from '../clip/wkb.js';
import { Clipper, loadGeos, type Geom } from '../clip/geos.js';
import type { PolygonUnion } from './shadow-envelope.js';

export async function geosUnion(): Promise<PolygonUnion & { dispose(): void }> {
  const geos = await loadGeos();
  const clipper = new Clipper(geos);
  return {
    union(polygons) {
      const blob = encodeGpkg({ type: 'MultiPolygon', coordinates: polygons.map((p) => p.map((r) => [...r])) }, 0);
      const input = clipper.read(blob.subarray(gpkgWkbOffset(blob)));
      if (!input) return [];
      const united = geos.GEOSUnaryUnion(input) as unknown as Geom;
      clipper.destroy(input);
      if (!united) return [];
      const out = decodeWkb(clipper.write(united));
      clipper.destroy(united);
      if (out.type === 'Polygon') return [out.coordinates];
      if (out.type === 'MultiPolygon') return out.coordinates;
      return [];
    },
    dispose: () => clipper.dispose(),
  };
}
