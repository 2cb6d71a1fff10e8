/**
 * The sunlight job (日照分析): reads the buildings (and the scheme, and the terrain), lays the
 * sample points, runs the core (sunlight-core.ts, both cores) once, or before and after the
 * scheme on the same points, and writes the points as the result layer (with the shadow
 * envelope as a second layer when asked), all in one transaction through the shared job tail.
 * Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import type { SunlightParams, SunlightSummary } from '../../../common/contract/sunlight.js';
import type { Db } from '../../store/connection.js';
import type { Position } from '../../store/gpkg-geometry.js';
import type { AnalysisControl } from '../entry.js';
import { tilesDirOf } from '../obstacles/read-terrain.js';
import { toLocal, type LocalFrame } from '../obstacles/frame.js';
import { openObstacles, packObstacles } from '../obstacles/prisms.js';
import {
  buildingsSource,
  footprintTable,
  prismsOf,
  readBuildings,
  type LoadedBuilding,
} from '../obstacles/read-buildings.js';
import { readTerrainGrid } from '../obstacles/read-terrain.js';
import { groundAt, type TerrainGrid } from '../obstacles/terrain-grid.js';
import { withResultLayer } from '../result.js';
import { compareScheme } from '../scheme/compare-core.js';
import { clockText, dayConversion, trueSolarToUtcMs } from '../sun/solar-time.js';
import { sunPosition } from '../sun/spa.js';
import { geosUnion } from './geos-union.js';
import { facadePoints, groundGridPoints, type SamplePoint } from './points.js';
import { insideRings } from '../height-limit/height-limit-core.js';
import { readSchemeBuildings } from './read-scheme.js';
import { shadowEnvelope, type ShadowEnvelope, type SunVector } from './shadow-envelope.js';
import { requirementOf, sampleMode, siteFrame, windowOf, layerPolygons } from './site.js';
import { analyzeSunlight, type SunlightResult } from './sunlight-core.js';

/** Reach of shadows considered around the site for terrain, metres. */
const TERRAIN_MARGIN_M = 1500;

function localBox(frame: LocalFrame, box: [number, number, number, number], marginM: number) {
  const a = toLocal(frame, box[0], box[1]);
  const b = toLocal(frame, box[2], box[3]);
  return {
    minX: Math.min(a[0], b[0]) - marginM,
    minY: Math.min(a[1], b[1]) - marginM,
    maxX: Math.max(a[0], b[0]) + marginM,
    maxY: Math.max(a[1], b[1]) + marginM,
  };
}

