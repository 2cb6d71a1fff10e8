/**
 * Symbology for GeoJSON entities. Each layer holds one set of shared Cesium properties
 * (fill, stroke, width, size, draw order) that all its entities point to, so a style
 * change is a handful of `setValue` calls, not a walk over every feature. A thematic style
 * adds one shared colour property per value of its field (a category, a land-use class, a
 * ramp bin), so it stays a handful of calls too.
 */
import {
  ClassificationType,
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
import type { ResolvedThematic } from '../../style/thematic.js';

interface ValueColours {
  fill: ConstantProperty;
  line: ConstantProperty;
  point: ConstantProperty;
  hex: string;
}

export interface VectorSymbology {
  fill: ConstantProperty;
  stroke: ConstantProperty;
  strokeWidth: ConstantProperty;
  strokeShown: ConstantProperty;
  pointFill: ConstantProperty;
  pointSize: ConstantProperty;
  zIndex: ConstantProperty;
  thematic: ResolvedThematic | null;
  /** Colour hex -> the properties every entity of that colour shares. */
  readonly byColour: Map<string, ValueColours>;
  style: LayerStyle | null;
  opacity: number;
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
    thematic: null,
    byColour: new Map(),
    style: null,
    opacity: 1,
  };
}

function setValueColours(colours: ValueColours, style: LayerStyle, opacity: number): void {
  const base = Color.fromCssColorString(colours.hex);
  colours.fill.setValue(base.withAlpha(style.fillOpacity * opacity));
  colours.line.setValue(base.withAlpha(opacity));
  colours.point.setValue(base.withAlpha(opacity));
}

export function applyStyle(symbology: VectorSymbology, style: LayerStyle, opacity: number): void {
  symbology.style = style;
  symbology.opacity = opacity;
  symbology.fill.setValue(Color.fromCssColorString(style.fillColor).withAlpha(style.fillOpacity * opacity));
  symbology.stroke.setValue(Color.fromCssColorString(style.strokeColor).withAlpha(opacity));
  symbology.strokeWidth.setValue(Math.max(style.strokeWidthPx, 1));
  symbology.strokeShown.setValue(style.strokeWidthPx > 0);
  // A point has no area to see through, so it takes the layer opacity, not the fill opacity.
  symbology.pointFill.setValue(Color.fromCssColorString(style.fillColor).withAlpha(opacity));
  symbology.pointSize.setValue(style.pointSizePx);
  for (const colours of symbology.byColour.values()) setValueColours(colours, style, opacity);
}

function coloursFor(symbology: VectorSymbology, hex: string): ValueColours {
  let colours = symbology.byColour.get(hex);
  if (!colours) {
    colours = {
      fill: new ConstantProperty(Color.WHITE),
      line: new ConstantProperty(Color.WHITE),
      point: new ConstantProperty(Color.WHITE),
      hex,
    };
    if (symbology.style) setValueColours(colours, symbology.style, symbology.opacity);
    symbology.byColour.set(hex, colours);
  }
  return colours;
}

function thematicColours(symbology: VectorSymbology, entity: Entity, now: JulianDate): ValueColours | null {
  const thematic = symbology.thematic;
  if (!thematic) return null;
  const feature = entity.parent ?? entity;
  const values: unknown = feature.properties?.getValue(now);
  const value =
    typeof values === 'object' && values !== null ? (values as Record<string, unknown>)[thematic.field] : null;
  return coloursFor(symbology, thematic.colourOf(value));
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
      classificationType: ClassificationType.TERRAIN,
    }),
  };
}

function hierarchyRings(hierarchy: PolygonHierarchy): PolygonHierarchy['positions'][] {
  return [hierarchy.positions, ...hierarchy.holes.flatMap((hole) => hierarchyRings(hole))];
}

/** Points the entity's materials at the layer's (or its value's) shared colour properties. */
function colourEntity(entity: Entity, symbology: VectorSymbology, now: JulianDate): void {
  const thematic = thematicColours(symbology, entity, now);
  if (entity.polygon) {
    entity.polygon.material = new ColorMaterialProperty(thematic?.fill ?? symbology.fill);
  } else if (entity.polyline && entity.parent === undefined) {
    entity.polyline.material = new ColorMaterialProperty(thematic?.line ?? symbology.stroke);
  } else if (entity.point) {
    entity.point.color = thematic?.point ?? symbology.pointFill;
  }
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
      entity.polygon.zIndex = symbology.zIndex;
      // Plans and parcels paint the ground, not the faces of 3D buildings standing on it.
      entity.polygon.classificationType = new ConstantProperty(ClassificationType.TERRAIN);
      const hierarchy = entity.polygon.hierarchy?.getValue(now) as PolygonHierarchy | undefined;
      for (const ring of hierarchy ? hierarchyRings(hierarchy) : []) {
        entities.add(ringOutline(ring, entity, symbology));
      }
    } else if (entity.polyline) {
      entity.polyline.width = symbology.strokeWidth;
      entity.polyline.zIndex = symbology.zIndex;
      entity.polyline.classificationType = new ConstantProperty(ClassificationType.TERRAIN);
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
    colourEntity(entity, symbology, now);
  }
  entities.resumeEvents();
}

/** A new thematic resolution (field, method or the data's values changed): re-point every entity. */
export function recolourEntities(entities: EntityCollection, symbology: VectorSymbology): void {
  const now = JulianDate.now();
  entities.suspendEvents();
  for (const entity of entities.values) colourEntity(entity, symbology, now);
  entities.resumeEvents();
}
