/**
 * An existing 3D Tiles tileset, registered in place: nothing is copied; the tile server
 * serves its folder under `ext/<layer>/` (main/api/external-tiles.ts). A tileset in local
 * coordinates (a sample at the Earth's centre) needs a placement: a one-tile wrapper in the
 * tiles folder carries the east-north-up transform and points at the tileset as external
 * content. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BBoxLonLat, TiledPreview } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import { addTiledLayer } from '../../store/catalog.js';
import { IDENTITY, multiply, placementMatrix, volumeBoundsDeg, type Placement } from '../../../tiles/geo/placement.js';
import { layerNameFrom } from '../fields.js';
import type { FormatReader, OpenedSource, SourceLayer, TiledBuildContext } from '../types.js';
import { validateTileset, type TilesetFacts } from './validate.js';

/** tileset.json files are small; a larger one is not a tileset we should parse whole. */
const MAX_TILESET_BYTES = 64 * 1024 * 1024;

export const EXTERNAL_PREFIX = 'ext';

function bboxRing(b: BBoxLonLat): [number, number][] {
  const [w, s, e, n] = b;
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

function boundsFor(facts: TilesetFacts, placement: Placement | undefined): BBoxLonLat | null {
  const own = volumeBoundsDeg(facts.rootVolume, facts.rootTransform ?? IDENTITY);
  if (own) return own;
  if (!placement) return null;
  const m = placementMatrix(placement);
  return volumeBoundsDeg(facts.rootVolume, facts.rootTransform ? multiply(m, facts.rootTransform) : m);
}

export const tilesetReader: FormatReader = {
  format: 'tiles3d',
  extensions: ['.json'],
  // eslint-disable-next-line @typescript-eslint/require-await -- the registry's readers are async
  async open(file, options): Promise<OpenedSource> {
    const size = fs.statSync(file.path).size;
    if (size > MAX_TILESET_BYTES)
      throw importError('tileset_invalid', { file: file.fileName, problem: 'larger than 64 MB' });
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file.path, 'utf8'));
    } catch (err) {
      throw importError('bad_json', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
    }
    const dir = fs.realpathSync(path.dirname(file.path));
    const rootFile = path.basename(file.path);
    const facts = validateTileset(file.fileName, json, dir);
    const onGlobe = volumeBoundsDeg(facts.rootVolume, facts.rootTransform ?? IDENTITY) !== null;
    const placement = options.placement;
    const bbox = boundsFor(facts, placement);
    const warnings = facts.missingContent > 0 ? ['tileset_missing_content'] : [];
    const preview: TiledPreview = { kind: 'tiles3d', crsName: 'WGS 84 (ECEF)', needsPlacement: !onGlobe };
    const layer: SourceLayer = {
      sourceLayer: file.fileName,
      suggestedName: layerNameFrom(path.basename(dir)),
      geometryType: 'POLYGON',
      featureCount: facts.contentCount,
      fields: [],
      bbox,
      crs: 'EPSG:4978',
      crsKnown: true,
      suggestedCrs: null,
      encoding: null,
      warnings,
      sample: [],
      skipped: [],
      *features() {
        if (bbox) yield { geometry: { type: 'Polygon', coordinates: [bboxRing(bbox)] }, values: [] };
      },
    };
    const meta = (b: BBoxLonLat) => ({
      geometryType: 'GEOMETRY' as const,
      featureCount: facts.contentCount,
      fields: [],
      bbox: b,
    });
    const externalRoot = (name: string): string => `${EXTERNAL_PREFIX}/${name}/${rootFile}`;
    return {
      format: 'tiles3d',
      layers: [layer],
      close: () => undefined,
      tiled: {
        kindFor: () => 'tiles3d',
        sourceCrs: 'EPSG:4978',
        preview,
        ...(onGlobe
          ? {
              register(ctx: TiledBuildContext) {
                const started = ctx.control.now().getTime();
                ctx.db.transaction(() =>
                  addTiledLayer(ctx.db, {
                    name: ctx.name,
                    title: ctx.name,
                    kind: 'tiles3d',
                    tiles: { root: externalRoot(ctx.name), sourceLayers: [], epochs: [], externalDir: dir },
                    meta: meta(bbox ?? [0, 0, 0, 0]),
                    sourceCrs: 'EPSG:4978',
                    sourceFile: file.fileName,
                    createdAt: ctx.control.now().toISOString(),
                  }),
                )();
                ctx.control.progress(1, 'jobs.import.done');
                return {
                  resultLayer: ctx.name,
                  count: facts.contentCount,
                  skipped: [],
                  durationMs: ctx.control.now().getTime() - started,
                  sourceCrs: 'EPSG:4978',
                  warnings,
                  kind: 'tiles3d' as const,
                };
              },
            }
          : {}),
        // eslint-disable-next-line @typescript-eslint/require-await -- one small file
        async build(outDir, ctx) {
          const p = ctx.options.placement;
          if (!p) throw importError('placement_required', { file: file.fileName });
          const placed = boundsFor(facts, p);
          if (!placed) throw importError('placement_required', { file: file.fileName });
          // The wrapper sits at 3dtiles/<name>/tileset.json; the tileset is served at ext/<name>/.
          const wrapper = {
            asset: { version: '1.1', generator: 'CIM Workstation (placed tileset)' },
            geometricError: facts.geometricError,
            root: {
              transform: placementMatrix(p),
              boundingVolume: facts.rootVolume,
              geometricError: facts.geometricError,
              refine: 'ADD',
              content: { uri: `../../${externalRoot(ctx.name)}` },
            },
          };
          const text = JSON.stringify(wrapper);
          fs.writeFileSync(path.join(outDir, 'tileset.json'), text);
          return {
            kind: 'tiles3d',
            root: 'tileset.json',
            count: facts.contentCount,
            tilesWritten: 1,
            bytes: Buffer.byteLength(text),
            warnings: warnings.map((code) => ({ code, facts: {} })),
            ...meta(placed),
            sourceCrs: 'EPSG:4978',
            sourceFile: file.fileName,
            tiles: { externalDir: dir },
          };
        },
      },
    };
  },
};
