/**
 * DXF reader (ASCII DXF, our own group-code parser): entities of the ENTITIES section with
 * INSERTs of BLOCKs expanded, as up to three layers, `points` (POINT, TEXT, MTEXT with the
 * text), `lines` and `polygons` (closed outlines and hatches, holes by containment). The
 * CAD layer, entity type and handle are fields. DXF has no CRS: the user picks one (an
 * 8-digit zone-prefixed $EXTMIN suggests its Gauss-Krüger zone). Environment: node.
 */
import fs from 'node:fs';
import type { FieldDef } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import type { Geometry, Position } from '../../store/gpkg-geometry.js';
import { suggestCrs } from '../crs/suggest.js';
import { layerNameFrom } from '../fields.js';
import { pointInRing, signedArea } from '../shapefile/rings.js';
import { surveyedLayer, type RawFeature } from '../survey.js';
import {
  decodeText,
  detectEncoding,
  encodingFromName,
  encodingLabel,
  isValidUtf8,
  overrideEncoding,
} from '../text-encoding.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile, SourceLayer } from '../types.js';
import { walkEntities, type DxfShape, type ShapeKind } from './entities.js';
import { dxfGroups, entities, sections, type Entity } from './groups.js';

const BINARY_SENTINEL = 'AutoCAD Binary DXF';

const FIELDS: FieldDef[] = [
  { name: 'layer', type: 'TEXT' },
  { name: 'entity', type: 'TEXT' },
  { name: 'handle', type: 'TEXT' },
  { name: 'text', type: 'TEXT' },
];

const KINDS: readonly { kind: ShapeKind; layer: string }[] = [
  { kind: 'point', layer: 'points' },
  { kind: 'line', layer: 'lines' },
  { kind: 'polygon', layer: 'polygons' },
];

/** Text before AutoCAD 2007 (AC1021) is in $DWGCODEPAGE (`ANSI_936`); from 2007 on, UTF-8. An ASCII-only file reads alike in all. */
function encodingOf(bytes: Buffer, options: ReadOptions, file: string): string {
  if (options.encoding) return overrideEncoding(options.encoding, file).name;
  const head = bytes.subarray(0, 64 * 1024).toString('latin1');
  const version = /\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*AC(\d{4})/.exec(head)?.[1];
  if (version && Number(version) >= 1021) return 'utf8';
  // Valid UTF-8 with non-ASCII text is UTF-8 whatever an older header says (a converter's output).
  if (isValidUtf8(bytes)) return 'utf8';
  const page = /\$DWGCODEPAGE\s*\r?\n\s*3\s*\r?\n\s*(\S+)/.exec(head)?.[1];
  return (page && encodingFromName(page.replace(/^ANSI_/i, ''))) ?? detectEncoding(bytes.subarray(0, 256 * 1024)).name;
}

