/**
 * The two 3D Tiles 1.1 glTF extensions we write, as glTF-Transform extensions of our own
 * (write-only: the tile builder never reads glb back):
 * - EXT_mesh_features (CesiumGS/glTF, extensions/2.0/Vendor/EXT_mesh_features): per-vertex
 *   feature IDs in `_FEATURE_ID_0`, tied to a property table.
 * - EXT_structural_metadata (same repository): a schema and property tables whose columns
 *   are raw buffer views. Those views are referenced by no accessor, so they are handed to
 *   the writer as "other buffer views" of the GLB buffer before it is laid out.
 * Environment: common.
 */
import {
  Extension,
  ExtensionProperty,
  PropertyType,
  type IProperty,
  type Nullable,
  type WriterContext,
} from '@gltf-transform/core';
import { CimError } from '../../common/errors.js';

export const EXT_MESH_FEATURES = 'EXT_mesh_features';
export const EXT_STRUCTURAL_METADATA = 'EXT_structural_metadata';

interface IMeshFeatures extends IProperty {
  featureCount: number;
  attribute: number;
  propertyTable: number;
}

/** `featureIds[0]` of a primitive: `_FEATURE_ID_<attribute>` -> row of property table `propertyTable`. */
export class MeshFeatures extends ExtensionProperty<IMeshFeatures> {
  static override EXTENSION_NAME = EXT_MESH_FEATURES;
  declare extensionName: typeof EXT_MESH_FEATURES;
  declare propertyType: 'MeshFeatures';
  declare parentTypes: [PropertyType.PRIMITIVE];

  protected override init(): void {
    this.extensionName = EXT_MESH_FEATURES;
    this.propertyType = 'MeshFeatures';
    this.parentTypes = [PropertyType.PRIMITIVE];
  }

  protected override getDefaults(): Nullable<IMeshFeatures> {
    return Object.assign(super.getDefaults(), { featureCount: 0, attribute: 0, propertyTable: 0 });
  }

  setFeatureIds(featureCount: number, attribute: number, propertyTable: number): this {
    return this.set('featureCount', featureCount).set('attribute', attribute).set('propertyTable', propertyTable);
  }

  toJson(): { featureIds: { featureCount: number; attribute: number; propertyTable: number }[] } {
    return {
      featureIds: [
        {
          featureCount: this.get('featureCount'),
          attribute: this.get('attribute'),
          propertyTable: this.get('propertyTable'),
        },
      ],
    };
  }
}

export class EXTMeshFeatures extends Extension {
  static override EXTENSION_NAME = EXT_MESH_FEATURES;
  override readonly extensionName = EXT_MESH_FEATURES;

  createMeshFeatures(): MeshFeatures {
    return new MeshFeatures(this.document.getGraph());
  }

  override read(): this {
    return this;
  }

  override write(context: WriterContext): this {
    const meshDefs = context.jsonDoc.json.meshes ?? [];
    for (const mesh of this.document.getRoot().listMeshes()) {
      const meshDef = meshDefs[context.meshIndexMap.get(mesh) ?? -1];
      if (!meshDef) continue;
      mesh.listPrimitives().forEach((prim, i) => {
        const features = prim.getExtension<MeshFeatures>(EXT_MESH_FEATURES);
        const primDef = meshDef.primitives[i];
        if (!features || !primDef) return;
        primDef.extensions = { ...primDef.extensions, [EXT_MESH_FEATURES]: features.toJson() };
      });
    }
    return this;
  }
}

/** One column of a property table: its values (and string offsets) as bytes. */
export interface PropertyColumn {
  values: Uint8Array;
  stringOffsets?: Uint8Array;
}

export interface PropertyTableData {
  className: string;
  count: number;
  columns: Record<string, PropertyColumn>;
}

interface IStructuralMetadata extends IProperty {
  schema: Record<string, unknown>;
}

