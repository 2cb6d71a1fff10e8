/**
 * A glTF / GLB model placed on the globe: validated with the Khronos glTF-Validator (any
 * error refuses it, the first ones listed), a .gltf with external buffers and images packed
 * into one GLB with glTF-Transform, and a one-tile 3D Tiles 1.1 tileset whose root
 * `transform` is east-north-up at the given point, turned by the heading and scaled.
 * Environment: node.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NodeIO, getBounds } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import type { BBoxLonLat, TiledPreview } from '../../../common/contract/index.js';
import { CimError, importError } from '../../../common/errors.js';
import { placementMatrix, volumeBoundsDeg, type Placement } from '../../../tiles/geo/placement.js';
import { layerNameFrom } from '../fields.js';
import type { FormatReader, OpenedSource, SourceLayer } from '../types.js';

interface ValidationReport {
  issues: { numErrors: number; messages: { code: string; message: string; severity: number; pointer?: string }[] };
}
interface Validator {
  validateBytes(data: Uint8Array, options?: Record<string, unknown>): Promise<ValidationReport>;
}

/** Models larger than this are city models, not one placed building: tile them instead. */
const MAX_MODEL_BYTES = 256 * 1024 * 1024;
const ERRORS_LISTED = 5;

function validator(): Validator {
  return createRequire(import.meta.url)('gltf-validator') as Validator;
}

async function validate(file: string, fileName: string, bytes: Uint8Array): Promise<void> {
  let report: ValidationReport;
  try {
    report = await validator().validateBytes(bytes, {
      uri: fileName,
      maxIssues: 50,
      externalResourceFunction: (uri: string) =>
        fs.promises.readFile(path.resolve(path.dirname(file), decodeURIComponent(uri))).then((b) => new Uint8Array(b)),
    });
  } catch (err) {
    throw importError('gltf_invalid', { file: fileName, errors: String(err) });
  }
  if (report.issues.numErrors > 0) {
    const errors = report.issues.messages
      .filter((m) => m.severity === 0)
      .slice(0, ERRORS_LISTED)
      .map((m) => `${m.code}${m.pointer ? ` at ${m.pointer}` : ''}: ${m.message}`)
      .join('; ');
    throw importError('gltf_invalid', { file: fileName, errors });
  }
}

/** The model as one GLB (a .glb as it is), and its box in tile coordinates (z up). */
async function packed(file: string, fileName: string): Promise<{ glb: Uint8Array; box: number[] }> {
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS);
  try {
    const doc = await io.read(file);
    const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
    if (!scene) throw new Error('no scene');
    const { min, max } = getBounds(scene);
    if (![...min, ...max].every(Number.isFinite)) throw new Error('no geometry with positions');
    // glTF is y-up; 3D Tiles turns (x, y, z) into (x, -z, y) before the tile transform.
    const lo = [min[0], -max[2], min[1]];
    const hi = [max[0], -min[2], max[1]];
    const c = [0, 1, 2].map((k) => ((lo[k] ?? 0) + (hi[k] ?? 0)) / 2);
    const h = [0, 1, 2].map((k) => Math.max(((hi[k] ?? 0) - (lo[k] ?? 0)) / 2, 0.01));
    const box = [...c, h[0] ?? 0, 0, 0, 0, h[1] ?? 0, 0, 0, 0, h[2] ?? 0];
    const glb = file.toLowerCase().endsWith('.glb') ? new Uint8Array(fs.readFileSync(file)) : await io.writeBinary(doc);
    return { glb, box };
  } catch (err) {
    if (err instanceof CimError) throw err;
    throw importError('gltf_invalid', { file: fileName, errors: err instanceof Error ? err.message : String(err) });
  }
}

function ringOf(b: BBoxLonLat): [number, number][] {
  const [w, s, e, n] = b;
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

export const gltfReader: FormatReader = {
  format: 'gltf',
  extensions: ['.glb', '.gltf'],
  async open(file, options): Promise<OpenedSource> {
    if (fs.statSync(file.path).size > MAX_MODEL_BYTES) {
      throw importError('gltf_invalid', { file: file.fileName, errors: 'larger than 256 MB' });
    }
    await validate(file.path, file.fileName, new Uint8Array(fs.readFileSync(file.path)));
    const model = await packed(file.path, file.fileName);
    const boundsAt = (p: Placement | undefined): BBoxLonLat | null =>
      p ? volumeBoundsDeg({ box: model.box }, placementMatrix(p)) : null;
    const bbox = boundsAt(options.placement);
    const preview: TiledPreview = { kind: 'tiles3d', crsName: null, needsPlacement: true };
    const layer: SourceLayer = {
      sourceLayer: file.fileName,
      suggestedName: layerNameFrom(file.fileName),
      geometryType: 'POLYGON',
      featureCount: 1,
      fields: [],
      bbox,
      crs: 'EPSG:4979',
      crsKnown: true,
      suggestedCrs: null,
      encoding: null,
      warnings: [],
      sample: [],
      skipped: [],
      *features() {
        if (bbox) yield { geometry: { type: 'Polygon', coordinates: [ringOf(bbox)] }, values: [] };
      },
    };
    return {
      format: 'gltf',
      layers: [layer],
      close: () => undefined,
      tiled: {
        kindFor: () => 'tiles3d',
        sourceCrs: 'EPSG:4979',
        preview,
        // eslint-disable-next-line @typescript-eslint/require-await -- two small files
        async build(dir, ctx) {
          const p = ctx.options.placement;
          const placed = boundsAt(p);
          if (!p || !placed) throw importError('placement_required', { file: file.fileName });
          const [, , , hx = 0, , , , hy = 0, , , , hz = 0] = model.box;
          // One tile: refined by nothing, so its geometric error is 0; the tileset's is its size.
          const sizeM = 2 * Math.hypot(hx, hy, hz) * p.scale;
          const tileset = {
            asset: { version: '1.1', generator: 'CIM Workstation (placed model)' },
            geometricError: sizeM,
            root: {
              transform: placementMatrix(p),
              boundingVolume: { box: model.box },
              geometricError: 0,
              refine: 'REPLACE',
              content: { uri: 'model.glb' },
            },
          };
          const json = JSON.stringify(tileset);
          fs.writeFileSync(path.join(dir, 'model.glb'), model.glb);
          fs.writeFileSync(path.join(dir, 'tileset.json'), json);
          return {
            kind: 'tiles3d',
            root: 'tileset.json',
            bbox: placed,
            count: 1,
            tilesWritten: 1,
            bytes: model.glb.length + Buffer.byteLength(json),
            featureCount: 1,
            geometryType: 'GEOMETRY',
            fields: [],
            warnings: [],
            sourceCrs: 'EPSG:4979',
            sourceFile: file.fileName,
          };
        },
      },
    };
  },
};
