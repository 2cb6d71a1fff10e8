/**
 * One tile's glb: a single mesh of building prisms with `_FEATURE_ID_0` (EXT_mesh_features)
 * and the tile's property table (EXT_structural_metadata, schema embedded), a neutral
 * default material (the renderer colours by property), written with glTF-Transform.
 * Environment: common.
 */
import { Document, NodeIO, type Accessor } from '@gltf-transform/core';
import {
  EXT_MESH_FEATURES,
  EXT_STRUCTURAL_METADATA,
  EXTMeshFeatures,
  EXTStructuralMetadata,
  type PropertyColumn,
} from './gltf-extensions.js';
import type { MeshBuilder } from './prism.js';
import { CLASS_NAME, encodeColumn, schemaFor, type ColumnSpec } from './property-table.js';

export interface TileContent {
  mesh: MeshBuilder;
  featureCount: number;
  columns: readonly ColumnSpec[];
  /** One array per column, `featureCount` values each. */
  values: readonly (readonly unknown[])[];
}

function buildDocument(content: TileContent, leadingPadding: number): { doc: Document; io: NodeIO } {
  const doc = new Document();
  const meshFeatures = doc.createExtension(EXTMeshFeatures);
  const metadataExt = doc.createExtension(EXTStructuralMetadata);
  metadataExt.leadingPadding = leadingPadding;
  const buffer = doc.createBuffer();
  const { mesh } = content;
  const vertexCount = mesh.featureIds.length;
  const accessor = (type: 'VEC3' | 'SCALAR', array: Float32Array | Uint16Array | Uint32Array): Accessor =>
    doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const ids = content.featureCount <= 65535 ? new Uint16Array(mesh.featureIds) : new Float32Array(mesh.featureIds);
  const prim = doc
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', new Float32Array(mesh.positions)))
    .setAttribute('NORMAL', accessor('VEC3', new Float32Array(mesh.normals)))
    .setAttribute('_FEATURE_ID_0', accessor('SCALAR', ids))
    .setIndices(accessor('SCALAR', vertexCount > 65535 ? new Uint32Array(mesh.indices) : new Uint16Array(mesh.indices)))
    .setMaterial(
      doc
        .createMaterial('building')
        .setBaseColorFactor([0.92, 0.92, 0.9, 1])
        .setMetallicFactor(0)
        .setRoughnessFactor(0.9),
    );
  prim.setExtension(EXT_MESH_FEATURES, meshFeatures.createMeshFeatures().setFeatureIds(content.featureCount, 0, 0));
  const columns: Record<string, PropertyColumn> = {};
  content.columns.forEach((spec, i) => {
    const column = encodeColumn(spec, content.values[i] ?? []);
    if (column) columns[spec.name] = column;
  });
  doc
    .getRoot()
    .setExtension(
      EXT_STRUCTURAL_METADATA,
      metadataExt
        .createStructuralMetadata()
        .setSchema(schemaFor(content.columns))
        .addTable({ className: CLASS_NAME, count: content.featureCount, columns }),
    );
  const node = doc.createNode('buildings').setMesh(doc.createMesh('buildings').addPrimitive(prim));
  doc.createScene('tile').addChild(node);
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0] ?? null);
  const io = new NodeIO().registerExtensions([EXTMeshFeatures, EXTStructuralMetadata]);
  return { doc, io };
}

/** The glb's JSON chunk (GLB 2.0 §4.4: 12-byte header, then JSON chunk length, type, data). */
function glbJson(glb: Uint8Array): Record<string, unknown> {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const length = view.getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + length))) as Record<string, unknown>;
}

interface BufferViewDef {
  byteOffset?: number;
}

/** Whether every property column starts at a multiple of 8 bytes (FLOAT64 needs it). */
function columnsAligned(glb: Uint8Array): boolean {
  const json = glbJson(glb) as {
    bufferViews?: BufferViewDef[];
    extensions?: Record<string, { propertyTables?: { properties: Record<string, { values: number }> }[] }>;
  };
  const tables = json.extensions?.[EXT_STRUCTURAL_METADATA]?.propertyTables ?? [];
  return tables.every((t) =>
    Object.values(t.properties).every((p) => (json.bufferViews?.[p.values]?.byteOffset ?? 0) % 8 === 0),
  );
}

export async function writeTileGlb(content: TileContent): Promise<Uint8Array> {
  // glTF-Transform lays accessors out 4-byte aligned; when they end off an 8-byte boundary
  // our columns would start misaligned, so write once more with 4 bytes of padding first.
  for (const padding of [0, 4]) {
    const { doc, io } = buildDocument(content, padding);
    const glb = await io.writeBinary(doc);
    if (columnsAligned(glb)) return glb;
  }
  const { doc, io } = buildDocument(content, 0);
  return io.writeBinary(doc);
}
