/**
 * Reading a CityJSON document (CityJSON 1.0, 1.1, 2.0 §"CityJSON object", §"Geometry
 * objects", §"Transform object"): version, reference system, vertices (scaled and
 * translated), and per Building / BuildingPart the surfaces of one level of detail as
 * rings of vertex indices. Pure; environment: common.
 */
import { importError } from '../../../common/errors.js';

export interface CityObjectIn {
  id: string;
  type: 'Building' | 'BuildingPart';
  parent: string | null;
  attributes: Record<string, unknown>;
  /** Surface geometries by level of detail (`1`, `1.2`, `2.2`); each surface: rings of vertex indices. */
  lods: Map<string, number[][][]>;
  hasChildren: boolean;
  /** A vertex index out of range or a malformed boundary: the object is left out. */
  broken: boolean;
}

export interface CityDoc {
  version: string;
  /** `https://www.opengis.net/def/crs/EPSG/0/7415`, `urn:ogc:def:crs:EPSG::2056`, or null. */
  referenceSystem: string | null;
  /** Real-world x, y, z per vertex (transform applied). */
  xyz: Float64Array;
  objects: CityObjectIn[];
  /** Objects of other types (roads, vegetation…), not built. */
  otherObjects: number;
  textureImages: string[];
}

const VERSION = /^(1\.0|1\.1|2\.0)(\.\d+)?$/;
const SURFACE_TYPES = new Set(['MultiSurface', 'CompositeSurface', 'Solid', 'MultiSolid', 'CompositeSolid']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function vertices(file: string, doc: Record<string, unknown>): Float64Array {
  const raw = doc.vertices;
  if (!Array.isArray(raw)) throw importError('cityjson_invalid', { file, problem: 'no vertices array' });
  const t = isRecord(doc.transform) ? doc.transform : null;
  const scale = t && Array.isArray(t.scale) ? (t.scale as unknown[]) : [1, 1, 1];
  const translate = t && Array.isArray(t.translate) ? (t.translate as unknown[]) : [0, 0, 0];
  const s = [0, 1, 2].map((i) => Number(scale[i]));
  const o = [0, 1, 2].map((i) => Number(translate[i]));
  if (![...s, ...o].every(Number.isFinite))
    throw importError('cityjson_invalid', { file, problem: 'transform is not numbers' });
  const out = new Float64Array(raw.length * 3);
  (raw as unknown[]).forEach((v, i) => {
    const ok =
      Array.isArray(v) && v.length >= 3 && [v[0], v[1], v[2]].every((c) => typeof c === 'number' && Number.isFinite(c));
    if (!ok) throw importError('cityjson_invalid', { file, problem: `vertex ${String(i)} is not 3 numbers` });
    const p = v as number[];
    for (let k = 0; k < 3; k++) out[i * 3 + k] = (p[k] as number) * (s[k] as number) + (o[k] as number);
  });
  return out;
}

/** Surfaces of a geometry as rings of indices; null when malformed or out of range. */
function surfacesOf(geometry: Record<string, unknown>, vertexCount: number): number[][][] | null {
  const depth = { MultiSurface: 0, CompositeSurface: 0, Solid: 1, MultiSolid: 2, CompositeSolid: 2 }[
    String(geometry.type) as 'Solid'
  ];
  const out: number[][][] = [];
  const ring = (r: unknown): number[] | null => {
    if (!Array.isArray(r)) return null;
    for (const i of r as unknown[])
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= vertexCount) return null;
    return r as number[];
  };
  const walk = (node: unknown, level: number): boolean => {
    if (!Array.isArray(node)) return false;
    if (level === 0) {
      for (const surface of node as unknown[]) {
        if (!Array.isArray(surface)) return false;
        const rings = (surface as unknown[]).map(ring);
        if (rings.some((r) => r === null)) return false;
        out.push(rings as number[][]);
      }
      return true;
    }
    return (node as unknown[]).every((child) => walk(child, level - 1));
  };
  return walk(geometry.boundaries, depth) ? out : null;
}

function lodOf(g: Record<string, unknown>): string | null {
  if (typeof g.lod === 'string' && g.lod !== '') return g.lod;
  if (typeof g.lod === 'number' && Number.isFinite(g.lod)) return String(g.lod);
  return null;
}

export function parseCityJson(file: string, json: unknown): CityDoc {
  if (!isRecord(json) || json.type !== 'CityJSON')
    throw importError('cityjson_invalid', { file, problem: 'type is not CityJSON' });
  const version = typeof json.version === 'string' ? json.version : String(json.version);
  if (!VERSION.test(version)) throw importError('cityjson_version', { file, version });
  if (!isRecord(json.CityObjects)) throw importError('cityjson_invalid', { file, problem: 'no CityObjects' });
  const xyz = vertices(file, json);
  const vertexCount = xyz.length / 3;
  const objects: CityObjectIn[] = [];
  let otherObjects = 0;
  for (const [id, raw] of Object.entries(json.CityObjects)) {
    if (!isRecord(raw)) continue;
    if (raw.type !== 'Building' && raw.type !== 'BuildingPart') {
      otherObjects++;
      continue;
    }
    const lods = new Map<string, number[][][]>();
    let broken = false;
    for (const g of Array.isArray(raw.geometry) ? (raw.geometry as unknown[]) : []) {
      if (!isRecord(g) || !SURFACE_TYPES.has(String(g.type))) continue;
      const lod = lodOf(g);
      const surfaces = surfacesOf(g, vertexCount);
      if (lod === null || surfaces === null) {
        broken = true;
        continue;
      }
      lods.set(lod, [...(lods.get(lod) ?? []), ...surfaces]);
    }
    const parents = Array.isArray(raw.parents) ? (raw.parents as unknown[]) : [];
    objects.push({
      id,
      type: raw.type,
      parent: typeof parents[0] === 'string' ? parents[0] : null,
      attributes: isRecord(raw.attributes) ? raw.attributes : {},
      lods,
      hasChildren: Array.isArray(raw.children) && raw.children.length > 0,
      broken,
    });
  }
  const meta = isRecord(json.metadata) ? json.metadata : {};
  const referenceSystem = typeof meta.referenceSystem === 'string' ? meta.referenceSystem : null;
  const appearance = isRecord(json.appearance) ? json.appearance : {};
  const textures = Array.isArray(appearance.textures) ? (appearance.textures as unknown[]) : [];
  const textureImages = textures.flatMap((t) => (isRecord(t) && typeof t.image === 'string' ? [t.image] : []));
  return { version, referenceSystem, xyz, objects, otherObjects, textureImages };
}

/** The EPSG code of a CityJSON reference system (OGC URL, URN or `EPSG:n`), or null. */
export function epsgOfReferenceSystem(text: string): number | null {
  const m = /EPSG(?:\/\d+\/|::?|:)(\d{4,6})\s*$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** Levels of detail, highest first (`2.2` > `2` > `1.3` > `1`). */
export function sortLods(lods: Iterable<string>): string[] {
  return [...new Set(lods)].sort((a, b) => Number(b) - Number(a) || b.localeCompare(a));
}
