/**
 * What presenting needs of the globe, kept apart from the controller: flights to a saved
 * pose with a given duration, frames of the canvas (thumbnails, screenshots at 1×/2×/4×),
 * the heading for the compass, and the comparison split. React reaches it through
 * `MapController.presentation()`; no Cesium type leaves this folder.
 */
import { Cartesian3, Math as CesiumMath, type CesiumWidget } from 'cesium';
import type { Flights } from '../camera-moves.js';
import type { CameraPose } from '../types.js';
import { metresPerPixel } from '../status-tracker.js';
import { SplitCompare, type SplitTargets } from './split-compare.js';

/** How often a capture at a new resolution checks that the view has loaded. */
const SETTLE_POLL_MS = 100;
/** A capture waits at most this long for tiles at the higher resolution, then takes what is there. */
const SETTLE_LIMIT_MS = 30_000;

export interface PresentationDeps {
  viewer: CesiumWidget;
  flights: Flights;
  /** Globe tiles loaded, layers built, no flight, no frame pending. */
  isIdle(): boolean;
  splitTargets: SplitTargets;
}

/** A frame of the view and what a picture's scale bar and north arrow need of it. */
export interface Capture {
  frame: HTMLCanvasElement;
  /** The canvas's width in CSS pixels (the frame is `scale` times it). */
  cssWidth: number;
  /** Ground metres per CSS pixel at the bottom centre; null when that is sky. */
  metresPerPixel: number | null;
  headingDeg: number;
}

export class PresentationMap {
  private readonly viewer: CesiumWidget;
  private readonly split: SplitCompare;

  constructor(private readonly deps: PresentationDeps) {
    this.viewer = deps.viewer;
    this.split = new SplitCompare(deps.viewer, deps.splitTargets);
  }

  /** Flies to a saved pose; resolves when it arrives or another move cancels it. */
  async flyTo(pose: CameraPose, durationS: number): Promise<void> {
    await this.deps.flights.during(
      () =>
        new Promise<void>((resolve) => {
          this.viewer.camera.flyTo({
            destination: Cartesian3.fromDegrees(pose.lon, pose.lat, pose.heightM),
            orientation: {
              heading: CesiumMath.toRadians(pose.headingDeg),
              pitch: CesiumMath.toRadians(pose.pitchDeg),
              roll: CesiumMath.toRadians(pose.rollDeg),
            },
            duration: durationS,
            complete: resolve,
            cancel: resolve,
          });
          this.viewer.scene.requestRender();
        }),
    );
  }

  /** Stops a flight under way where the camera is. */
  cancelFlight(): void {
    this.viewer.camera.cancelFlight();
  }

  /** The camera's heading in degrees clockwise from north, reported after each frame that changes it. */
  onHeading(listener: (headingDeg: number) => void): () => void {
    let last = Number.NaN;
    return this.viewer.scene.postRender.addEventListener(() => {
      const heading = CesiumMath.toDegrees(this.viewer.camera.heading);
      if (Math.abs(heading - last) < 0.5) return;
      last = heading;
      listener(heading);
    });
  }

  /** Resolves once the view has loaded (or after `limitMs`, with what is there). */
  async settled(limitMs = SETTLE_LIMIT_MS): Promise<boolean> {
    const start = performance.now();
    while (!this.deps.isIdle()) {
      if (performance.now() - start > limitMs) return false;
      this.viewer.scene.requestRender();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
    return true;
  }

  /**
   * The view as an image `scale` times the canvas's size: the globe renders at that
   * resolution (more detailed tiles load first), one frame is copied, and the resolution
   * goes back.
   */
  async capture(scale = 1): Promise<Capture> {
    const view = {
      cssWidth: this.viewer.scene.canvas.clientWidth,
      metresPerPixel: metresPerPixel(this.viewer),
      headingDeg: CesiumMath.toDegrees(this.viewer.camera.heading),
    };
    const previous = this.viewer.resolutionScale;
    this.viewer.resolutionScale = previous * scale;
    try {
      if (scale !== 1) await this.settled();
      return { frame: await this.frame(), ...view };
    } finally {
      this.viewer.resolutionScale = previous;
      this.viewer.scene.requestRender();
    }
  }

  /** A small copy of the view, `widthPx` wide (a bookmark's thumbnail). */
  async thumbnail(widthPx: number): Promise<HTMLCanvasElement> {
    const frame = await this.frame();
    const out = document.createElement('canvas');
    out.width = widthPx;
    out.height = Math.max(1, Math.round((frame.height / frame.width) * widthPx));
    const ctx = out.getContext('2d');
    if (ctx) {
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(frame, 0, 0, out.width, out.height);
    }
    return out;
  }

  /** Swipe comparison: `left` shown left of the bar, `right` right of it; null ends it. */
  setSplit(targets: { left: string; right: string } | null): void {
    this.split.set(targets);
  }

  /** Where the swipe bar stands, 0 (left edge) to 1. */
  setSplitPosition(fraction: number): void {
    this.split.setPosition(fraction);
  }

  destroy(): void {
    this.split.set(null);
  }

  /**
   * Copies the next rendered frame. The drawing buffer is only valid inside the frame that
   * drew it (no preserveDrawingBuffer), so the copy is made in postRender.
   */
  private frame(): Promise<HTMLCanvasElement> {
    const { scene } = this.viewer;
    return new Promise((resolve) => {
      const remove = scene.postRender.addEventListener(() => {
        remove();
        const out = document.createElement('canvas');
        out.width = scene.canvas.width;
        out.height = scene.canvas.height;
        out.getContext('2d')?.drawImage(scene.canvas, 0, 0);
        resolve(out);
      });
      scene.requestRender();
    });
  }
}
