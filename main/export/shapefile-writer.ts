/**
 * Writes an ESRI Shapefile (.shp, .shx, .dbf, .prj in ESRI WKT, .cpg) from features already
 * in the target CRS: one shape type per file (ESRI Shapefile Technical Description, 1998),
 * polygon rings re-wound (outer clockwise, holes counter-clockwise), null shapes for
 * features without geometry. Two passes over the features: column widths, then records.
 * Environment: node.
 */
import fs from 'node:fs';
import type { FieldDef, GeometryType } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { Geometry, Position } from '../store/gpkg-geometry.js';
import { signedArea } from '../import/shapefile/rings.js';
import { dbfCell, dbfColumns, type DbfColumn } from './dbf-fields.js';

interface ShapefileFeature {
  geometry: Geometry | null;
  values: readonly unknown[];
}

export interface ShapefileSpec {
  /** Path without extension: `<base>.shp`, `.shx`, … are written. */
  base: string;
  layer: string;
  geometryType: GeometryType;
  fields: readonly FieldDef[];
  /** iconv-lite name: utf8 or gbk. */
  encoding: string;
  /** The .cpg text (`UTF-8`, `GBK`). */
  cpg: string;
  prj: string;
  features: () => Iterable<ShapefileFeature>;
}

const SHAPE_TYPE: Partial<Record<GeometryType, number>> = {
  POINT: 1,
  MULTIPOINT: 8,
  LINESTRING: 3,
  MULTILINESTRING: 3,
  POLYGON: 5,
  MULTIPOLYGON: 5,
};

type Box = [number, number, number, number];

function boxOf(points: readonly Position[], box: Box = [Infinity, Infinity, -Infinity, -Infinity]): Box {
  for (const p of points) {
    box[0] = Math.min(box[0], p[0]);
    box[1] = Math.min(box[1], p[1]);
    box[2] = Math.max(box[2], p[0]);
    box[3] = Math.max(box[3], p[1]);
  }
  return box;
}

/** Rings wound as the format wants: outer clockwise (negative shoelace area), holes counter-clockwise. */
function wound(ring: Position[], outer: boolean): Position[] {
  const a = signedArea(ring);
  return (outer ? a > 0 : a < 0) ? [...ring].reverse() : ring;
}

function partsOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'MultiPoint':
      return [g.coordinates];
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates.map((r, i) => wound(r, i === 0));
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p.map((r, i) => wound(r, i === 0)));
  }
}

/** A record's content (shape type onwards). */
function shapeContent(g: Geometry | null, shapeType: number): Buffer {
  if (!g) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(0, 0);
    return b;
  }
  const parts = partsOf(g);
  if (shapeType === 1) {
    const p = parts[0]?.[0] ?? [0, 0];
    const b = Buffer.alloc(20);
    b.writeInt32LE(1, 0);
    b.writeDoubleLE(p[0], 4);
    b.writeDoubleLE(p[1], 12);
    return b;
  }
  const points = parts.flat();
  const box = boxOf(points);
  if (shapeType === 8) {
    const b = Buffer.alloc(40 + points.length * 16);
    b.writeInt32LE(8, 0);
    box.forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
    b.writeInt32LE(points.length, 36);
    points.forEach((p, i) => {
      b.writeDoubleLE(p[0], 40 + i * 16);
      b.writeDoubleLE(p[1], 48 + i * 16);
    });
    return b;
  }
  const b = Buffer.alloc(44 + parts.length * 4 + points.length * 16);
  b.writeInt32LE(shapeType, 0);
  box.forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
  b.writeInt32LE(parts.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((part, i) => {
    b.writeInt32LE(start, 44 + i * 4);
    start += part.length;
  });
  const at = 44 + parts.length * 4;
  points.forEach((p, i) => {
    b.writeDoubleLE(p[0], at + i * 16);
    b.writeDoubleLE(p[1], at + i * 16 + 8);
  });
  return b;
}

function mainHeader(shapeType: number, fileBytes: number, box: Box): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  const finite = box[0] !== Infinity ? box : [0, 0, 0, 0];
  finite.forEach((v, i) => h.writeDoubleLE(v, 36 + i * 8));
  return h;
}

function dbfHeader(columns: readonly DbfColumn[], records: number, now: Date): Buffer {
  const recordBytes = 1 + columns.reduce((s, c) => s + c.length, 0);
  const headerBytes = 32 + columns.length * 32 + 1;
  const h = Buffer.alloc(headerBytes);
  h[0] = 0x03;
  h[1] = now.getUTCFullYear() - 1900;
  h[2] = now.getUTCMonth() + 1;
  h[3] = now.getUTCDate();
  h.writeUInt32LE(records, 4);
  h.writeUInt16LE(headerBytes, 8);
  h.writeUInt16LE(recordBytes, 10);
  columns.forEach((c, i) => {
    const at = 32 + i * 32;
    c.nameBytes.copy(h, at, 0, 10);
    h.write(c.type, at + 11, 'latin1');
    h[at + 16] = c.length;
    h[at + 17] = c.decimals;
  });
  h[headerBytes - 1] = 0x0d;
  return h;
}

/** Writes the five files; returns the number of records. */
export function writeShapefile(spec: ShapefileSpec, now: Date): number {
  const shapeType = SHAPE_TYPE[spec.geometryType];
  if (shapeType === undefined) {
    throw new CimError('export.mixed_geometry', { layer: spec.layer, geometryType: spec.geometryType });
  }
  const columns = dbfColumns(
    spec.fields,
    spec.encoding,
    (function* () {
      for (const f of spec.features()) yield f.values;
    })(),
  );
  const shp = fs.openSync(`${spec.base}.shp`, 'w');
  const shx = fs.openSync(`${spec.base}.shx`, 'w');
  const dbf = fs.openSync(`${spec.base}.dbf`, 'w');
  try {
    let offset = 100;
    let count = 0;
    const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
    fs.writeSync(shp, Buffer.alloc(100));
    fs.writeSync(shx, Buffer.alloc(100));
    fs.writeSync(dbf, dbfHeader(columns, 0, now));
    for (const f of spec.features()) {
      count++;
      const content = shapeContent(f.geometry, shapeType);
      if (f.geometry) boxOf(partsOf(f.geometry).flat(), box);
      const head = Buffer.alloc(8);
      head.writeInt32BE(count, 0);
      head.writeInt32BE(content.length / 2, 4);
      fs.writeSync(shp, Buffer.concat([head, content]));
      const index = Buffer.alloc(8);
      index.writeInt32BE(offset / 2, 0);
      index.writeInt32BE(content.length / 2, 4);
      fs.writeSync(shx, index);
      offset += 8 + content.length;
      const cells = columns.map((c, i) => dbfCell(f.values[i], c, spec.encoding));
      fs.writeSync(dbf, Buffer.concat([Buffer.from([0x20]), ...cells]));
    }
    fs.writeSync(dbf, Buffer.from([0x1a]));
    fs.writeSync(shp, mainHeader(shapeType, offset, box), 0, 100, 0);
    fs.writeSync(shx, mainHeader(shapeType, 100 + count * 8, box), 0, 100, 0);
    fs.writeSync(dbf, dbfHeader(columns, count, now), 0, undefined, 0);
    fs.writeFileSync(`${spec.base}.prj`, spec.prj);
    fs.writeFileSync(`${spec.base}.cpg`, spec.cpg);
    return count;
  } finally {
    fs.closeSync(shp);
    fs.closeSync(shx);
    fs.closeSync(dbf);
  }
}
