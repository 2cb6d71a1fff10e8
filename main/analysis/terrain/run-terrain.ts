/**
 * The terrain jobs (issue #16): each reads the DEM window it needs (inputs.ts), runs its
 * pure core and writes its result layer through the job tail in one transaction:
 * - los: the sight line's seen (green) and unseen (red) parts as lines;
 * - viewshed: seen and hidden cells as polygons, and the visibility raster as a GeoTIFF in
 *   `<workspace>.tiles/results/` (1 seen, 0 hidden, 255 outside the range);
 * - profile: the line, with the samples in the summary (and a CSV when asked);
 * - cut-fill: the cut and fill areas as polygons, with their volumes;
 * - skyline: the skyline polyline (and, with a scheme, the one after it), the angles in the summary;
 * - flood: the flooded cells as polygons in depth bands (deepest first: drawn in that order
 *   they are the rising water of the animation).
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  CutFillParams,
  CutFillSummary,
  FloodParams,
  FloodSummary,
  LosParams,
  LosSummary,
  ProfileParams,
  ProfileSummary,
  SkylineParams,
  SkylineSummary,
  ViewshedParams,
  ViewshedSummary,
} from '../../../common/contract/terrain.js';
import { CimError } from '../../../common/errors.js';
import { encodeGeoTiff } from '../../../seeds/raster/geotiff.js';
import type { Db } from '../../store/connection.js';
import { ensureFolder } from '../../store/files.js';
import type { AnalysisControl } from '../entry.js';
import { tilesDirOf } from '../obstacles/read-terrain.js';
import { withResultLayer } from '../result.js';
import { cutFill } from './cut-fill-core.js';
import { flood } from './flood-core.js';
import { boxAround, loadBuildings, loadDem, terrainFacts } from './inputs.js';
import { lineOfSight } from './los-core.js';
import { polygonize } from './polygonize.js';
import { profile, profileCsv } from './profile-core.js';
import type { LoadedDem } from './read-dem.js';
import { skyline, type SkylineResult } from './skyline-core.js';
import { burnBuildings, makeSurface } from './surface.js';
import { HIDDEN, viewshed, VISIBLE } from './viewshed-core.js';

const r2 = (v: number): number => Math.round(v * 100) / 100;
const r1 = (v: number): number => Math.round(v * 10) / 10;

/** Cell-edge vertex (col, row) of a window at (col0, row0) → lon/lat. */
function vertexLonLat(loaded: LoadedDem, col0: number, row0: number) {
  const d = loaded.dem;
  return (c: number, r: number): [number, number] =>
    loaded.toLonLat(d.originX + (col0 + c) * d.cellX, d.originY - (row0 + r) * d.cellY);
}

