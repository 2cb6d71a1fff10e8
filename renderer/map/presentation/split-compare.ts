/**
 * Swipe comparison: one layer left of a vertical bar, another right of it (Cesium's
 * splitDirection on imagery layers and 3D Tiles; vector layers are draped imagery, so they
 * split the same way). The split is re-applied after every frame while it is on, so a
 * layer that finishes loading, or is rebuilt, lands on its side.
 */
import { SplitDirection, type Cesium3DTileset, type CesiumWidget, type ImageryLayer } from 'cesium';

/** The Cesium object a layer splits by: its imagery layer or its tileset (null: not loaded, or cannot split). */
export type SplitTargets = (layer: string) => ImageryLayer | Cesium3DTileset | null;

export class SplitCompare {
  private sides: { left: string; right: string } | null = null;
  private removeListener: (() => void) | null = null;
  private readonly touched = new Set<ImageryLayer | Cesium3DTileset>();

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly targets: SplitTargets,
  ) {}

  set(sides: { left: string; right: string } | null): void {
    this.sides = sides;
    this.removeListener?.();
    this.removeListener = null;
    for (const target of this.touched) if (!isDestroyed(target)) target.splitDirection = SplitDirection.NONE;
    this.touched.clear();
    if (sides) {
      this.apply();
      this.removeListener = this.viewer.scene.postRender.addEventListener(() => this.apply());
    }
    this.viewer.scene.requestRender();
  }

  setPosition(fraction: number): void {
    this.viewer.scene.splitPosition = Math.min(Math.max(fraction, 0), 1);
    this.viewer.scene.requestRender();
  }

  private apply(): void {
    if (!this.sides) return;
    const place = (layer: string, direction: SplitDirection): boolean => {
      const target = this.targets(layer);
      if (!target || target.splitDirection === direction) return false;
      target.splitDirection = direction;
      this.touched.add(target);
      return true;
    };
    const movedLeft = place(this.sides.left, SplitDirection.LEFT);
    const movedRight = place(this.sides.right, SplitDirection.RIGHT);
    if (movedLeft || movedRight) this.viewer.scene.requestRender();
  }
}

function isDestroyed(target: ImageryLayer | Cesium3DTileset): boolean {
  return target.isDestroyed();
}
