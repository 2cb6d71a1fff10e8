/**
 * Helpers for the tile tests: GeoTIFFs made with GDAL from ASCII grids (so GDAL, not our
 * code, decides what the file says), GDAL look-ups, a quiet build control, and a small
 * GLB reader for checking what the 3D Tiles builder wrote.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BuildControl } from '../../../tiles/jobs/control.js';

export const control: BuildControl = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

export interface Grid {
  cols: number;
  rows: number;
  /** Lower-left corner and cell size in the CRS (metres). */
  xll: number;
  yll: number;
  cell: number;
  value: (col: number, row: number) => number;
  nodata?: number;
}

function writeAsc(file: string, g: Grid): void {
  const lines = [
    `ncols ${String(g.cols)}`,
    `nrows ${String(g.rows)}`,
    `xllcorner ${String(g.xll)}`,
    `yllcorner ${String(g.yll)}`,
    `cellsize ${String(g.cell)}`,
  ];
  if (g.nodata !== undefined) lines.push(`NODATA_value ${String(g.nodata)}`);
  for (let r = 0; r < g.rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < g.cols; c++) row.push(String(g.value(c, r)));
    lines.push(row.join(' '));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** A one-band GeoTIFF via `gdal_translate` (Float32 by default; `srs` '' for none). */
export function makeDem(file: string, g: Grid, srs = 'EPSG:4526', type = 'Float32'): string {
  const asc = file.replace(/\.tif$/, '.asc');
  writeAsc(asc, g);
  const srsArgs = srs === '' ? [] : ['-a_srs', srs];
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', '-ot', type, ...srsArgs, asc, file]);
  return file;
}

/** A multi-band GeoTIFF: one grid per band, stacked with gdalbuildvrt -separate. */
export function makeOrtho(
  file: string,
  g: Grid,
  bands: ((c: number, r: number) => number)[],
  type = 'Byte',
  extra: string[] = [],
): string {
  const ascs = bands.map((value, b) => {
    const asc = file.replace(/\.tif$/, `.b${String(b)}.asc`);
    writeAsc(asc, { ...g, value });
    return asc;
  });
  const vrt = file.replace(/\.tif$/, '.vrt');
  execFileSync('gdalbuildvrt', ['-q', '-separate', vrt, ...ascs]);
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', '-ot', type, '-a_srs', 'EPSG:4526', ...extra, vrt, file]);
  return file;
}

/** `gdallocationinfo -wgs84`: nearest pixel (col, row) and band values at each lon/lat. */
export function gdalAtLonLat(
  file: string,
  points: readonly (readonly [number, number])[],
): { col: number; row: number; values: number[] }[] {
  const out = execFileSync('gdallocationinfo', ['-wgs84', file], {
    input: points.map(([lon, lat]) => `${lon.toFixed(10)} ${lat.toFixed(10)}`).join('\n') + '\n',
  }).toString();
  return out
    .split('Report:')
    .slice(1)
    .map((block) => {
      const loc = /Location: \((\d+)P,(\d+)L\)/.exec(block);
      const values = [...block.matchAll(/Value: (\S+)/g)].map((m) => Number(m[1]));
      return { col: Number(loc?.[1]), row: Number(loc?.[2]), values };
    });
}

/** `gdallocationinfo -valonly` at pixel (col, row) positions: the values of `band` (1-based). */
export function gdalAtPixels(file: string, pixels: readonly (readonly [number, number])[], band = 1): number[] {
  const out = execFileSync('gdallocationinfo', ['-valonly', '-b', String(band), file], {
    input: pixels.map(([c, r]) => `${String(c)} ${String(r)}`).join('\n') + '\n',
  }).toString();
  return out.trimEnd().split('\n').map(Number);
}

/** `gdaltransform` (lon/lat -> EPSG:4526 by default): GDAL's answer to where a point lies. */
export function gdalProject(
  points: readonly (readonly [number, number])[],
  to = 'EPSG:4526',
  from = 'EPSG:4326',
): [number, number][] {
  const out = execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', to, '-output_xy'], {
    input: points.map(([lon, lat]) => `${lon.toFixed(10)} ${lat.toFixed(10)}`).join('\n') + '\n',
  }).toString();
  return out
    .trim()
    .split('\n')
    .map((l) => {
      const [x, y] = l.trim().split(/\s+/).map(Number);
      return [x ?? NaN, y ?? NaN];
    });
}

export function readF32(file: string): Float32Array {
  const buf = fs.readFileSync(file);
  const out = new Float32Array(buf.length / 4);
  for (let k = 0; k < out.length; k++) out[k] = buf.readFloatLE(k * 4);
  return out;
}