/** `\U+4E2D` escapes of non-ASCII characters in DXF text. */
const unescapeUnicode = (s: string): string =>
  s.replace(/\\U\+([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Rings into polygons with holes by containment (DXF says nothing about winding). */
export function polygonsOf(rings: readonly Position[][]): Geometry | null {
  const sorted = [...rings].sort((a, b) => Math.abs(signedArea(b)) - Math.abs(signedArea(a)));
  const polys: Position[][][] = [];
  for (const ring of sorted) {
    const test = ring[0];
    if (!test) continue;
    const holder = polys.find((p) => p[0] && pointInRing(test, p[0]) && !p.slice(1).some((h) => pointInRing(test, h)));
    if (holder) holder.push(ring);
    else polys.push([ring]);
  }
  if (polys.length === 0) return null;
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0] ?? [] }
    : { type: 'MultiPolygon', coordinates: polys };
}

function geometryOf(shape: DxfShape): Geometry | null {
  const first = shape.rings[0];
  if (!first) return null;
  if (shape.kind === 'point') return first[0] ? { type: 'Point', coordinates: first[0] } : null;
  if (shape.kind === 'line') return { type: 'LineString', coordinates: first };
  return polygonsOf(shape.rings);
}

function blockTable(
  groups: ReturnType<typeof dxfGroups> | undefined,
): Map<string, { base: Position; entities: Entity[] }> {
  const out = new Map<string, { base: Position; entities: Entity[] }>();
  let current: { name: string; base: Position; entities: Entity[] } | null = null;
  for (const e of entities(groups ?? [])) {
    if (e.type === 'BLOCK') {
      const get = (code: number): string => e.groups.find((g) => g.code === code)?.value ?? '';
      current = { name: get(2), base: [Number(get(10)) || 0, Number(get(20)) || 0], entities: [] };
    } else if (e.type === 'ENDBLK') {
      if (current) out.set(current.name, { base: current.base, entities: current.entities });
      current = null;
    } else current?.entities.push(e);
  }
  return out;
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  const bytes = fs.readFileSync(file.path);
  if (bytes.subarray(0, BINARY_SENTINEL.length).toString('latin1') === BINARY_SENTINEL) {
    throw importError('dxf_binary', { file: file.fileName });
  }
  const encoding = encodingOf(bytes, options, file.fileName);
  const groups = dxfGroups(decodeText(bytes, encoding), file.fileName);
  const secs = sections(groups);
  const entitySection = secs.get('ENTITIES');
  if (!entitySection) throw importError('dxf_no_entities', { file: file.fileName });
  const blocks = blockTable(secs.get('BLOCKS'));
  const byKind = new Map<ShapeKind, RawFeature[]>(KINDS.map((k) => [k.kind, []]));
  const unsupported = new Set<string>();
  walkEntities(
    entities(entitySection),
    blocks,
    (shape, source) => {
      const list = byKind.get(shape.kind);
      if (!list) return;
      const geometry = geometryOf(shape);
      list.push({
        record: source.index,
        geometry,
        values: [
          unescapeUnicode(shape.layer),
          shape.entity,
          shape.handle,
          shape.text === null ? null : unescapeUnicode(shape.text),
        ],
        skipped: geometry ? undefined : 'empty_geometry',
      });
    },
    (type) => unsupported.add(type),
  );
  const extent = extentOf([...byKind.values()].flat());
  const suggested = extent ? suggestCrs({ min: extent[0], max: extent[2] }, { min: extent[1], max: extent[3] }) : null;
  const base = layerNameFrom(file.fileName);
  const layers: SourceLayer[] = [];
  for (const { kind, layer } of KINDS) {
    const list = byKind.get(kind) ?? [];
    if (list.length === 0) continue;
    // One feature per record number in each layer: INSERTs repeat their entity's number.
    const numbered = list.map((f, i) => ({ ...f, record: i + 1 }));
    layers.push(
      surveyedLayer(
        file.fileName,
        {
          sourceLayer: layer,
          suggestedName: `${base}_${layer}`,
          fields: FIELDS,
          crs: options.crs ?? null,
          suggestedCrs: suggested,
          encoding: encodingLabel(encoding),
          warnings: unsupported.size ? ['dxf_unsupported_entities'] : [],
        },
        () => numbered,
      ),
    );
  }
  if (layers.length === 0) throw importError('no_layers', { file: file.fileName });
  return Promise.resolve({ format: 'dxf' as const, layers, close: () => undefined });
}

function extentOf(features: readonly RawFeature[]): [number, number, number, number] | null {
  let e: [number, number, number, number] | null = null;
  const visit = (p: Position): void => {
    e = e
      ? [Math.min(e[0], p[0]), Math.min(e[1], p[1]), Math.max(e[2], p[0]), Math.max(e[3], p[1])]
      : [p[0], p[1], p[0], p[1]];
  };
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'Point') visit(g.coordinates);
    else if (g.type === 'LineString' || g.type === 'MultiPoint') g.coordinates.forEach(visit);
    else if (g.type === 'Polygon' || g.type === 'MultiLineString') g.coordinates.forEach((r) => r.forEach(visit));
    else g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  }
  return e;
}

export const dxfReader: FormatReader = { format: 'dxf', extensions: ['.dxf'], open };
