/**
 * Labels on the globe (issue #17, item 4): parcel codes, road names, building numbers and
 * place names in Noto Sans CJK (a system font; no font is fetched). When the camera comes to
 * rest, the labels of the features in view whose rule allows the camera's height are
 * projected to the screen, decluttered (declutter.ts) and drawn as one LabelCollection.
 * Between two placements, each label's distance condition hides it when the camera climbs
 * well past its rule's height.
 */
import {
  Cartesian2,
  Cartesian3,
  Cartographic,
  Color,
  DistanceDisplayCondition,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Math as CesiumMath,
  SceneMode,
  SceneTransforms,
  VerticalOrigin,
  type CesiumWidget,
} from 'cesium';
import { labelText, ruleActiveAt, type LabelKind } from '../../../layers/label-rules.js';
import { featuresIn, type Extent } from '../vector/features.js';
import { featureAnchor } from './anchor.js';
import { declutter, type LabelCandidate, type PlacedLabel } from './declutter.js';
import type { LabelSource } from './label-sources.js';

export const LABEL_FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

const LOOK: Record<LabelKind, { weight: number; fill: string; halo: string }> = {
  place: { weight: 700, fill: '#1a1a1a', halo: '#ffffff' },
  road: { weight: 500, fill: '#3b2f00', halo: '#fffbe6' },
  parcel: { weight: 500, fill: '#222222', halo: '#ffffff' },
  building: { weight: 400, fill: '#ffffff', halo: '#262626' },
};
const HALO_PX = 3;
const PADDING_PX = 3;
/** At most this many features per layer are considered (the largest in view first). */
const MAX_CANDIDATES_PER_LAYER = 2_500;
const SETTLE_MS = 120;
/** A label marks its pick id so that identify looks through it. */
export const LABEL_PICK_ID = Symbol('cim-label');

export interface ShownLabel extends PlacedLabel {
  layer: string;
  kind: LabelKind;
}

function fontOf(kind: LabelKind, fontPx: number): string {
  return `${String(LOOK[kind].weight)} ${String(fontPx)}px ${LABEL_FONT_FAMILY}`;
}

export class MapLabels {
  private readonly collection: LabelCollection;
  private readonly measure: CanvasRenderingContext2D | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private shown: ShownLabel[] = [];
  private readonly removers: (() => void)[] = [];
  /** Canvas size at the last placement: a resize (a panel folds) places the labels again. */
  private placedFor = '';
  /** The labels of the last placement (keys and screen places), to skip a placement that changes nothing. */
  private placedAs = '';

  constructor(
    private readonly viewer: CesiumWidget,
    private readonly sources: () => LabelSource[],
  ) {
    this.collection = viewer.scene.primitives.add(new LabelCollection({ scene: viewer.scene })) as LabelCollection;
    // shown only while it holds labels: an empty collection never reports itself ready
    this.collection.show = false;
    this.measure = document.createElement('canvas').getContext('2d');
    const { camera, scene } = viewer;
    this.removers.push(camera.moveEnd.addEventListener(() => this.schedule()));
    this.removers.push(scene.morphComplete.addEventListener(() => this.schedule()));
    this.removers.push(
      scene.postRender.addEventListener(() => {
        if (this.timer === null && this.placedFor !== this.canvasSize()) this.schedule();
      }),
    );
    // terrain heights under the labels come with the tiles: place again once they are in
    this.removers.push(
      scene.globe.tileLoadProgressEvent.addEventListener((queued: number) => {
        if (queued === 0) this.schedule();
      }),
    );
  }