export async function runLos(db: Db, p: LosParams, control: AnalysisControl): Promise<LosSummary> {
  const started = Date.now();
  const loaded = await loadDem(db, p, boxAround([p.from, p.to].map((e) => [e[0], e[1]] as const)), 60);
  const surface = makeSurface(loaded.dem, loadBuildings(db, p, loaded));
  control.progress(0.4, 'los');
  const [fx, fy] = loaded.fromLonLat(p.from[0], p.from[1]);
  const [tx, ty] = loaded.fromLonLat(p.to[0], p.to[1]);
  const r = lineOfSight(
    surface,
    { x: fx, y: fy, heightM: p.from[2] },
    { x: tx, y: ty, heightM: p.to[2] },
    {
      curvCoeff: p.curvCoeff,
      ...(p.stepM === undefined ? {} : { stepM: p.stepM }),
    },
  );
  const ob = r.obstruction;
  return withResultLayer(
    db,
    { kind: 'los', params: p },
    {
      name: p.name,
      prefix: 'los',
      title: `通视分析 ${r.visible ? '通视' : '不通视'}`,
      geometryType: 'LINESTRING',
      fields: [
        { name: 'visible', type: 'INTEGER' },
        { name: 'from_m', type: 'REAL' },
        { name: 'to_m', type: 'REAL' },
      ],
      style: {
        strokeWidthPx: 4,
        thematic: { field: 'visible', method: 'categories', colours: { '1': '#1a9641', '0': '#d7191c' } },
      },
    },
    control,
    (out) => {
      for (const s of r.segments) {
        const a = loaded.toLonLat(s.start[0], s.start[1]);
        const b = loaded.toLonLat(s.end[0], s.end[1]);
        out.writer.write(
          {
            type: 'LineString',
            coordinates: [a, b],
          },
          [s.visible ? 1 : 0, r2(s.fromM), r2(s.toM)],
        );
      }
      const obLonLat = ob ? loaded.toLonLat(ob.x, ob.y) : null;
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        visible: r.visible,
        obstruction:
          ob && obLonLat
            ? {
                lon: obLonLat[0],
                lat: obLonLat[1],
                z: r2(ob.z),
                distanceM: r2(ob.distanceM),
                kind: ob.kind,
                buildingId: ob.buildingId,
                aboveLineM: r2(ob.aboveLineM),
              }
            : null,
        lengthM: r2(r.lengthM),
        visibleLengthM: r2(r.visibleLengthM),
        eyeZ: r2(r.eyeZ),
        targetZ: r2(r.targetZ),
        segments: r.segments.map((s) => ({ visible: s.visible, fromM: r2(s.fromM), toM: r2(s.toM) })),
        method:
          `sampled every ${r2(Math.min(loaded.dem.cellX, loaded.dem.cellY) / 4)} m on the DEM (bilinear) ` +
          `and building roofs; curvature and refraction coefficient ${String(p.curvCoeff)}`,
        ...terrainFacts(loaded, started),
      };
    },
  );
}

function writeVisibilityRaster(file: string, loaded: LoadedDem, v: ReturnType<typeof viewshed>): boolean {
  if (loaded.epsg === null || Math.abs(loaded.dem.cellX - loaded.dem.cellY) > 1e-9) return false;
  const data = new Uint8Array(v.codes.length);
  for (let k = 0; k < data.length; k++) data[k] = v.codes[k] === VISIBLE ? 1 : v.codes[k] === HIDDEN ? 0 : 255;
  const d = loaded.dem;
  fs.writeFileSync(
    file,
    encodeGeoTiff(
      {
        widthPx: v.width,
        heightPx: v.height,
        samplesPerPixel: 1,
        data,
        originX: d.originX + v.col0 * d.cellX,
        originY: d.originY - v.row0 * d.cellY,
        cellSizeM: d.cellX,
        epsg: loaded.epsg,
        citation: loaded.crsName,
        nodata: 255,
      },
      { overviews: false, deflateLevel: 1 },
    ),
  );
  return true;
}

