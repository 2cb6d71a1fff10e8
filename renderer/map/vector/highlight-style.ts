/**
 * The selected feature's outline: a light cyan wash and a thick cyan line, a colour no
 * 用地用海分类 class, severity or pipe system uses, so the selection reads over any of them.
 */
import type { LayerStyle } from '../../../common/contract/index.js';

export const HIGHLIGHT_COLOUR = '#00e5ff';

export const HIGHLIGHT_STYLE: LayerStyle = {
  fillColor: HIGHLIGHT_COLOUR,
  fillOpacity: 0.25,
  strokeColor: HIGHLIGHT_COLOUR,
  strokeWidthPx: 4,
  pointSizePx: 14,
  thematic: null,
  filter: null,
};
