import {
  Cartographic,
  Cesium3DTileFeature,
  Cesium3DTileset,
  SceneMode,
  type Cartesian2,
  type Cartesian3,
  type Scene,
} from 'cesium';

function pickedModelPosition(scene: Scene, windowPosition: Cartesian2): Cartesian3 | undefined {
  if (!scene.pickPositionSupported) return undefined;
  const picked: unknown = scene.pick(windowPosition);
  const onTiles =
    picked instanceof Cesium3DTileFeature ||
    (typeof picked === 'object' &&
      picked !== null &&
      'primitive' in picked &&
      picked.primitive instanceof Cesium3DTileset);
  return onTiles ? scene.pickPosition(windowPosition) : undefined;
}

/**
 * The surface point under a window position: a 3D Tiles model where one is hit (so height
 * differences can be measured on buildings), else the globe, else the ellipsoid (2D view).
 */
export function pickSurface(scene: Scene, windowPosition: Cartesian2, includeModels = false): Cartographic | undefined {
  if (scene.mode === SceneMode.SCENE2D || scene.mode === SceneMode.MORPHING) {
    const onEllipsoid = scene.camera.pickEllipsoid(windowPosition, scene.globe.ellipsoid);
    return onEllipsoid ? Cartographic.fromCartesian(onEllipsoid) : undefined;
  }
  const onModel = includeModels ? pickedModelPosition(scene, windowPosition) : undefined;
  if (onModel) return Cartographic.fromCartesian(onModel);
  const ray = scene.camera.getPickRay(windowPosition);
  const onGlobe = ray ? scene.globe.pick(ray, scene) : undefined;
  return onGlobe ? Cartographic.fromCartesian(onGlobe) : undefined;
}
