/**
 * Feeds the status bar: the ground point under the mouse, the camera height, and the
 * ground scale at the bottom centre of the view (geodesic distance between two adjacent
 * pixels, the way TerriaJS's distance legend measures it).
 */
import {
  Cartesian2,
  EllipsoidGeodesic,
  Math as CesiumMath,
  SceneMode,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
} from 'cesium';
import { Disposables } from './disposables.js';
import { pickSurface } from './ground-pick.js';
import type { CursorInfo, SceneModeName, ViewInfo } from './types.js';

function sceneModeName(mode: SceneMode): SceneModeName {
  if (mode === SceneMode.MORPHING) return 'morphing';
  return mode === SceneMode.SCENE2D ? '2d' : '3d';
}

export function metresPerPixel(viewer: CesiumWidget): number | null {
  const { scene } = viewer;
  const width = scene.canvas.clientWidth;
  const y = scene.canvas.clientHeight - 1;
  const left = pickSurface(scene, new Cartesian2(Math.floor(width / 2), y));
  const right = pickSurface(scene, new Cartesian2(Math.floor(width / 2) + 1, y));
  if (!left || !right) return null;
  const distanceM = new EllipsoidGeodesic(left, right, scene.globe.ellipsoid).surfaceDistance;
  return Number.isFinite(distanceM) && distanceM > 0 ? distanceM : null;
}

function sameView(a: ViewInfo | null, b: ViewInfo): boolean {
  return (
    a !== null &&
    a.sceneMode === b.sceneMode &&
    a.cameraHeightM === b.cameraHeightM &&
    a.metresPerPixel === b.metresPerPixel
  );
}

export function trackStatus(
  viewer: CesiumWidget,
  onCursor: (cursor: CursorInfo | null) => void,
  onView: (view: ViewInfo) => void,
): Disposables {
  const disposables = new Disposables();
  const { scene } = viewer;
  let pending: Cartesian2 | null = null;
  let frame = 0;
  const reportCursor = (): void => {
    frame = 0;
    const hit = pending ? pickSurface(scene, pending, true) : undefined;
    onCursor(
      hit
        ? {
            lonDeg: CesiumMath.toDegrees(hit.longitude),
            latDeg: CesiumMath.toDegrees(hit.latitude),
            heightM: hit.height,
          }
        : null,
    );
  };
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction((event: { endPosition: Cartesian2 }) => {
    pending = Cartesian2.clone(event.endPosition);
    if (frame === 0) frame = requestAnimationFrame(reportCursor);
  }, ScreenSpaceEventType.MOUSE_MOVE);
  const onLeave = (): void => {
    pending = null;
    onCursor(null);
  };
  scene.canvas.addEventListener('mouseleave', onLeave);
  disposables.add(() => {
    handler.destroy();
    scene.canvas.removeEventListener('mouseleave', onLeave);
    if (frame !== 0) cancelAnimationFrame(frame);
  });

  let lastView: ViewInfo | null = null;
  const reportView = (): void => {
    const view: ViewInfo = {
      cameraHeightM: Math.round(viewer.camera.positionCartographic.height),
      metresPerPixel: metresPerPixel(viewer),
      sceneMode: sceneModeName(scene.mode),
    };
    if (sameView(lastView, view)) return;
    lastView = view;
    onView(view);
  };
  disposables.add(scene.postRender.addEventListener(reportView));
  disposables.add(scene.morphComplete.addEventListener(reportView));
  return disposables;
}
