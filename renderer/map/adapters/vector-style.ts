/**
 * Symbology for GeoJSON entities. Each layer holds one set of shared Cesium properties
 * (fill, stroke, width, size, draw order) that all its entities point to, so a style
 * change is a handful of `setValue` calls, not a walk over every feature.
 */
import {
  Color,
  ColorMaterialProperty,
  ConstantProperty,
  HeightReference,
  JulianDate,
  PointGraphics,
  PolylineGraphics,
  type Entity,
  type EntityCollection,
  type PolygonHierarchy,
} from 'cesium';
import type { LayerStyle } from '../../../main/api/contract.js';

export interface VectorSymbology {
  fill: ConstantProperty;
  stroke: ConstantProperty;
  strokeWidth: ConstantProperty;
  strokeShown: ConstantProperty;
  pointFill: ConstantProperty;
  pointSize: ConstantProperty;
  zIndex: ConstantProperty;
}

export function createSymbology(): VectorSymbology {
  return {
    fill: new ConstantProperty(Color.WHITE),
    stroke: new ConstantProperty(Color.BLACK),
    strokeWidth: new ConstantProperty(1),
    strokeShown: new ConstantProperty(true),
    pointFill: new ConstantProperty(Color.WHITE),
    pointSize: new ConstantProperty(6),
    zIndex: new ConstantProperty(0),
  };
}

export function applyStyle(symbology: VectorSymbology, style: LayerStyle, opacity: number): void {
  symbology.fill.setValue(Color.fromCssColorString(style.fillColor).withAlpha(style.fillOpacity * opacity));
  symbology.stroke.setValue(Color.fromCssColorString(style.strokeColor).withAlpha(opacity));
  symbology.strokeWidth.setValue(Math.max(style.strokeWidthPx, 1));
  symbology.strokeShown.setValue(style.strokeWidthPx > 0);
  // A point has no area to see through, so it takes the layer opacity, not the fill opacity.
  symbology.pointFill.setValue(Color.fromCssColorString(style.fillColor).withAlpha(opacity));
  symbology.pointSize.setValue(style.pointSizePx);
}

function ringOutline(positions: PolygonHierarchy['positions'], feature: Entity, symbology: VectorSymbology) {
  const closed = positions.length > 0 && positions[0] ? [...positions, positions[0]] : positions;
  return {
    parent: feature,
    polyline: new PolylineGraphics({
      positions: closed,
      clampToGround: true,
      width: symbology.strokeWidth,
      material: new ColorMaterialProperty(symbology.stroke),
      show: symbology.strokeShown,
      zIndex: symbology.zIndex,
    }),
  };
}

function hierarchyRings(hierarchy: PolygonHierarchy): PolygonHierarchy['positions'][] {
  return [hierarchy.positions, ...hierarchy.holes.flatMap((hole) => hierarchyRings(hole))];
}

/**
 * Re-dresses what GeoJsonDataSource made: polygons lie on the ground (where Cesium draws
 * no outlines, so each ring gets a ground polyline child), lines are clamped, and pin
 * billboards become plain points.
 */
export function dressEntities(entities: EntityCollection, symbology: VectorSymbology): void {
  const now = JulianDate.now();
  entities.suspendEvents();
  for (const entity of [...entities.values]) {
    if (entity.polygon) {
      entity.polygon.outline = new ConstantProperty(false);
      entity.polygon.material = new ColorMaterialProperty(symbology.fill);
      entity.polygon.zIndex = symbology.zIndex;
      const hierarchy = entity.polygon.hierarchy?.getValue(now) as PolygonHierarchy | undefined;
      for (const ring of hierarchy ? hierarchyRings(hierarchy) : []) {
        entities.add(ringOutline(ring, entity, symbology));
      }
    } else if (entity.polyline) {
      entity.polyline.material = new ColorMaterialProperty(symbology.stroke);
      entity.polyline.width = symbology.strokeWidth;
      entity.polyline.zIndex = symbology.zIndex;
    } else if (entity.billboard) {
      entity.billboard = undefined;
      entity.point = new PointGraphics({
        pixelSize: symbology.pointSize,
        color: symbology.pointFill,
        outlineColor: symbology.stroke,
        outlineWidth: 1,
        heightReference: HeightReference.CLAMP_TO_GROUND,
      });
    }
  }
  entities.resumeEvents();
}
