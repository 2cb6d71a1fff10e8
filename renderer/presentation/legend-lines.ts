/**
 * The legend as plain lines (a layer's title, then its colours), for drawing into an
 * exported picture. Land-use items read in the UI language, as in the on-map legend.
 */
import type { LayerEntry } from '../../common/contract/index.js';
import { landUseClass } from '../../layers/landuse.js';
import type { LegendEntry } from '../map/types.js';

export interface LegendBlock {
  title: string;
  items: { colour: string; label: string }[];
}

export function legendBlocks(
  entries: readonly LegendEntry[],
  layers: readonly LayerEntry[],
  language: string,
): LegendBlock[] {
  return entries.map(({ layer, thematic }) => ({
    title: layers.find((l) => l.name === layer)?.title ?? layer,
    items: thematic.legend.map((item) => {
      const cls = thematic.method === 'landuse' ? landUseClass(item.value === null ? null : String(item.value)) : null;
      const label = cls ? `${cls.code} ${language.startsWith('zh') ? cls.nameZh : cls.nameEn}` : item.label;
      return { colour: item.colour, label };
    }),
  }));
}
