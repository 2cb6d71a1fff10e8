/**
 * Interactive measuring on the globe: left click adds a point, moving shows the next
 * segment, right click or double click finishes, Esc abandons. A new click after a
 * finished measurement starts the next one.
 */
import {
  CallbackProperty,
  Cartesian2,
  Cartesian3,
  Color,
  ColorMaterialProperty,
  CustomDataSource,
  ArcType,
  Math as CesiumMath,
  PolygonHierarchy,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type Entity,
  type CesiumWidget,
} from 'cesium';
import { Disposables } from '../disposables.js';
import { pickSurface } from '../ground-pick.js';
import type { LonLatHeight, MeasureKind, Measurement } from '../types.js';
import { measure, minimumPoints, pointLimit } from './measurement.js';

const LINE_COLOR = Color.fromCssColorString('#fadb14');
const AREA_FILL = Color.fromCssColorString('#fadb14').withAlpha(0.25);

function toCartesian([lon, lat, height]: LonLatHeight): Cartesian3 {
  return Cartesian3.fromDegrees(lon, lat, height);
}

function samePoint(a: LonLatHeight | undefined, b: LonLatHeight | undefined): boolean {
  return !!a && !!b && Math.abs(a[0] - b[0]) < 1e-10 && Math.abs(a[1] - b[1]) < 1e-10;
}

export class MeasureTool {
  private readonly viewer: CesiumWidget;
  private readonly onChange: (measurement: Measurement | null) => void;
  private readonly layer = new CustomDataSource('cim-measure');
  private readonly disposables = new Disposables();
  private kind: MeasureKind | null = null;
  private points: LonLatHeight[] = [];
  private cursor: LonLatHeight | null = null;
  private finished = false;
  private last: Measurement | null = null;
  private readonly path: Entity;

  constructor(viewer: CesiumWidget, onChange: (measurement: Measurement | null) => void) {
    this.viewer = viewer;
    this.onChange = onChange;
    this.path = this.layer.entities.add({
      polyline: {
        positions: new CallbackProperty(() => this.pathPositions(), false),
        width: 3,
        material: new ColorMaterialProperty(LINE_COLOR),
        arcType: new CallbackProperty(() => (this.kind === 'height' ? ArcType.NONE : ArcType.GEODESIC), false),
      },
    });
    void viewer.dataSources.add(this.layer);
    this.disposables.add(() => viewer.dataSources.remove(this.layer, true));
    this.listen();
  }

  setKind(kind: MeasureKind | null): void {
    this.kind = kind;
    this.reset();
  }

  current(): Measurement | null {
    return this.last;
  }

  /** Abandons the measurement being drawn and removes its graphics. */
  reset(): void {
    this.points = [];
    this.cursor = null;
    this.finished = false;
    this.redraw();
  }

  destroy(): void {
    this.disposables.dispose();
  }

  private listen(): void {
    const handler = new ScreenSpaceEventHandler(this.viewer.scene.canvas);
    this.disposables.add(() => handler.destroy());
    handler.setInputAction(
      (event: { position: Cartesian2 }) => this.addPoint(event.position),
      ScreenSpaceEventType.LEFT_CLICK,
    );
    handler.setInputAction(
      (event: { endPosition: Cartesian2 }) => this.moveCursor(event.endPosition),
      ScreenSpaceEventType.MOUSE_MOVE,
    );
    handler.setInputAction(() => this.finish(), ScreenSpaceEventType.RIGHT_CLICK);
    handler.setInputAction(() => this.finish(), ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && this.kind) this.reset();
    };
    window.addEventListener('keydown', onKey);
    this.disposables.add(() => window.removeEventListener('keydown', onKey));
  }

  private surfacePoint(position: Cartesian2): LonLatHeight | null {
    const hit = pickSurface(this.viewer.scene, position, true);
    if (!hit) return null;
    return [CesiumMath.toDegrees(hit.longitude), CesiumMath.toDegrees(hit.latitude), hit.height];
  }

  private addPoint(position: Cartesian2): void {
    if (!this.kind) return;
    const point = this.surfacePoint(position);
    if (!point) return;
    if (this.finished) this.reset();
    // The second click of a double click lands on the same spot: it is not a new vertex.
    if (samePoint(point, this.points.at(-1))) return;
    this.points = [...this.points, point];
    if (this.points.length >= pointLimit(this.kind)) this.finished = true;
    this.redraw();
  }

  private moveCursor(position: Cartesian2): void {
    if (!this.kind || this.finished || this.points.length === 0) return;
    this.cursor = this.surfacePoint(position);
    this.viewer.scene.requestRender();
  }

  private finish(): void {
    if (!this.kind || this.finished || this.points.length < minimumPoints(this.kind)) return;
    this.finished = true;
    this.cursor = null;
    this.redraw();
  }

  private pathPositions(): Cartesian3[] {
    const drawing = this.cursor && !this.finished ? [...this.points, this.cursor] : this.points;
    const first = drawing[0];
    const ring = this.kind === 'area' && drawing.length >= 3 && first ? [...drawing, first] : drawing;
    return ring.map(toCartesian);
  }

  private redraw(): void {
    const drawn = this.layer.entities.values.filter((entity) => entity !== this.path);
    for (const entity of drawn) this.layer.entities.remove(entity);
    if (this.kind === 'area' && this.points.length >= 3) {
      this.layer.entities.add({
        polygon: { hierarchy: new PolygonHierarchy(this.points.map(toCartesian)), material: AREA_FILL },
      });
    }
    for (const point of this.points) {
      this.layer.entities.add({
        position: toCartesian(point),
        point: {
          pixelSize: 8,
          color: LINE_COLOR,
          outlineColor: Color.BLACK,
          outlineWidth: 1,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        },
      });
    }
    this.last = this.kind && this.points.length > 0 ? measure(this.kind, this.points, this.finished) : null;
    this.onChange(this.last);
    this.viewer.scene.requestRender();
  }
}