/** The root's EXT_structural_metadata: an embedded schema and its property tables. */
export class StructuralMetadata extends ExtensionProperty<IStructuralMetadata> {
  static override EXTENSION_NAME = EXT_STRUCTURAL_METADATA;
  declare extensionName: typeof EXT_STRUCTURAL_METADATA;
  declare propertyType: 'StructuralMetadata';
  declare parentTypes: [PropertyType.ROOT];

  protected override init(): void {
    this.extensionName = EXT_STRUCTURAL_METADATA;
    this.propertyType = 'StructuralMetadata';
    this.parentTypes = [PropertyType.ROOT];
  }

  protected override getDefaults(): Nullable<IStructuralMetadata> {
    return Object.assign(super.getDefaults(), { schema: {} });
  }

  setSchema(schema: Record<string, unknown>): this {
    return this.set('schema', schema);
  }

  getSchema(): Record<string, unknown> {
    return this.get('schema');
  }

  // Column bytes are no graph property (nothing else refers to them): a plain field.
  private readonly tables: PropertyTableData[] = [];

  addTable(table: PropertyTableData): this {
    this.tables.push(table);
    return this;
  }

  listTables(): readonly PropertyTableData[] {
    return this.tables;
  }
}

export class EXTStructuralMetadata extends Extension {
  static override EXTENSION_NAME = EXT_STRUCTURAL_METADATA;
  override readonly extensionName = EXT_STRUCTURAL_METADATA;
  override readonly prewriteTypes = [PropertyType.BUFFER];
  /** Bytes written before our columns so FLOAT64 columns start 8-byte aligned (see glb.ts). */
  leadingPadding = 0;

  createStructuralMetadata(): StructuralMetadata {
    return new StructuralMetadata(this.document.getGraph());
  }

  override read(): this {
    return this;
  }

  private metadata(): StructuralMetadata | null {
    return this.document.getRoot().getExtension<StructuralMetadata>(EXT_STRUCTURAL_METADATA);
  }

  override prewrite(context: WriterContext, propertyType: PropertyType): this {
    const metadata = this.metadata();
    const buffer = this.document.getRoot().listBuffers()[0];
    if (propertyType !== PropertyType.BUFFER || !metadata || !buffer) return this;
    const views = context.otherBufferViews.get(buffer) ?? [];
    if (this.leadingPadding > 0) views.push(new Uint8Array(this.leadingPadding));
    // Views are laid end to end; each column starts 8-byte aligned, so a short one is followed
    // by a padding view of its own (the column's view keeps its exact length).
    const push = (data: Uint8Array): void => {
      views.push(data);
      const rest = data.byteLength % 8;
      if (rest !== 0) views.push(new Uint8Array(8 - rest));
    };
    for (const table of metadata.listTables()) {
      for (const column of Object.values(table.columns)) {
        push(column.values);
        if (column.stringOffsets) push(column.stringOffsets);
      }
    }
    context.otherBufferViews.set(buffer, views);
    return this;
  }

  override write(context: WriterContext): this {
    const metadata = this.metadata();
    if (!metadata) return this;
    const view = (data: Uint8Array): number => {
      const index = context.otherBufferViewsIndexMap.get(data);
      if (index === undefined) {
        throw new CimError('internal', { message: 'EXT_structural_metadata: a column was not written' }, 'internal');
      }
      return index;
    };
    const propertyTables = metadata.listTables().map((table) => {
      const properties = Object.entries(table.columns).map(([name, column]): [string, Record<string, unknown>] => [
        name,
        column.stringOffsets
          ? { values: view(column.values), stringOffsets: view(column.stringOffsets), stringOffsetType: 'UINT32' }
          : { values: view(column.values) },
      ]);
      // `properties`, when present, holds at least one (EXT_structural_metadata propertyTable schema).
      return {
        class: table.className,
        count: table.count,
        ...(properties.length > 0 ? { properties: Object.fromEntries(properties) } : {}),
      };
    });
    const json = context.jsonDoc.json;
    json.extensions = {
      ...json.extensions,
      [EXT_STRUCTURAL_METADATA]: { schema: metadata.getSchema(), propertyTables },
    };
    return this;
  }
}