export function listFiles(dir: string, ext: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(ext)) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

// ---------- GLB reading (glTF 2.0 §4.4) ----------

export interface GltfJson {
  accessors: {
    bufferView: number;
    byteOffset?: number;
    componentType: number;
    count: number;
    type: string;
    min?: number[];
    max?: number[];
  }[];
  bufferViews: { byteOffset?: number; byteLength: number; byteStride?: number }[];
  meshes: {
    primitives: { attributes: Record<string, number>; indices: number; extensions?: Record<string, unknown> }[];
  }[];
  extensions?: Record<string, unknown>;
  extensionsUsed?: string[];
}

export function readGlb(bytes: Uint8Array): { json: GltfJson; bin: DataView } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))) as GltfJson;
  const binStart = 20 + jsonLength;
  const binLength = view.getUint32(binStart, true);
  return { json, bin: new DataView(bytes.buffer, bytes.byteOffset + binStart + 8, binLength) };
}

const COMPONENT: Record<number, [number, (v: DataView, o: number) => number]> = {
  5121: [1, (v, o) => v.getUint8(o)],
  5123: [2, (v, o) => v.getUint16(o, true)],
  5125: [4, (v, o) => v.getUint32(o, true)],
  5126: [4, (v, o) => v.getFloat32(o, true)],
};
const WIDTH: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 };

export function accessorValues(glb: { json: GltfJson; bin: DataView }, index: number): number[][] {
  const a = glb.json.accessors[index]!;
  const bv = glb.json.bufferViews[a.bufferView]!;
  const [size, read] = COMPONENT[a.componentType]!;
  const width = WIDTH[a.type]!;
  const stride = bv.byteStride ?? size * width;
  const out: number[][] = [];
  for (let i = 0; i < a.count; i++) {
    const base = (bv.byteOffset ?? 0) + (a.byteOffset ?? 0) + i * stride;
    out.push(Array.from({ length: width }, (_, k) => read(glb.bin, base + k * size)));
  }
  return out;
}

interface MetadataJson {
  schema: {
    classes: Record<
      string,
      { properties: Record<string, { type: string; componentType?: string; array?: boolean; required?: boolean }> }
    >;
  };
  propertyTables?: {
    class: string;
    count: number;
    properties?: Record<string, { values: number; stringOffsets?: number; stringOffsetType?: string }>;
  }[];
}

const COMPONENT_BYTES: Record<string, number> = {
  INT8: 1,
  UINT8: 1,
  INT16: 2,
  UINT16: 2,
  INT32: 4,
  UINT32: 4,
  FLOAT32: 4,
  INT64: 8,
  UINT64: 8,
  FLOAT64: 8,
};

/**
 * The binary rules of EXT_structural_metadata property tables that gltf-validator does not
 * check (it does not know the extension), as CesiumGS 3d-tiles-validator 0.6.1 checks them
 * (BinaryPropertyTableValidator): every property is in the class; a `values` view starts
 * aligned to its component size and is exactly count x size bytes (ceil(count / 8) for
 * BOOLEAN); a string property's `stringOffsets` view is aligned, exactly (count + 1) x its
 * offset size, ascending, and its `values` view is exactly as long as the last offset says
 * (METADATA_INVALID_LENGTH otherwise: padding belongs between views, not inside); required
 * properties are present; every view lies inside the binary chunk. Scalars and strings only
 * (what our tiles write); arrays are reported as unchecked. Returns the problems found.
 */