function samplePoints(
  db: Db,
  p: SunlightParams,
  mode: ReturnType<typeof sampleMode>,
  frame: LocalFrame,
  terrain: TerrainGrid | null,
  buildings: LoadedBuilding[],
  buildingsTable: string,
): SamplePoint[] {
  if (mode === 'points') {
    return (p.points ?? []).map((q) => {
      const [x, y] = toLocal(frame, q.lon, q.lat);
      const g = groundAt(terrain, x, y);
      return {
        id: q.id,
        x,
        y,
        xs: [x],
        ys: [y],
        z: g + q.zM,
        groundM: g,
        heightAboveGroundM: q.zM,
        facingDeg: q.facingDeg,
        buildingId: null,
        floor: null,
      };
    });
  }
  const areaRings = (): [number, number][][] => {
    const lonLat: Position[][][] = p.areaPolygon ? [p.areaPolygon] : p.area ? layerPolygons(db, p.area) : [];
    return lonLat.flatMap((poly) => poly.map((r) => r.map(([lon, lat]) => toLocal(frame, lon, lat))));
  };
  if (mode === 'facades' && p.facades) {
    const only = p.facadeIds ? new Set(p.facadeIds) : undefined;
    const all =
      footprintTable(db, p.facades) === buildingsTable
        ? buildings.filter((b) => !only || only.has(b.id))
        : readBuildings(
            db,
            buildingsSource(db, p.facades, { heightField: p.heightField, floorsField: p.floorsField }),
            frame,
            terrain,
            { only, floorsField: p.floorsField },
          ).buildings;
    const area = p.area || p.areaPolygon ? areaRings() : null;
    const homes = all.filter((b) => {
      if (p.facadeUse !== undefined && b.properties.use !== p.facadeUse) return false;
      if (!area) return true;
      const ring = b.rings[0] ?? [];
      const cx = ring.reduce((n, q) => n + q[0], 0) / Math.max(1, ring.length);
      const cy = ring.reduce((n, q) => n + q[1], 0) / Math.max(1, ring.length);
      return insideRings(area, cx, cy);
    });
    return facadePoints(homes, {
      ...(p.spacing === undefined ? {} : { spacingM: p.spacing }),
      ...(p.sillM === undefined ? {} : { sillM: p.sillM }),
      ...(p.lowestFloorOnly ? { allFloors: false } : {}),
      windowWidthM: p.windowWidthM ?? null,
    });
  }
  const rings = areaRings();
  const obstacles = openObstacles(packObstacles(prismsOf(buildings)));
  return groundGridPoints(rings, p.groundGrid ?? 10, obstacles, terrain);
}
function pointFields(withScheme: boolean): FieldDef[] {
  const f: FieldDef[] = [
    { name: 'point_id', type: 'TEXT' },
    { name: 'building', type: 'TEXT' },
    { name: 'floor', type: 'INTEGER' },
    { name: 'facing_deg', type: 'REAL' },
    { name: 'height_m', type: 'REAL' },
    { name: 'z_m', type: 'REAL' },
    { name: 'sunlit_min', type: 'INTEGER' },
    { name: 'lit_min', type: 'INTEGER' },
    { name: 'required_min', type: 'INTEGER' },
    { name: 'meets', type: 'INTEGER' },
    { name: 'intervals_tst', type: 'TEXT' },
    { name: 'intervals_bjt', type: 'TEXT' },
  ];
  if (withScheme) f.push({ name: 'before_min', type: 'INTEGER' }, { name: 'change', type: 'TEXT' });
  return f;
}

/** The Sun every `stepMin` minutes of true solar time from `from` to `to` (both included). */
function envelopeSuns(date: string, lon: number, lat: number, from: number, to: number, stepMin = 10): SunVector[] {
  const conv = dayConversion(date, lon);
  const out: SunVector[] = [];
  if (!conv) return out;
  const times: number[] = [];
  for (let m = from; m < to; m += stepMin) times.push(m);
  times.push(to);
  for (const m of times) {
    const p = sunPosition(trueSolarToUtcMs(date, m, conv) ?? NaN, lon, lat);
    out.push({ azimuthDeg: p.azimuthDeg, elevationDeg: p.elevationDeg });
  }
  return out;
}

/** Values in the fields' order. */
function row(fields: readonly FieldDef[], values: Record<string, unknown>): unknown[] {
  return fields.map((f) => values[f.name] ?? null);
}

