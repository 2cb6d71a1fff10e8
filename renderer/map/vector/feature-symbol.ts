/**
 * How one feature of a painted vector layer draws: its class's symbol (categorised,
 * graduated, rule-based) with the layer's fill opacity and outline where the class has
 * none, or the layer's own symbol without classes. Pure; no DOM, no Cesium.
 */
import type { ClassSymbol, LayerStyle } from '../../../common/contract/index.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import type { VectorFeature } from './features.js';

export interface TileSymbology {
  style: LayerStyle;
  thematic: ResolvedThematic | null;
}

/** A feature's symbol: its class's (null: no class takes it, not drawn) or the layer's own. */
export function featureSymbol(
  symbology: TileSymbology,
  f: Pick<VectorFeature, 'properties'>,
): Required<ClassSymbol> | null {
  const { style, thematic } = symbology;
  if (!thematic) {
    return {
      colour: style.fillColor,
      opacity: style.fillOpacity,
      outlineColour: style.strokeColor,
      outlineWidthPx: style.strokeWidthPx,
    };
  }
  const s = thematic.symbolOf(f.properties);
  if (!s) return null;
  return {
    colour: s.colour,
    opacity: s.opacity ?? style.fillOpacity,
    outlineColour: s.outlineColour ?? style.strokeColor,
    outlineWidthPx: s.outlineWidthPx ?? style.strokeWidthPx,
  };
}