  /** Places the labels again shortly (camera at rest, layers or data changed). */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.place();
    }, SETTLE_MS);
  }

  pending(): boolean {
    return this.timer !== null;
  }

  /** The labels on the globe, with their screen boxes at the last placement (for the tests). */
  current(): ShownLabel[] {
    return this.shown;
  }

  owns(picked: unknown): boolean {
    return (picked as { id?: unknown } | undefined)?.id === LABEL_PICK_ID;
  }

  private textWidthPx(text: string, font: string, fontPx: number): number {
    if (!this.measure) return text.length * fontPx;
    this.measure.font = font;
    return this.measure.measureText(text).width;
  }

  private viewExtent(): Extent | null {
    const rect = this.viewer.camera.computeViewRectangle();
    if (!rect) return null;
    const deg = CesiumMath.toDegrees;
    return [deg(rect.west), deg(rect.south), deg(rect.east), deg(rect.north)];
  }

  private canvasSize(): string {
    const { canvas } = this.viewer.scene;
    return `${String(canvas.clientWidth)}x${String(canvas.clientHeight)}`;
  }

  /** Takes every label off; asks for a frame only when there was one to take off. */
  private clear(): void {
    this.shown = [];
    this.placedAs = '';
    if (this.collection.length === 0) return;
    this.collection.removeAll();
    this.collection.show = false;
    this.viewer.scene.requestRender();
  }

  private place(): void {
    const { scene, camera } = this.viewer;
    this.placedFor = this.canvasSize();
    if (scene.mode === SceneMode.MORPHING) return this.clear();
    const extent = this.viewExtent();
    if (!extent) return this.clear();
    const cameraHeightM = camera.positionCartographic.height;
    const width = scene.canvas.clientWidth;
    const height = scene.canvas.clientHeight;
    const candidates: LabelCandidate[] = [];
    const meta = new Map<string, { source: LabelSource; position: Cartesian3 }>();
    const toCamera = new Cartesian3();
    for (const source of this.sources()) {
      const { rule } = source;
      if (!ruleActiveAt(rule, cameraHeightM)) continue;
      const font = fontOf(rule.kind, rule.fontPx);
      const inView = featuresIn(source.data, extent)
        .map((f) => ({ f, size: (f.extent[2] - f.extent[0]) * (f.extent[3] - f.extent[1]) }))
        .sort((a, b) => b.size - a.size)
        .slice(0, MAX_CANDIDATES_PER_LAYER);
      for (const { f, size } of inView) {
        const text = labelText(f.properties[rule.field]);
        const anchor = text === '' ? null : featureAnchor(f);
        if (!anchor) continue;
        const ground = scene.globe.getHeight(Cartographic.fromDegrees(anchor[0], anchor[1])) ?? 0;
        const raised = source.heightField ? Number(f.properties[source.heightField]) : 0;
        const position = Cartesian3.fromDegrees(anchor[0], anchor[1], ground + (Number.isFinite(raised) ? raised : 0));
        if (scene.mode === SceneMode.SCENE3D) {
          // behind the camera projects onto the screen too: leave it out
          Cartesian3.subtract(position, camera.positionWC, toCamera);
          if (Cartesian3.dot(toCamera, camera.directionWC) <= 0) continue;
        }
        const at = SceneTransforms.worldToWindowCoordinates(scene, position, new Cartesian2());
        if (!at) continue;
        const key = `${source.layer}\u0000${String(f.id ?? `${String(anchor[0])},${String(anchor[1])}`)}`;
        candidates.push({
          key,
          text,
          x: at.x,
          y: at.y,
          width: this.textWidthPx(text, font, rule.fontPx) + 2 * HALO_PX,
          height: rule.fontPx + 2 * HALO_PX,
          priority: rule.priority,
          weight: size,
          repeatPx: rule.repeatPx,
        });
        meta.set(key, { source, position });
      }
    }
    const placed = declutter(candidates, { viewportWidth: width, viewportHeight: height, paddingPx: PADDING_PX });
    // The same labels at the same places: leave the collection and the frame alone. A new
    // frame here would load tiles, whose end places the labels again: a loop that never lets
    // the map settle (an empty workspace's whole-globe view did).
    const placedAs = placed.map((l) => `${l.key}@${l.left.toFixed(0)},${l.top.toFixed(0)}`).join('|');
    if (placedAs === this.placedAs) return;
    this.placedAs = placedAs;
    this.collection.removeAll();
    this.shown = [];
    for (const label of placed) {
      const m = meta.get(label.key);
      if (!m) continue;
      const { rule } = m.source;
      const look = LOOK[rule.kind];
      this.collection.add({
        id: LABEL_PICK_ID,
        position: m.position,
        text: label.text,
        font: fontOf(rule.kind, rule.fontPx),
        fillColor: Color.fromCssColorString(look.fill),
        outlineColor: Color.fromCssColorString(look.halo),
        outlineWidth: HALO_PX,
        style: LabelStyle.FILL_AND_OUTLINE,
        horizontalOrigin: HorizontalOrigin.CENTER,
        verticalOrigin: VerticalOrigin.CENTER,
        // labels stay legible in front of hills and buildings
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        distanceDisplayCondition: new DistanceDisplayCondition(0, rule.maxCameraHeightM * 3),
      });
      this.shown.push({ ...label, layer: m.source.layer, kind: rule.kind });
    }
    this.collection.show = this.collection.length > 0;
    scene.requestRender();
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    for (const remove of this.removers) remove();
    this.viewer.scene.primitives.remove(this.collection);
  }
}
