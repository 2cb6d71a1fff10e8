/**
 * DXF entities -> shapes in drawing coordinates: POINT, LINE, LWPOLYLINE, POLYLINE (with its
 * VERTEX run), CIRCLE, ARC, ELLIPSE, HATCH boundaries, TEXT, MTEXT, and INSERT of a BLOCK
 * (scaled, rotated, moved; nested up to a depth). Closed outlines become polygons, open
 * ones lines, texts points carrying their text. Entities with an extrusion of (0,0,-1) are
 * mirrored in x, as their object coordinate system says. Pure; environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';
import { arcPoints, ellipsePoints, expandBulges } from './curves.js';
import { num, str, type Entity } from './groups.js';
import { hatchRings } from './hatch.js';

export type ShapeKind = 'point' | 'line' | 'polygon';

export interface DxfShape {
  kind: ShapeKind;
  /** Point: one ring of one position; line: one ring; polygon: its rings (organised later). */
  rings: Position[][];
  layer: string;
  entity: string;
  handle: string;
  text: string | null;
}

export type Matrix = [a: number, b: number, c: number, d: number, e: number, f: number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const MAX_INSERT_DEPTH = 16;

function apply(m: Matrix, p: Position): Position {
  return [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
}

function compose(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [A, B, C, D, E, F] = inner;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

function xy(e: Entity, xCode: number): Position {
  return [num(e, xCode), num(e, xCode + 10)];
}

function mirrored(e: Entity): boolean {
  return num(e, 230, 1) < 0;
}

/** Vertices and bulges of an LWPOLYLINE: each 10/20 pair, with the 42 that follows it. */
function lwVertices(e: Entity): { vertices: Position[]; bulges: number[] } {
  const vertices: Position[] = [];
  const bulges: number[] = [];
  for (const g of e.groups) {
    if (g.code === 10) {
      vertices.push([Number(g.value), 0]);
      bulges.push(0);
    } else if (g.code === 20 && vertices.length) {
      const v = vertices[vertices.length - 1];
      if (v) v[1] = Number(g.value);
    } else if (g.code === 42 && bulges.length) bulges[bulges.length - 1] = Number(g.value);
  }
  return { vertices, bulges };
}

function outline(pts: Position[], closed: boolean): { kind: ShapeKind; rings: Position[][] } | null {
  const finite = pts.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (finite.length < 2) return null;
  if (closed && finite.length >= 3) {
    const first = finite[0] ?? [0, 0];
    const last = finite[finite.length - 1] ?? [0, 0];
    if (first[0] !== last[0] || first[1] !== last[1]) finite.push([first[0], first[1]]);
    return { kind: 'polygon', rings: [finite] };
  }
  return { kind: 'line', rings: [finite] };
}

/** MTEXT formatting codes (\P paragraph, \f…; font, {…} groups) reduced to plain text. */
function plainMtext(raw: string): string {
  return raw
    .replace(/\\P/g, '\n')
    .replace(/\\[ACcFfHhLlOoQTWp][^;\\{}]*;/g, '')
    .replace(/\\[LlOoKk]/g, '')
    .replace(/\\S([^;]*);/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\\(.)/g, '$1');
}

interface Shaped {
  kind: ShapeKind;
  rings: Position[][];
  text?: string;
}

/** One entity (not INSERT) in its own coordinates. `following` holds a POLYLINE's VERTEX run. */
function shapeOf(e: Entity, following: readonly Entity[]): Shaped | null {
  const c = xy(e, 10);
  switch (e.type) {
    case 'POINT':
      return { kind: 'point', rings: [[c]] };
    case 'TEXT':
    case 'ATTRIB':
      return { kind: 'point', rings: [[c]], text: str(e, 1) };
    case 'MTEXT': {
      const chunks = e.groups.filter((g) => g.code === 3).map((g) => g.value);
      return { kind: 'point', rings: [[c]], text: plainMtext([...chunks, str(e, 1)].join('')) };
    }
    case 'LINE':
      return outline([c, xy(e, 11)], false);
    case 'LWPOLYLINE': {
      const { vertices, bulges } = lwVertices(e);
      const closed = (num(e, 70) & 1) === 1;
      return outline(expandBulges(vertices, bulges, closed), closed);
    }
    case 'POLYLINE': {
      const flags = num(e, 70);
      // Polyface and polygon meshes (flags 16, 64) are surfaces, not outlines.
      if (flags & (16 | 64)) return null;
      const closed = (flags & 1) === 1;
      const vertices = following.map((v) => xy(v, 10));
      const bulges = following.map((v) => num(v, 42));
      return outline(expandBulges(vertices, bulges, closed), closed);
    }
    case 'CIRCLE': {
      const ring = arcPoints(c[0], c[1], num(e, 40), 0, 2 * Math.PI);
      ring[ring.length - 1] = ring[0] ?? c;
      return num(e, 40) > 0 ? { kind: 'polygon', rings: [ring] } : null;
    }
    case 'ARC': {
      const start = (num(e, 50) * Math.PI) / 180;
      let sweep = (num(e, 51) * Math.PI) / 180 - start;
      if (sweep <= 0) sweep += 2 * Math.PI;
      return outline(arcPoints(c[0], c[1], num(e, 40), start, sweep), false);
    }
    case 'ELLIPSE': {
      const m = xy(e, 11);
      const pts = ellipsePoints(c[0], c[1], m[0], m[1], num(e, 40, 1), num(e, 41), num(e, 42, 2 * Math.PI));
      const full = Math.abs(num(e, 42, 2 * Math.PI) - num(e, 41) - 2 * Math.PI) < 1e-9;
      return outline(pts, full);
    }
    case 'HATCH': {
      const rings = hatchRings(e);
      return rings.length ? { kind: 'polygon', rings } : null;
    }
    default:
      return null;
  }
}

export interface Blocks {
  get(name: string): { base: Position; entities: Entity[] } | undefined;
}

function insertMatrix(e: Entity, base: Position): Matrix {
  const sx = num(e, 41, 1);
  const sy = num(e, 42, 1);
  const rot = (num(e, 50) * Math.PI) / 180;
  const [ix, iy] = xy(e, 10);
  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  // p' = insertion + R(rot) * S * (p - base)
  const m: Matrix = [cos * sx, sin * sx, -sin * sy, cos * sy, 0, 0];
  const moved = apply(m, [-base[0], -base[1]]);
  return [m[0], m[1], m[2], m[3], ix + moved[0], iy + moved[1]];
}

/**
 * Walks entities (POLYLINE takes its VERTEX run up to SEQEND), expanding INSERTs through
 * `blocks`; `visit` gets each shape in drawing coordinates with the entity it came from.
 */
export function walkEntities(
  list: readonly Entity[],
  blocks: Blocks,
  visit: (shape: DxfShape, source: Entity) => void,
  unsupported: (type: string) => void,
  m: Matrix = IDENTITY,
  depth = 0,
  layerOverride: string | null = null,
): void {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!e) continue;
    const layer = (layerOverride !== null && str(e, 8) === '0' ? layerOverride : str(e, 8)) || '0';
    const local: Matrix = mirrored(e) ? compose(m, [-1, 0, 0, 1, 0, 0]) : m;
    if (e.type === 'INSERT') {
      const block = blocks.get(str(e, 2));
      if (block && depth < MAX_INSERT_DEPTH) {
        walkEntities(
          block.entities,
          blocks,
          visit,
          unsupported,
          compose(local, insertMatrix(e, block.base)),
          depth + 1,
          layer,
        );
      }
      continue;
    }
    let following: Entity[] = [];
    if (e.type === 'POLYLINE') {
      let j = i + 1;
      while (j < list.length && list[j]?.type === 'VERTEX') j++;
      following = list.slice(i + 1, j);
      i = list[j]?.type === 'SEQEND' ? j : j - 1;
    }
    if (['VERTEX', 'SEQEND', 'ATTDEF', 'VIEWPORT'].includes(e.type)) continue;
    const shape = shapeOf(e, following);
    if (!shape) {
      unsupported(e.type);
      continue;
    }
    visit(
      {
        kind: shape.kind,
        rings: shape.rings.map((r) => r.map((p) => apply(local, p))),
        layer,
        entity: e.type,
        handle: str(e, 5),
        text: shape.text ?? null,
      },
      e,
    );
  }
}
