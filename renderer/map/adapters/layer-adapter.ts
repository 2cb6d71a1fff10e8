/**
 * One small interface per layer kind. The map controller creates an adapter for each
 * layer it is asked to show and only ever talks to the layer through it.
 */
import type { LayerStyle } from '../../../common/contract/index.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import type { PickedFeature } from '../types.js';

export interface LayerAdapter {
  readonly name: string;
  /** Loads the layer's data and puts it on the globe. */
  add(): Promise<void>;
  /** Takes everything the adapter created off the globe; safe while `add` is still loading. */
  remove(): void;
  setVisible(visible: boolean): void;
  setOpacity(opacity: number): void;
  setStyle(style: LayerStyle): void;
  /** Colours by a field's values (null: the style's single colours). */
  setThematic(thematic: ResolvedThematic | null): void;
  /** Higher draws above lower (the layer tree's order). */
  setDrawOrder(order: number): void;
  /** Survey epoch to show, for layers that hold several (3D Tiles built from epoch layers). */
  setEpoch?(epoch: string | null): void;
  /** The globe's terrain changed: layers that place things at terrain height re-place them. */
  terrainChanged?(): void;
  /** The feature for a `scene.pick` result, when that result belongs to this layer. */
  pick(picked: unknown): PickedFeature | null;
  flyTo(): Promise<void>;
  /** Data loaded and every primitive built. */
  isReady(): boolean;
}
