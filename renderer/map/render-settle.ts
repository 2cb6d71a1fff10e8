/**
 * Cesium builds entity geometry in workers and finishes it inside `render`, then shows it
 * on the following update. In request-render mode nobody asks for those frames, so a new
 * polygon may stay invisible until the mouse moves. The controller keeps rendering while
 * any primitive is still being built, and once more after the last one is done.
 */
import type { CesiumWidget } from 'cesium';

interface CollectionLike {
  readonly length: number;
  get(index: number): unknown;
}

function isCollection(value: unknown): value is CollectionLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    'get' in value &&
    typeof value.get === 'function' &&
    'length' in value &&
    typeof value.length === 'number'
  );
}

/**
 * A primitive still being built. A hidden one is not waited for: Cesium does not update it,
 * so it cannot get ready (an empty LabelCollection stays `ready === false` for good).
 */
function isPending(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if ('show' in value && value.show === false) return false;
  return 'ready' in value && value.ready === false;
}

function hasPendingPrimitives(root: unknown): boolean {
  if (isPending(root)) return true;
  if (!isCollection(root)) return false;
  for (let i = 0; i < root.length; i++) {
    if (hasPendingPrimitives(root.get(i))) return true;
  }
  return false;
}

/** Ticks without a rendered frame after which no frame is pending any more. */
const QUIET_TICKS = 3;

/**
 * Counts frames and watches for unfinished primitives, asking for the frames Cesium's
 * request-render mode would otherwise skip.
 */
export class RenderMonitor {
  private frames = 0;
  private ticksSinceRender = 0;
  private building = false;
  private readonly release: (() => void)[] = [];

  constructor(widget: CesiumWidget) {
    const { scene } = widget;
    this.release.push(
      scene.postRender.addEventListener(() => {
        this.frames++;
        this.ticksSinceRender = 0;
      }),
    );
    // postUpdate runs on every tick, rendered or not.
    this.release.push(
      scene.postUpdate.addEventListener(() => {
        this.ticksSinceRender++;
        const pending =
          !widget.dataSourceDisplay.ready ||
          hasPendingPrimitives(scene.groundPrimitives) ||
          hasPendingPrimitives(scene.primitives);
        if (pending || this.building) scene.requestRender();
        this.building = pending;
      }),
    );
  }

  frameCount(): number {
    return this.frames;
  }

  /** Nothing being built and no frame drawn for a few ticks: the picture is final. */
  quiet(): boolean {
    return !this.building && this.ticksSinceRender >= QUIET_TICKS;
  }

  destroy(): void {
    for (const release of this.release.splice(0)) release();
  }
}
