/**
 * Buildings from the workspace as prisms in a local frame: a footprint layer with heights, or
 * a 3D Tiles buildings layer read from its source footprint layer (the latest survey epoch,
 * the last of its `sourceLayers`), so the analysis sees the same buildings the globe shows.
 * Height: the height field (default `height_m`), else storeys × 3 m (the tiles build's rule,
 * stated as a warning), else the layer is refused naming its numeric fields. A building stands
 * on the lowest ground under its outline (its vertices and centre), as the tiles build seats
 * it; without terrain on 0 m. Environment: node.
 */
import { CimError } from '../../../common/errors.js';
import { getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { Geometry, Position } from '../../store/gpkg-geometry.js';
import type { LocalFrame } from './frame.js';
import type { PrismInput } from './prisms.js';
import { groundAt, type TerrainGrid } from './terrain-grid.js';

export const STOREY_M = 3;

export interface LoadedBuilding {
  /** The id field's value, else the fid. */
  id: string;
  fid: number;
  /** Footprint polygons in lon/lat (for result layers) and in the frame. */
  lonLat: Position[][][];
  rings: [number, number][][];
  baseM: number;
  heightM: number;
  floors: number | null;
  properties: Record<string, unknown>;
}

export interface BuildingsSource {
  /** The feature table read (the layer itself, or a 3D Tiles layer's source). */
  table: string;
  heightField: string;
  /** True when heights are storeys × 3 m. */
  fromFloors: boolean;
}

/** The footprint table behind a layer name: itself, or a tiles3d layer's latest source layer. */
export function footprintTable(db: Db, layer: string): string {
  const entry = getLayer(db, layer);
  if (entry.kind === 'vector') return layer;
  const sources = entry.tiles?.sourceLayers ?? [];
  const last = sources[sources.length - 1];
  if (entry.kind !== 'tiles3d' || !last) throw new CimError('sunlight.not_buildings', { layer });
  return last;
}

export function polygonsOf(g: Geometry | null): Position[][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

export interface ReadBuildingsOptions {
  heightField?: string | undefined;
  floorsField?: string | undefined;
  idField?: string | undefined;
  /** Only these ids (the chosen facades' buildings); all when absent. */
  only?: ReadonlySet<string> | undefined;
}

export function buildingsSource(db: Db, layer: string, o: ReadBuildingsOptions = {}): BuildingsSource {
  const table = footprintTable(db, layer);
  const info = describeFeatureTable(db, table);
  const numeric = info.fields.filter((f) => f.type === 'REAL' || f.type === 'INTEGER').map((f) => f.name);
  const heightField = o.heightField ?? 'height_m';
  if (numeric.includes(heightField)) return { table, heightField, fromFloors: false };
  const floors = o.floorsField ?? 'floors';
  if (o.heightField === undefined && numeric.includes(floors)) return { table, heightField: floors, fromFloors: true };
  throw new CimError('sunlight.height_field_required', {
    layer: table,
    field: heightField,
    fields: numeric.join(', ') || '-',
  });
}

/** Reads every building with a positive height (others are skipped and counted). */
export function readBuildings(
  db: Db,
  source: BuildingsSource,
  frame: LocalFrame,
  terrain: TerrainGrid | null,
  o: ReadBuildingsOptions = {},
): { buildings: LoadedBuilding[]; skipped: number } {
  const info = describeFeatureTable(db, source.table);
  const idField = o.idField ?? 'bldg_id';
  const hasId = info.fields.some((f) => f.name === idField);
  const xy = new Float64Array(2);
  const out: LoadedBuilding[] = [];
  let skipped = 0;
  for (const f of iterateFeatures(db, info)) {
    const rawId = hasId ? f.properties[idField] : null;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(f.fid);
    if (o.only && !o.only.has(id)) continue;
    const raw = f.properties[source.heightField];
    const value = typeof raw === 'number' ? raw : Number.NaN;
    const heightM = source.fromFloors ? value * STOREY_M : value;
    const lonLat = polygonsOf(f.geometry);
    if (!(heightM > 0) || lonLat.length === 0) {
      skipped++;
      continue;
    }
    const rings: [number, number][][] = [];
    let base = Infinity;
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (const poly of lonLat)
      for (const ring of poly) {
        const local = ring.map(([lon, lat]) => {
          frame.toGk(lon, lat, xy);
          return [xy[0] ?? 0, xy[1] ?? 0] as [number, number];
        });
        for (const [x, y] of local) {
          base = Math.min(base, groundAt(terrain, x, y));
          sx += x;
          sy += y;
          n++;
        }
        rings.push(local);
      }
    if (n > 0) base = Math.min(base, groundAt(terrain, sx / n, sy / n));
    const floorsRaw = f.properties[o.floorsField ?? 'floors'];
    out.push({
      id,
      fid: f.fid,
      lonLat,
      rings,
      baseM: Number.isFinite(base) ? base : 0,
      heightM,
      floors: typeof floorsRaw === 'number' && floorsRaw > 0 ? floorsRaw : null,
      properties: f.properties,
    });
  }
  return { buildings: out, skipped };
}

/** Prisms of loaded buildings (one per building; a multipolygon's parts share it). */
export function prismsOf(buildings: readonly LoadedBuilding[]): PrismInput[] {
  return buildings.map((b) => ({ rings: b.rings, baseM: b.baseM, topM: b.baseM + b.heightM }));
}
