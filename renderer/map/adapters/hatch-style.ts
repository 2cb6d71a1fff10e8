/**
 * Hatched polygons for layers whose style says `thematic.hatch` (multi-plan conflict layers):
 * each polygon is striped diagonally in its category's colour (severity high / medium / low
 * in red / orange / yellow, other values from a palette) over a faint fill of the same
 * colour, and its outline takes that colour. Materials are shared per category and stripe
 * density (three size classes), so a layer of thousands of conflicts stays a handful of
 * ground-primitive batches. Where the GPU cannot put materials on ground primitives
 * (GroundPrimitive.supportsMaterials), the category colour is filled flat instead.
 */
import {
  BoundingSphere,
  Color,
  ColorMaterialProperty,
  ConstantProperty,
  GroundPrimitive,
  JulianDate,
  StripeMaterialProperty,
  StripeOrientation,
  type Entity,
  type EntityCollection,
  type MaterialProperty,
  type PolygonHierarchy,
  type Scene,
} from 'cesium';
import type { LayerStyle } from '../../../main/api/contract.js';

/** The report's colours (main/report/labels.ts SEVERITY_COLOURS). */
const SEVERITY: Readonly<Record<string, string>> = { high: '#d7191c', medium: '#fdae61', low: '#e6c800' };
const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#377eb8'];
/** Stripes across a polygon by its diameter: under 50 m, under 500 m, larger. */
const REPEATS: readonly [number, number][] = [
  [50, 6],
  [500, 10],
  [Infinity, 16],
];

export function isHatched(style: LayerStyle): boolean {
  return style.thematic?.hatch === true;
}

function categoryColour(value: unknown, seen: Map<string, string>): string {
  const key = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const known = SEVERITY[key];
  if (known) return known;
  let colour = seen.get(key);
  if (!colour) {
    colour = PALETTE[seen.size % PALETTE.length] ?? '#777777';
    seen.set(key, colour);
  }
  return colour;
}

function repeatFor(entity: Entity, now: JulianDate): number {
  const hierarchy = entity.polygon?.hierarchy?.getValue(now) as PolygonHierarchy | undefined;
  const positions = hierarchy?.positions ?? [];
  const diameterM = positions.length > 0 ? 2 * BoundingSphere.fromPoints(positions).radius : 0;
  return REPEATS.find(([maxM]) => diameterM < maxM)?.[1] ?? 10;
}

/** Sets each polygon's material and outline colour from its category (see the file comment). */
export function hatchEntities(entities: EntityCollection, style: LayerStyle, opacity: number, scene: Scene): void {
  const field = style.thematic?.field ?? '';
  const now = JulianDate.now();
  const striped = GroundPrimitive.supportsMaterials(scene);
  const materials = new Map<string, MaterialProperty>();
  const outlines = new Map<string, ColorMaterialProperty>();
  const palette = new Map<string, string>();
  const colourOf = new Map<Entity, string>();
  entities.suspendEvents();
  for (const entity of entities.values) {
    if (!entity.polygon) continue;
    const values: unknown = entity.properties?.getValue(now);
    const colour = categoryColour(
      typeof values === 'object' && values !== null ? (values as Record<string, unknown>)[field] : null,
      palette,
    );
    colourOf.set(entity, colour);
    const repeat = striped ? repeatFor(entity, now) : 0;
    const key = `${colour}:${String(repeat)}`;
    let material = materials.get(key);
    if (!material) {
      const base = Color.fromCssColorString(colour);
      material = striped
        ? new StripeMaterialProperty({
            orientation: StripeOrientation.VERTICAL,
            evenColor: base.withAlpha(0.9 * opacity),
            oddColor: base.withAlpha(0.15 * opacity),
            repeat,
          })
        : new ColorMaterialProperty(base.withAlpha(0.5 * opacity));
      materials.set(key, material);
    }
    entity.polygon.material = material;
    // Diagonal stripes: the texture coordinates turned by 45°.
    entity.polygon.stRotation = new ConstantProperty(Math.PI / 4);
  }
  for (const entity of entities.values) {
    const parentColour = entity.parent ? colourOf.get(entity.parent) : undefined;
    if (!entity.polyline || !parentColour) continue;
    let outline = outlines.get(parentColour);
    if (!outline) {
      outline = new ColorMaterialProperty(Color.fromCssColorString(parentColour).withAlpha(opacity));
      outlines.set(parentColour, outline);
    }
    entity.polyline.material = outline;
  }
  entities.resumeEvents();
}
