/**
 * The globe, configured to work with no network: the base imagery is Cesium's bundled
 * Natural Earth II (levels 0-2) served from our own origin, the terrain is the ellipsoid,
 * and no widget that would call Cesium ion, Bing or a geocoder is created.
 */
import {
  buildModuleUrl,
  ImageryLayer,
  Rectangle,
  ScreenSpaceEventType,
  TileMapServiceImageryProvider,
  Viewer,
} from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';

/** Mainland China and its seas, the view a new workspace opens on. */
export const CHINA_RECTANGLE = Rectangle.fromDegrees(73, 16, 136, 54);

export function createOfflineViewer(container: HTMLElement): Viewer {
  const viewer = new Viewer(container, {
    baseLayer: ImageryLayer.fromProviderAsync(
      TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')),
    ),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    // Render only when something changes: the workstation idles most of the time, and the
    // e2e tests can then tell when the picture is final.
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
  });
  // Cesium's default double-click tracks an entity; the measurement tools use double-click.
  viewer.cesiumWidget.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
  viewer.scene.globe.showGroundAtmosphere = false;
  viewer.camera.setView({ destination: CHINA_RECTANGLE });
  return viewer;
}
