/**
 * The globe, configured to work with no network: the base imagery is Cesium's bundled
 * Natural Earth II (levels 0-2) served from our own origin, the terrain is the ellipsoid,
 * and nothing that would call Cesium ion, Bing or a geocoder is created.
 *
 * It is a CesiumWidget, not a Viewer: Viewer's widgets pull in knockout, whose module
 * start-up runs `(0, eval)("this")`, which our Content-Security-Policy (no 'unsafe-eval')
 * refuses. CesiumWidget has the entity and data-source display we use, and none of
 * Viewer's widgets (geocoder, base-layer picker, timeline…) are wanted here.
 */
import {
  buildModuleUrl,
  CesiumWidget,
  ImageryLayer,
  JulianDate,
  Rectangle,
  ScreenSpaceEventType,
  TileMapServiceImageryProvider,
} from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';

/** 14:00 China Standard Time, 15 April: the sun high in the south-west. */
const DEFAULT_LIGHT_TIME = '2024-04-15T06:00:00Z';

/** Mainland China and its seas, the view a new workspace opens on. */
export const CHINA_RECTANGLE = Rectangle.fromDegrees(73, 16, 136, 54);

export function createOfflineViewer(container: HTMLElement): CesiumWidget {
  const viewer = new CesiumWidget(container, {
    baseLayer: ImageryLayer.fromProviderAsync(
      TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    ),
    // Render only when something changes: the workstation idles most of the time, and the
    // e2e tests can then tell when the picture is final.
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
  });
  // A double click is the measurement tools' "finish", not "track this entity".
  viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
  viewer.scene.globe.showGroundAtmosphere = false;
  // Models are lit by the sun of a fixed spring afternoon in China, not of the moment the
  // page opened (at night the city would be black); the clock does not run.
  viewer.clock.currentTime = JulianDate.fromIso8601(DEFAULT_LIGHT_TIME);
  viewer.clock.shouldAnimate = false;
  viewer.camera.setView({ destination: CHINA_RECTANGLE });
  return viewer;
}
