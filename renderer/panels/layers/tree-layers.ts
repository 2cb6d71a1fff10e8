import type { LayerEntry } from '../../../common/contract/index.js';

/**
 * The layers a person sees in the tree: a seeded workspace's ground-truth tables (`gt_*`)
 * are the tests' answers, not map layers, so they stay out of it (they remain in the
 * workspace for the checks that read them).
 */
export function treeLayers(layers: readonly LayerEntry[]): LayerEntry[] {
  return layers.filter((layer) => !layer.name.startsWith('gt_'));
}