export function propertyTableProblems(glb: { json: GltfJson; bin: DataView }): string[] {
  const meta = glb.json.extensions?.EXT_structural_metadata as MetadataJson | undefined;
  if (!meta) return [];
  const problems: string[] = [];
  const views = glb.json.bufferViews;
  (meta.propertyTables ?? []).forEach((table, t) => {
    const cls = meta.schema.classes[table.class];
    if (!cls) {
      problems.push(`table ${String(t)}: class ${table.class} not in the schema`);
      return;
    }
    const props = table.properties ?? {};
    for (const [id, def] of Object.entries(cls.properties))
      if (def.required && !props[id]) problems.push(`table ${String(t)} ${id}: required property missing`);
    for (const [id, p] of Object.entries(props)) {
      const at = `table ${String(t)} ${id}`;
      const def = cls.properties[id];
      if (!def) {
        problems.push(`${at}: not a property of class ${table.class}`);
        continue;
      }
      if (def.array) {
        problems.push(`${at}: array properties are not checked here`);
        continue;
      }
      const view = (index: number | undefined, what: string): { byteOffset: number; byteLength: number } | null => {
        const v = index === undefined ? undefined : views[index];
        if (!v) {
          problems.push(`${at}: ${what} view ${String(index)} missing`);
          return null;
        }
        const byteOffset = v.byteOffset ?? 0;
        if (byteOffset + v.byteLength > glb.bin.byteLength) problems.push(`${at}: ${what} view past the buffer`);
        return { byteOffset, byteLength: v.byteLength };
      };
      const values = view(p.values, 'values');
      if (!values) continue;
      if (def.type === 'STRING') {
        const size = COMPONENT_BYTES[p.stringOffsetType ?? 'UINT32'] ?? 4;
        const offsets = view(p.stringOffsets, 'stringOffsets');
        if (!offsets) continue;
        if (offsets.byteOffset % size !== 0) problems.push(`METADATA_INVALID_ALIGNMENT ${at}: stringOffsets`);
        if (offsets.byteLength !== (table.count + 1) * size) {
          problems.push(
            `METADATA_INVALID_LENGTH ${at}: stringOffsets ${String(offsets.byteLength)} bytes, not ${String((table.count + 1) * size)}`,
          );
          continue;
        }
        if (size !== 4) {
          problems.push(`${at}: stringOffsetType ${String(p.stringOffsetType)} not checked here`);
          continue;
        }
        let last = 0;
        for (let i = 0; i <= table.count; i++) {
          const o = glb.bin.getUint32(offsets.byteOffset + i * 4, true);
          if (o < last) problems.push(`METADATA_INVALID_OFFSETS ${at}: offset ${String(i)} descends`);
          last = o;
        }
        if (values.byteLength !== last) {
          problems.push(
            `METADATA_INVALID_LENGTH ${at}: values ${String(values.byteLength)} bytes, last string offset ${String(last)}`,
          );
        }
        continue;
      }
      const size = def.type === 'BOOLEAN' ? 1 : COMPONENT_BYTES[def.componentType ?? ''];
      const components = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 }[def.type] ?? (def.type === 'BOOLEAN' ? 1 : 0);
      if (size === undefined || components === 0) {
        problems.push(`${at}: type ${def.type} ${String(def.componentType)} not checked here`);
        continue;
      }
      if (size > 1 && values.byteOffset % size !== 0) problems.push(`METADATA_INVALID_ALIGNMENT ${at}: values`);
      const expected = def.type === 'BOOLEAN' ? Math.ceil(table.count / 8) : table.count * components * size;
      if (values.byteLength !== expected) {
        problems.push(
          `METADATA_INVALID_LENGTH ${at}: values ${String(values.byteLength)} bytes, not ${String(expected)}`,
        );
      }
    }
  });
  return problems;
}

/**
 * A property-table column decoded: STRING by its offsets, numbers by component type. A
 * property left out of the table (a string column of empty strings) reads as noData ("").
 */
export function propertyColumn(glb: { json: GltfJson; bin: DataView }, name: string): (string | number)[] {
  const meta = glb.json.extensions?.EXT_structural_metadata as {
    schema: { classes: Record<string, { properties: Record<string, { type: string; componentType?: string }> }> };
    propertyTables: {
      class: string;
      count: number;
      properties?: Record<string, { values: number; stringOffsets?: number }>;
    }[];
  };
  const table = meta.propertyTables[0]!;
  const def = meta.schema.classes[table.class]!.properties[name]!;
  const col = table.properties?.[name];
  if (!col) {
    if (def.type !== 'STRING') throw new Error(`property ${name} missing from the table`);
    return Array.from({ length: table.count }, () => '');
  }
  const at = (view: number): number => glb.json.bufferViews[view]!.byteOffset ?? 0;
  const out: (string | number)[] = [];
  for (let i = 0; i < table.count; i++) {
    if (def.type === 'STRING') {
      const o = at(col.stringOffsets!);
      const s = glb.bin.getUint32(o + i * 4, true);
      const e = glb.bin.getUint32(o + (i + 1) * 4, true);
      const bytes = new Uint8Array(glb.bin.buffer, glb.bin.byteOffset + at(col.values) + s, e - s);
      out.push(new TextDecoder().decode(bytes));
    } else if (def.componentType === 'UINT8') out.push(glb.bin.getUint8(at(col.values) + i));
    else if (def.componentType === 'INT32') out.push(glb.bin.getInt32(at(col.values) + i * 4, true));
    else out.push(glb.bin.getFloat64(at(col.values) + i * 8, true));
  }
  return out;
}