export async function runViewshed(db: Db, p: ViewshedParams, control: AnalysisControl): Promise<ViewshedSummary> {
  const started = Date.now();
  const [lon, lat] = p.observer;
  const dLat = p.radius / 110_000;
  const dLon = p.radius / (110_000 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  const loaded = await loadDem(
    db,
    p,
    p.radius > 0 ? { minLon: lon - dLon, maxLon: lon + dLon, minLat: lat - dLat, maxLat: lat + dLat } : undefined,
    p.radius > 0 ? 20 : 0,
  );
  const buildings = loadBuildings(db, p, loaded);
  const dsm = burnBuildings(loaded.dem, buildings);
  control.progress(0.3, 'viewshed');
  const [x, y] = loaded.fromLonLat(lon, lat);
  const v = viewshed(dsm, {
    x,
    y,
    heightM: p.height,
    targetHeightM: p.targetHeight,
    radiusM: p.radius,
    curvCoeff: p.curvCoeff,
    headingDeg: p.heading,
    fovDeg: p.fov,
    method: p.method,
  });
  control.progress(0.6, 'polygons');
  const toLL = vertexLonLat(loaded, v.col0, v.row0);
  const cellArea = loaded.dem.cellX * loaded.dem.cellY;
  const seen = polygonize(v.width, v.height, (c, r) => v.codes[r * v.width + c] === VISIBLE, toLL);
  const hidden = polygonize(v.width, v.height, (c, r) => v.codes[r * v.width + c] === HIDDEN, toLL);
  return withResultLayer(
    db,
    { kind: 'viewshed', params: p },
    {
      name: p.name,
      prefix: 'viewshed',
      title: '可视域分析',
      geometryType: 'POLYGON',
      fields: [
        { name: 'visible', type: 'INTEGER' },
        { name: 'area_m2', type: 'REAL' },
      ],
      style: {
        fillOpacity: 0.45,
        thematic: { field: 'visible', method: 'categories', colours: { '1': '#1a9641', '0': '#d7191c' } },
      },
    },
    control,
    (out) => {
      for (const poly of seen)
        out.writer.write({ type: 'Polygon', coordinates: poly.rings }, [1, poly.cells * cellArea]);
      for (const poly of hidden)
        out.writer.write({ type: 'Polygon', coordinates: poly.rings }, [0, poly.cells * cellArea]);
      const dir = path.join(tilesDirOf(db), 'results');
      ensureFolder(dir, db.name);
      const file = path.join(dir, `${out.name}.tif`);
      const raster = writeVisibilityRaster(file, loaded, v) ? path.relative(path.dirname(db.name), file) : null;
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        visibleAreaM2: r1(v.visibleCells * cellArea),
        hiddenAreaM2: r1(v.hiddenCells * cellArea),
        visibleCells: v.visibleCells,
        hiddenCells: v.hiddenCells,
        visibleShare: v.inRangeCells > 0 ? Math.round((v.visibleCells / v.inRangeCells) * 10_000) / 10_000 : 0,
        observerGroundM: r2(v.observerGroundM),
        raster,
        method:
          p.method === 'rays'
            ? 'R2 ray casting (Franklin & Ray 1994) to every cell on the edge of the range'
            : 'Wang, Robinson & White 2000 (as gdal_viewshed, edge mode), one scan from the observer',
        curvCoeff: p.curvCoeff,
        ...terrainFacts(loaded, started),
      };
    },
  );
}

export async function runProfile(db: Db, p: ProfileParams, control: AnalysisControl): Promise<ProfileSummary> {
  const started = Date.now();
  const loaded = await loadDem(db, p, boxAround(p.line), 30);
  const surface = makeSurface(loaded.dem, loadBuildings(db, p, loaded));
  control.progress(0.4, 'profile');
  const line = p.line.map(([lon, lat]) => loaded.fromLonLat(lon, lat));
  let length = 0;
  for (let i = 1; i < line.length; i++)
    length += Math.hypot((line[i]?.[0] ?? 0) - (line[i - 1]?.[0] ?? 0), (line[i]?.[1] ?? 0) - (line[i - 1]?.[1] ?? 0));
  // At most ~5000 samples: the chart and the summary stay small.
  const step = Math.max(p.stepM ?? Math.min(loaded.dem.cellX, loaded.dem.cellY) / 2, length / 5000);
  const r = profile(surface, line, step);
  let csv: string | null = null;
  if (p.csv) {
    csv = path.resolve(p.csv);
    fs.writeFileSync(
      csv,
      profileCsv(r.samples, (x, y) => loaded.toLonLat(x, y)),
      'utf8',
    );
  }
  return withResultLayer(
    db,
    { kind: 'profile', params: p },
    {
      name: p.name,
      prefix: 'profile',
      title: '剖面分析',
      geometryType: 'LINESTRING',
      fields: [
        { name: 'length_m', type: 'REAL' },
        { name: 'min_m', type: 'REAL' },
        { name: 'max_m', type: 'REAL' },
      ],
      style: { strokeColor: '#fa8c16', strokeWidthPx: 3 },
    },
    control,
    (out) => {
      out.writer.write({ type: 'LineString', coordinates: p.line.map(([lon, lat]) => [lon, lat]) }, [
        r2(r.lengthM),
        r2(r.minM),
        r2(r.maxM),
      ]);
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        lengthM: r2(r.lengthM),
        minM: r2(r.minM),
        maxM: r2(r.maxM),
        ascentM: r2(r.ascentM),
        descentM: r2(r.descentM),
        buildingsCut: r.buildingsCut,
        samples: r.samples.map((s) => {
          const [lon, lat] = loaded.toLonLat(s.x, s.y);
          return {
            d: r2(s.distanceM),
            lon: Math.round(lon * 1e7) / 1e7,
            lat: Math.round(lat * 1e7) / 1e7,
            ground: Math.round(s.groundM * 1000) / 1000,
            roof: s.roofM === null ? null : Math.round(s.roofM * 1000) / 1000,
            building: s.buildingId,
          };
        }),
        csv,
        ...terrainFacts(loaded, started),
      };
    },
  );
}

