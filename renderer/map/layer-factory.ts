/** One adapter per layer kind: the controller asks here which adapter shows an entry. */
import { Resource, type CesiumWidget } from 'cesium';
import type { LayerEntry } from '../../common/contract/index.js';
import { ImageryLayerAdapter } from './adapters/imagery-adapter.js';
import type { LayerAdapter } from './adapters/layer-adapter.js';
import { PointLayerAdapter } from './adapters/point-adapter.js';
import { TerrainLayerAdapter } from './adapters/terrain-adapter.js';
import { Tiles3DLayerAdapter } from './adapters/tiles3d-adapter.js';
import { VectorImageryAdapter } from './adapters/vector-imagery-adapter.js';
import type { Flights } from './camera-moves.js';

export interface LayerSources {
  featuresUrl(layer: string, revision: number): string;
  /** Base URL of the tile server, ending in `/`, and the query every tile request needs. */
  tilesBaseUrl(): string;
  resourceQuery(): Record<string, string>;
}

export interface FactoryContext {
  viewer: CesiumWidget;
  flights: Flights;
  sources: LayerSources;
  epoch: string | null;
  /** Terrain layers came, went or changed visibility. */
  terrainChanged: () => void;
  /** An imagery layer joined the globe or moved in the tree. */
  imageryChanged: () => void;
}

/**
 * The tile set's root, with the host's query (token) and the layer's revision: tile names stay
 * the same across rebuilds and the server lets browsers cache tiles, so `v` tells them apart.
 */
function tileResource(sources: LayerSources, root: string, revision: number): Resource {
  const base = new URL(sources.tilesBaseUrl(), window.location.href);
  const url = new URL(root.split('/').map(encodeURIComponent).join('/'), base);
  return new Resource({ url: url.href, queryParameters: { ...sources.resourceQuery(), v: String(revision) } });
}

/** Point layers are markers standing on the terrain; everything else is draped as image tiles. */
function isPointLayer(entry: LayerEntry): boolean {
  return entry.kind === 'vector' && (entry.geometryType === 'POINT' || entry.geometryType === 'MULTIPOINT');
}

export function createAdapter(entry: LayerEntry, revision: number, ctx: FactoryContext): LayerAdapter {
  const { viewer, flights, sources } = ctx;
  if (entry.kind !== 'vector' && entry.tiles) {
    const resource = tileResource(sources, entry.tiles.root, revision);
    switch (entry.kind) {
      case 'tiles3d':
        return new Tiles3DLayerAdapter(viewer, flights, entry, resource, ctx.epoch);
      case 'terrain':
        return new TerrainLayerAdapter(viewer, flights, entry, resource, ctx.terrainChanged);
      case 'imagery':
        return new ImageryLayerAdapter(viewer, flights, entry, resource, ctx.imageryChanged);
    }
  }
  const url = sources.featuresUrl(entry.name, revision);
  if (isPointLayer(entry)) return new PointLayerAdapter(viewer, flights, entry, url);
  return new VectorImageryAdapter(viewer, flights, entry, url, ctx.imageryChanged);
}
