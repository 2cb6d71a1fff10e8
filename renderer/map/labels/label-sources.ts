/**
 * The features each shown layer is labelled from. A draped vector layer lends its own
 * (filtered) features; a 3D Tiles layer built from footprint layers (建筑三维模型) is
 * labelled from the footprints of the epoch it shows, fetched once when first needed.
 */
import type { LayerEntry } from '../../../common/contract/index.js';
import { labelRuleFor, type LabelRule } from '../../../layers/label-rules.js';
import { indexOf, parseFeatures, type VectorIndex } from '../vector/features.js';

export interface LabelSource {
  layer: string;
  rule: LabelRule;
  data: VectorIndex;
  /** Labels stand this field's metres above the ground (a building's roof). */
  heightField: string | null;
}

export interface ShownForLabels {
  entry: LayerEntry;
  /** The layer's own features, when it is a draped vector layer with them loaded. */
  features: VectorIndex | null;
}

export interface LabelSourcesOptions {
  featuresUrl(layer: string): string;
  /** A fetched footprint layer arrived: place the labels again. */
  loaded(): void;
  error(err: unknown): void;
}

/** The footprint layer a 3D layer shows in this epoch: the one named for it, else the newest. */
export function footprintLayerOf(entry: LayerEntry, epoch: string | null): string | null {
  const sources = entry.tiles?.sourceLayers ?? [];
  return (epoch !== null ? sources.find((s) => s.endsWith(epoch)) : undefined) ?? sources.at(-1) ?? null;
}

export class LabelSources {
  private readonly fetched = new Map<string, VectorIndex | 'loading' | 'failed'>();

  constructor(private readonly options: LabelSourcesOptions) {}

  /** Every visible layer's label source; `all` holds hidden layers' entries too (for their schemas). */
  sources(shown: readonly ShownForLabels[], all: ReadonlyMap<string, LayerEntry>, epoch: string | null): LabelSource[] {
    const out: LabelSource[] = [];
    const visible = new Set(shown.filter((s) => s.entry.visible).map((s) => s.entry.name));
    for (const { entry, features } of shown) {
      if (!entry.visible) continue;
      if (entry.kind === 'vector') {
        const rule = labelRuleFor(entry);
        if (rule && features) out.push({ layer: entry.name, rule, data: features, heightField: null });
        continue;
      }
      if (entry.kind !== 'tiles3d') continue;
      const footprints = footprintLayerOf(entry, epoch);
      // a footprint layer on the map labels itself
      const schema = footprints ? all.get(footprints) : undefined;
      if (!footprints || !schema || visible.has(footprints)) continue;
      const rule = labelRuleFor(schema);
      const data = rule ? this.footprints(footprints) : null;
      if (rule && data) out.push({ layer: entry.name, rule, data, heightField: 'height_m' });
    }
    return out;
  }

  private footprints(layer: string): VectorIndex | null {
    const have = this.fetched.get(layer);
    if (have === 'loading' || have === 'failed') return null;
    if (have) return have;
    this.fetched.set(layer, 'loading');
    fetch(this.options.featuresUrl(layer))
      .then(async (response) => {
        if (!response.ok) throw new TypeError(`${layer}: HTTP ${String(response.status)}`);
        this.fetched.set(layer, indexOf(parseFeatures(await response.json())));
        this.options.loaded();
      })
      .catch((err: unknown) => {
        this.fetched.set(layer, 'failed');
        this.options.error(err);
      });
    return null;
  }

  pending(): boolean {
    return [...this.fetched.values()].includes('loading');
  }
}