export async function runCutFill(db: Db, p: CutFillParams, control: AnalysisControl): Promise<CutFillSummary> {
  const started = Date.now();
  const outer = p.polygon[0] ?? [];
  const loaded = await loadDem(db, p, boxAround(outer), 10);
  const polygon = p.polygon.map((ring) => ring.map(([lon, lat]) => loaded.fromLonLat(lon, lat)));
  const proj = polygon[0] ?? [];
  const cx = proj.reduce((s, q) => s + q[0], 0) / Math.max(1, proj.length);
  const cy = proj.reduce((s, q) => s + q[1], 0) / Math.max(1, proj.length);
  control.progress(0.4, 'cut-fill');
  const r = cutFill(loaded.dem, polygon, {
    elevationM: p.elevation,
    refX: cx,
    refY: cy,
    ...(p.gradient === undefined ? {} : { gradient: p.gradient, azimuthDeg: p.azimuth ?? 0 }),
  });
  const w = r.window;
  const toLL = vertexLonLat(loaded, w.col0, w.row0);
  const cutPolys = polygonize(w.width, w.height, (c, rr) => (w.diff[rr * w.width + c] ?? NaN) > 0, toLL);
  const fillPolys = polygonize(w.width, w.height, (c, rr) => (w.diff[rr * w.width + c] ?? NaN) < 0, toLL);
  const volumeIn = (poly: { rings: [number, number][][] }, sign: number): number => {
    // Sum the cells of this polygon: a cell belongs to it when its centre lies in its rings.
    let v = 0;
    const back = (lon: number, lat: number) => loaded.fromLonLat(lon, lat);
    const ringsXY = poly.rings.map((ring) => ring.map(([lon, lat]) => back(lon, lat)));
    const xs = ringsXY[0]?.map((q) => q[0]) ?? [];
    const ys = ringsXY[0]?.map((q) => q[1]) ?? [];
    const d = loaded.dem;
    const c0 = Math.max(0, Math.floor((Math.min(...xs) - d.originX) / d.cellX) - w.col0);
    const c1 = Math.min(w.width - 1, Math.ceil((Math.max(...xs) - d.originX) / d.cellX) - w.col0);
    const rA = Math.max(0, Math.floor((d.originY - Math.max(...ys)) / d.cellY) - w.row0);
    const rB = Math.min(w.height - 1, Math.ceil((d.originY - Math.min(...ys)) / d.cellY) - w.row0);
    for (let rr = rA; rr <= rB; rr++)
      for (let c = c0; c <= c1; c++) {
        const diff = w.diff[rr * w.width + c] ?? NaN;
        if (!(diff * sign > 0)) continue;
        const x = d.originX + (w.col0 + c + 0.5) * d.cellX;
        const y = d.originY - (w.row0 + rr + 0.5) * d.cellY;
        if (pointInRings(x, y, ringsXY)) v += Math.abs(diff) * r.cellAreaM2;
      }
    return v;
  };
  return withResultLayer(
    db,
    { kind: 'cut-fill', params: p },
    {
      name: p.name,
      prefix: 'cut_fill',
      title: '土方量',
      geometryType: 'POLYGON',
      fields: [
        { name: 'kind', type: 'TEXT' },
        { name: 'area_m2', type: 'REAL' },
        { name: 'volume_m3', type: 'REAL' },
      ],
      style: {
        fillOpacity: 0.6,
        thematic: { field: 'kind', method: 'categories', colours: { cut: '#d7191c', fill: '#2c7bb6' } },
      },
    },
    control,
    (out) => {
      for (const poly of cutPolys)
        out.writer.write({ type: 'Polygon', coordinates: poly.rings }, [
          'cut',
          r1(poly.cells * r.cellAreaM2),
          r1(volumeIn(poly, 1)),
        ]);
      for (const poly of fillPolys)
        out.writer.write({ type: 'Polygon', coordinates: poly.rings }, [
          'fill',
          r1(poly.cells * r.cellAreaM2),
          r1(volumeIn(poly, -1)),
        ]);
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        cutM3: r1(r.cutM3),
        fillM3: r1(r.fillM3),
        netM3: r1(r.netM3),
        areaM2: r1(r.areaM2),
        cells: r.cells,
        nodataCells: r.nodataCells,
        maxCutM: r2(r.maxCutM),
        maxFillM: r2(r.maxFillM),
        method:
          `cell centres inside the polygon, each with its cell area ${String(r2(r.cellAreaM2))} m² ` +
          `in ${loaded.crsName}; design ${
            p.gradient === undefined
              ? `level at ${String(p.elevation)} m`
              : `plane through ${String(p.elevation)} m at the centroid rising ${String(p.gradient)} m/m toward ${String(p.azimuth ?? 0)}°`
          }`,
        ...terrainFacts(loaded, started),
      };
    },
  );
}