export async function runSunlight(db: Db, p: SunlightParams, control: AnalysisControl): Promise<SunlightSummary> {
  const started = Date.now();
  const tilesDir = tilesDirOf(db);
  const mode = sampleMode(p);
  const win = windowOf(p);
  const req = requirementOf(p);
  control.progress(0.01, 'read');
  const { frame, lonLatBox } = siteFrame(db, p, mode);
  const terrain = p.terrain
    ? await readTerrainGrid(db, tilesDir, p.terrain, frame, localBox(frame, lonLatBox, TERRAIN_MARGIN_M))
    : null;
  const source = buildingsSource(db, p.buildings, { heightField: p.heightField, floorsField: p.floorsField });
  const { buildings, skipped } = readBuildings(db, source, frame, terrain, { floorsField: p.floorsField });
  const points = samplePoints(db, p, mode, frame, terrain, buildings, source.table);
  const scheme = p.scheme
    ? await readSchemeBuildings(db, tilesDir, p.scheme, frame, terrain, p.schemeHeightField)
    : null;
  control.progress(0.05, 'cast');

  const core = (extra: LoadedBuilding[], from: number, to: number) =>
    analyzeSunlight({
      date: p.date,
      lonDeg: frame.centreLonDeg,
      latDeg: frame.centreLatDeg,
      startMin: win.startMin,
      endMin: win.endMin,
      stepMin: p.stepMin,
      refraction: p.refraction,
      rules: { minSegmentMin: p.minSegmentMin ?? null, minSweepDeg: p.sweepAngleDeg ?? null },
      requiredMinutes: req.requiredMinutes,
      obstacles: packObstacles(prismsOf([...buildings, ...extra]), { shared: (p.workers ?? 2) > 0 }),
      terrain,
      points,
      ...(p.workers === undefined ? {} : { workers: p.workers }),
      onProgress: (f) => control.progress(from + (to - from) * f, 'cast'),
      isCancelled: () => control.isCancelled(),
    });
  const before = await core([], 0.05, scheme ? 0.45 : 0.85);
  const after = scheme ? await core(scheme, 0.45, 0.85) : null;
  const result = after ?? before;
  const comparison = after ? compareScheme(before.points, after.points) : null;

  let envelope: ShadowEnvelope | null = null;
  if (p.envelope || scheme) {
    control.progress(0.87, 'envelope');
    const [fromText, toText] = (p.envelopeWindow ?? '').split('-');
    const from = p.envelopeWindow
      ? Number(fromText?.split(':')[0]) * 60 + Number(fromText?.split(':')[1])
      : win.startMin;
    const to = p.envelopeWindow ? Number(toText?.split(':')[0]) * 60 + Number(toText?.split(':')[1]) : win.endMin;
    const casters = scheme ?? nearPoints(buildings, points);
    const engine = await geosUnion();
    try {
      envelope = shadowEnvelope(
        casters.map((b) => ({ rings: b.rings, baseM: b.baseM, topM: b.baseM + b.heightM })),
        envelopeSuns(p.date, frame.centreLonDeg, frame.centreLatDeg, from, to),
        engine,
      );
    } finally {
      engine.dispose();
    }
  }
  control.progress(0.9, 'write');
  const xy = new Float64Array(2);
  const lonLatOf = (x: number, y: number): Position => {
    frame.toLonLat(x, y, xy);
    return [xy[0] ?? 0, xy[1] ?? 0];
  };
  const beforeById = new Map(before.points.map((q) => [q.id, q]));
  const changeById = new Map(comparison?.points.map((c) => [c.id, c.change]) ?? []);
  const fields = pointFields(after !== null);
  const envelopeFields: FieldDef[] = [
    { name: 'from_tst', type: 'TEXT' },
    { name: 'to_tst', type: 'TEXT' },
    { name: 'area_m2', type: 'REAL' },
  ];
  const joinIntervals = (q: SunlightResult['points'][number], key: 'TrueSolar' | 'Beijing'): string =>
    q.intervals.map((i) => `${i[`start${key}`]}-${i[`end${key}`]}${i.counted ? '' : '*'}`).join('; ');

  return withResultLayer(
    db,
    { kind: 'sunlight', params: { ...p, points: p.points ? `${String(p.points.length)} points` : undefined } },
    {
      name: p.name,
      prefix: 'sunlight',
      title: `日照分析 ${p.date}`,
      geometryType: 'POINT',
      fields,
      style: {
        pointSizePx: 7,
        thematic: { field: 'sunlit_min', method: 'ramp', min: 0, max: Math.max(60, req.requiredMinutes * 2) },
      },
    },
    control,
    (out) => {
      result.points.forEach((q, i) => {
        const s = points[i];
        if (!s) return;
        out.writer.write(
          { type: 'Point', coordinates: lonLatOf(s.x, s.y) },
          row(fields, {
            point_id: q.id,
            building: q.buildingId,
            floor: q.floor,
            facing_deg: q.facingDeg === null ? null : Math.round(q.facingDeg * 10) / 10,
            height_m: Math.round(s.heightAboveGroundM * 100) / 100,
            z_m: Math.round(s.z * 100) / 100,
            sunlit_min: q.sunlitMinutes,
            lit_min: q.litMinutes,
            required_min: req.requiredMinutes,
            meets: q.meets ? 1 : 0,
            intervals_tst: joinIntervals(q, 'TrueSolar'),
            intervals_bjt: joinIntervals(q, 'Beijing'),
            ...(after
              ? { before_min: beforeById.get(q.id)?.sunlitMinutes ?? null, change: changeById.get(q.id) ?? null }
              : {}),
          }),
        );
      });
      let envelopeLayer: string | null = null;
      if (envelope && envelope.polygons.length > 0) {
        const env = out.addLayer({
          prefix: `${out.name}_shadow`,
          title: `日照阴影 ${p.date}`,
          geometryType: 'MULTIPOLYGON',
          fields: envelopeFields,
          style: { fillColor: '#3b4a6b', fillOpacity: 0.35, strokeColor: '#1f2a44' },
        });
        const range = (p.envelopeWindow ?? `${clockText(win.startMin)}-${clockText(win.endMin)}`).split('-');
        env.writer.write(
          {
            type: 'MultiPolygon',
            coordinates: envelope.polygons.map((poly) => poly.map((r) => r.map(([x, y]) => lonLatOf(x, y)))),
          },
          row(envelopeFields, {
            from_tst: range[0] ?? null,
            to_tst: range[1] ?? null,
            area_m2: Math.round(envelope.areaM2 * 10) / 10,
          }),
        );
        envelopeLayer = env.name;
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        date: result.date,
        calculationDay: result.calculationDay,
        window: result.window,
        requirement: { day: req.day, hours: req.hours, basis: req.basis, requiredMinutes: req.requiredMinutes },
        stepMin: result.stepMin,
        elevation: result.elevation,
        rules: result.rules,
        sampleMode: mode,
        notes: result.notes,
        failing: result.failing,
        failingCount: result.failing.length,
        points: result.points.map((q) => ({
          id: q.id,
          sunlitMinutes: q.sunlitMinutes,
          meets: q.meets,
          intervals: q.intervals,
          ...(after ? { beforeMinutes: beforeById.get(q.id)?.sunlitMinutes ?? 0 } : {}),
        })),
        buildings: {
          layer: source.table,
          count: buildings.length,
          skipped,
          heightField: source.heightField,
          fromFloors: source.fromFloors,
        },
        terrain: p.terrain ?? null,
        scheme:
          comparison && p.scheme && scheme
            ? {
                layer: p.scheme,
                buildings: scheme.length,
                model: scheme.some((b) => b.properties.model === true),
                newlyFailing: comparison.newlyFailing,
                counts: comparison.counts,
                unmatched: comparison.unmatched,
              }
            : null,
        envelopeLayer,
        envelopeAreaM2: envelope ? Math.round(envelope.areaM2 * 10) / 10 : null,
        durationMs: Date.now() - started,
      };
    },
  );
}

/** Buildings whose box lies within 300 m of a sample point: the envelope's casters without a scheme. */
function nearPoints(buildings: readonly LoadedBuilding[], points: readonly SamplePoint[]): LoadedBuilding[] {
  if (points.length === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const q of points) {
    minX = Math.min(minX, q.x);
    minY = Math.min(minY, q.y);
    maxX = Math.max(maxX, q.x);
    maxY = Math.max(maxY, q.y);
  }
  const near = 300;
  return buildings.filter((b) =>
    b.rings.some((r) =>
      r.some(([x, y]) => x >= minX - near && x <= maxX + near && y >= minY - near && y <= maxY + near),
    ),
  );
}
