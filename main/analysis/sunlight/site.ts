/**
 * The sunlight job's site: where the sample points come from (a points file, chosen facades,
 * or a ground grid in an area), the local frame centred on them, and the window and
 * requirement the parameters ask for. Environment: node.
 */
import type { SunlightParams } from '../../../common/contract/sunlight.js';
import { CimError } from '../../../common/errors.js';
import { EFFECTIVE_WINDOW, sunlightRequirement, type SunlightRequirement } from '../../../layers/sunlight.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { Position } from '../../store/gpkg-geometry.js';
import { localFrame, type LocalFrame } from '../obstacles/frame.js';
import { footprintTable, polygonsOf } from '../obstacles/read-buildings.js';
import { parseClock } from '../sun/solar-time.js';

export type SampleMode = 'points' | 'facades' | 'ground';

export interface SiteWindow {
  startMin: number;
  endMin: number;
  /** `dahan`/`dongzhi` when the standard's window was asked for. */
  standard: 'dahan' | 'dongzhi' | null;
}

export function sampleMode(p: SunlightParams): SampleMode {
  const modes: SampleMode[] = [];
  if (p.points) modes.push('points');
  if (p.facades) modes.push('facades');
  if (p.groundGrid !== undefined) modes.push('ground');
  const [only] = modes;
  if (modes.length !== 1 || !only) throw new CimError('sunlight.one_sample_source', { given: modes.join(', ') || '-' });
  if (only === 'ground' && !p.area && !p.areaPolygon) throw new CimError('sunlight.ground_needs_area', {});
  return only;
}

export function windowOf(p: SunlightParams): SiteWindow {
  if (p.window === 'dahan' || p.window === 'dongzhi') {
    const w = EFFECTIVE_WINDOW[p.window];
    return { startMin: w.startMin, endMin: w.endMin, standard: p.window };
  }
  const [a, b] = p.window.split('-');
  const startMin = parseClock(a ?? '');
  const endMin = parseClock(b ?? '');
  if (startMin === null || endMin === null || endMin <= startMin) {
    throw new CimError('sunlight.bad_window_text', { window: p.window });
  }
  return { startMin, endMin, standard: null };
}

export function requirementOf(p: SunlightParams): SunlightRequirement & { requiredMinutes: number } {
  const r = sunlightRequirement(p.climateZone, p.population, p.homeCategory);
  const hours = p.requiredHours ?? r.hours;
  return { ...r, hours, requiredMinutes: Math.round(hours * 60) };
}

/** Polygons of a polygon layer (or a 3D Tiles layer's footprints), lon/lat; only some ids when given. */
export function layerPolygons(db: Db, layer: string, only?: ReadonlySet<string>): Position[][][] {
  const info = describeFeatureTable(db, footprintTable(db, layer));
  const hasId = info.fields.some((f) => f.name === 'bldg_id');
  const out: Position[][][] = [];
  for (const f of iterateFeatures(db, info)) {
    if (only) {
      const raw = hasId ? f.properties.bldg_id : null;
      const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : String(f.fid);
      if (!only.has(id)) continue;
    }
    out.push(...polygonsOf(f.geometry));
  }
  return out;
}

/** The lon/lat box of what is sampled, and the frame centred on it. */
export function siteFrame(
  db: Db,
  p: SunlightParams,
  mode: SampleMode,
): { frame: LocalFrame; lonLatBox: [number, number, number, number] } {
  const pts: Position[] = [];
  if (mode === 'points') for (const q of p.points ?? []) pts.push([q.lon, q.lat]);
  else if (mode === 'facades' && p.facades && !p.area && !p.areaPolygon) {
    const only = p.facadeIds ? new Set(p.facadeIds) : undefined;
    for (const poly of layerPolygons(db, p.facades, only)) for (const ring of poly) pts.push(...ring);
  } else if (p.areaPolygon) for (const ring of p.areaPolygon) pts.push(...ring);
  else if (p.area) for (const poly of layerPolygons(db, p.area)) for (const ring of poly) pts.push(...ring);
  if (pts.length === 0) throw new CimError('sunlight.no_sample_points', { mode });
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of pts) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return { frame: localFrame((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), lonLatBox: box };
}