function pointInRings(x: number, y: number, rings: readonly (readonly [number, number][])[]): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

export async function runFlood(db: Db, p: FloodParams, control: AnalysisControl): Promise<FloodSummary> {
  const started = Date.now();
  const loaded = await loadDem(db, p);
  control.progress(0.3, 'flood');
  const seed = p.seed ? loaded.fromLonLat(p.seed[0], p.seed[1]) : undefined;
  const r = flood(loaded.dem, p.level, seed ? { x: seed[0], y: seed[1] } : undefined);
  const d = loaded.dem;
  // Depth bands, deepest first: band k holds depths in (edge[k+1], edge[k]].
  const n = r.maxDepthM > 0 ? p.bands : 0;
  const edges = n > 0 ? Array.from({ length: n + 1 }, (_, k) => r.maxDepthM * (1 - k / n)) : [];
  const toLL = vertexLonLat(loaded, 0, 0);
  control.progress(0.6, 'polygons');
  const bandPolys = Array.from({ length: n }, (_, k) => {
    const hi = edges[k] ?? 0;
    const lo = edges[k + 1] ?? 0;
    return polygonize(
      d.width,
      d.height,
      (c, rr) => {
        const v = r.depth[rr * d.width + c] ?? 0;
        return v > lo && v <= hi + 1e-9;
      },
      toLL,
    );
  });
  if (control.isCancelled()) throw new CimError('jobs.cancelled', {});
  const cellArea = d.cellX * d.cellY;
  return withResultLayer(
    db,
    { kind: 'flood', params: p },
    {
      name: p.name,
      prefix: 'flood',
      title: `淹没分析 ${String(p.level)} m`,
      geometryType: 'POLYGON',
      fields: [
        { name: 'band', type: 'INTEGER' },
        { name: 'depth_min_m', type: 'REAL' },
        { name: 'depth_max_m', type: 'REAL' },
        { name: 'area_m2', type: 'REAL' },
      ],
      style: {
        fillOpacity: 0.6,
        thematic: {
          field: 'band',
          method: 'categories',
          colours: Object.fromEntries(Array.from({ length: p.bands }, (_, k) => [String(k), depthColour(k, p.bands)])),
        },
      },
    },
    control,
    (out) => {
      bandPolys.forEach((polys, k) => {
        for (const poly of polys)
          out.writer.write({ type: 'Polygon', coordinates: poly.rings }, [
            k,
            r2(edges[k + 1] ?? 0),
            r2(edges[k] ?? 0),
            r1(poly.cells * cellArea),
          ]);
      });
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        level: p.level,
        floodedAreaM2: r1(r.floodedAreaM2),
        volumeM3: r1(r.volumeM3),
        maxDepthM: r2(r.maxDepthM),
        minGroundM: r2(r.minGroundM),
        seeded: r.seeded,
        mode: r.belowLowest
          ? `the level is below the lowest cell (${String(r2(r.minGroundM))} m): nothing floods`
          : r.seeded
            ? 'cells below the level connected to the seed (4-connected)'
            : 'every cell below the level (no seed: basins behind ridges flood too)',
        belowLowest: r.belowLowest,
        bandDepthsM: edges.map(r2),
        ...terrainFacts(loaded, started),
      };
    },
  );
}

