/**
 * One small interface per layer kind. The map controller creates an adapter for each
 * layer it is asked to show and only ever talks to the layer through it.
 */
import type { LayerStyle } from '../../../main/api/contract.js';
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
  /** Higher draws above lower (the layer tree's order). */
  setDrawOrder(order: number): void;
  /** The feature for a `scene.pick` result, when that result belongs to this layer. */
  pick(picked: unknown): PickedFeature | null;
  flyTo(): Promise<void>;
  /** Data loaded and every primitive built. */
  isReady(): boolean;
}