/** Light to dark blue, deepest (band 0) darkest. */
function depthColour(k: number, n: number): string {
  const t = n <= 1 ? 0 : k / (n - 1);
  const from = [8, 48, 107];
  const to = [158, 202, 225];
  const hex = from.map((a, i) =>
    Math.round(a + ((to[i] ?? a) - a) * t)
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${hex.join('')}`;
}

export async function runSkyline(db: Db, p: SkylineParams, control: AnalysisControl): Promise<SkylineSummary> {
  const started = Date.now();
  const [lon, lat] = p.viewpoint;
  const dLat = p.radius / 110_000;
  const dLon = p.radius / (110_000 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  const loaded = await loadDem(
    db,
    p,
    { minLon: lon - dLon, maxLon: lon + dLon, minLat: lat - dLat, maxLat: lat + dLat },
    20,
  );
  const existing = loadBuildings(db, p, loaded);
  const [x, y] = loaded.fromLonLat(lon, lat);
  const opts = { radiusM: p.radius, stepDeg: p.stepDeg, curvCoeff: p.curvCoeff };
  control.progress(0.2, 'skyline');
  const before = skyline(makeSurface(loaded.dem, existing), { x, y, heightM: p.height }, opts);
  const schemeBuildings = p.scheme ? loadBuildings(db, { ...p, buildings: p.scheme }, loaded) : null;
  control.progress(0.6, 'skyline');
  const after = schemeBuildings
    ? skyline(makeSurface(loaded.dem, [...existing, ...schemeBuildings]), { x, y, heightM: p.height }, opts)
    : null;
  const out = (pts: SkylineResult['points']) =>
    pts.map((q) => {
      const [qLon, qLat] = loaded.toLonLat(q.x, q.y);
      return {
        az: Math.round(q.azimuthDeg * 100) / 100,
        el: Math.round(q.elevationDeg * 1000) / 1000,
        d: r1(q.distanceM),
        lon: Math.round(qLon * 1e7) / 1e7,
        lat: Math.round(qLat * 1e7) / 1e7,
        z: r2(q.z),
        building: q.buildingId,
      };
    });
  let changed = 0;
  let maxRise = 0;
  if (after) {
    after.points.forEach((q, i) => {
      const rise = q.elevationDeg - (before.points[i]?.elevationDeg ?? q.elevationDeg);
      if (rise > 1e-6) changed++;
      maxRise = Math.max(maxRise, rise);
    });
  }
  return withResultLayer(
    db,
    { kind: 'skyline', params: p },
    {
      name: p.name,
      prefix: 'skyline',
      title: '天际线分析',
      geometryType: 'LINESTRING',
      fields: [
        { name: 'state', type: 'TEXT' },
        { name: 'max_el_deg', type: 'REAL' },
      ],
      style: {
        strokeWidthPx: 3,
        thematic: { field: 'state', method: 'categories', colours: { before: '#1677ff', after: '#d7191c' } },
      },
    },
    control,
    (o) => {
      const write = (state: string, pts: SkylineResult['points']) => {
        const ring = pts.map((q) => loaded.toLonLat(q.x, q.y));
        if (ring[0]) ring.push(ring[0]);
        o.writer.write({ type: 'LineString', coordinates: ring }, [
          state,
          Math.round(Math.max(...pts.map((q) => q.elevationDeg)) * 1000) / 1000,
        ]);
      };
      write('before', before.points);
      if (after) write('after', after.points);
      return {
        resultLayer: o.name,
        count: o.writer.count(),
        eyeZ: r2(before.eyeZ),
        before: out(before.points),
        after: after ? out(after.points) : null,
        changedAzimuths: changed,
        maxRiseDeg: Math.round(maxRise * 1000) / 1000,
        ...terrainFacts(loaded, started),
      };
    },
  );
}
