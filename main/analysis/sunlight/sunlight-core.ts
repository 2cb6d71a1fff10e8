/**
 * 日照分析 (sunlight hours) of sample points, following GB/T 50947-2014 (建筑日照计算参数标准)
 * and judged against GB 50180-2018 §4.0.9 (layers/sunlight.ts). Pure apart from the worker
 * threads it may use: obstacles, points and the day in; minutes, intervals and notes out.
 *
 * What is counted, as stated in the result:
 * - the effective window is in true solar time (大寒日 08:00-16:00, 冬至日 09:00-15:00) and is
 *   shown in Beijing time too: minus 4 min per degree east of 120°E and that day's equation of time;
 * - one sample per step (1 min) at the step's middle; the Sun's elevation is geometric unless
 *   refraction is asked for; a point on a facade is lit only while the Sun is in front of it;
 * - a point is lit while its ray to the Sun meets no building prism and no ground (cast.ts);
 * - continuity rules are off unless given: minimum counted segment, sweep angle;
 * - a point fails when its counted minutes are below the requirement.
 * Environment: node (worker threads through pool.ts).
 */
import type { ObstacleData } from '../obstacles/prisms.js';
import type { TerrainGrid } from '../obstacles/terrain-grid.js';
import { calculationDayOf, clockText, solarTermDate, type SolarTerm } from '../sun/solar-time.js';
import { intervalsOf, type PointSunlight } from './intervals.js';
import type { SamplePoint } from './points.js';
import { castAll } from './pool.js';
import { sunTrack } from './track.js';

export interface SunlightRules {
  /** 最小连续日照时间: lit intervals shorter than this many minutes are not counted (null: off). */
  minSegmentMin: number | null;
  /** 日照扫掠角: sunlight meeting the wall at a horizontal angle below this is not counted (null: off). */
  minSweepDeg: number | null;
}

export interface SunlightInput {
  date: string;
  lonDeg: number;
  latDeg: number;
  /** Effective window in true solar time, minutes after midnight. */
  startMin: number;
  endMin: number;
  stepMin: number;
  refraction: boolean;
  rules: SunlightRules;
  requiredMinutes: number;
  obstacles: ObstacleData;
  terrain: TerrainGrid | null;
  points: readonly SamplePoint[];
  workers?: number;
  onProgress?(fraction: number): void;
  isCancelled?(): boolean;
}

interface SunlightNote {
  code: 'not_calculation_day' | 'polar_night' | 'no_buildings' | 'no_points';
  facts: Record<string, string | number>;
}

export interface PointResult extends PointSunlight {
  id: string;
  facingDeg: number | null;
  heightAboveGroundM: number;
  buildingId: string | null;
  floor: number | null;
  meets: boolean;
}

export interface SunlightResult {
  date: string;
  calculationDay: SolarTerm | null;
  window: {
    startTrueSolar: string;
    endTrueSolar: string;
    startBeijing: string;
    endBeijing: string;
    equationOfTimeMin: number;
    longitudeCorrectionMin: number;
  };
  stepMin: number;
  elevation: 'geometric' | 'refracted';
  rules: SunlightRules & { applied: ('min_segment' | 'sweep_angle')[] };
  requiredMinutes: number;
  sunAboveHorizonMin: number;
  notes: SunlightNote[];
  points: PointResult[];
  /** Ids of the points below the requirement. */
  failing: string[];
}

export async function analyzeSunlight(input: SunlightInput): Promise<SunlightResult> {
  const track = sunTrack({
    date: input.date,
    lonDeg: input.lonDeg,
    latDeg: input.latDeg,
    startMin: input.startMin,
    endMin: input.endMin,
    stepMin: input.stepMin,
    refraction: input.refraction,
  });
  const notes: SunlightNote[] = [];
  const calculationDay = calculationDayOf(input.date);
  if (!calculationDay) {
    const year = Number(input.date.slice(0, 4));
    notes.push({
      code: 'not_calculation_day',
      facts: { date: input.date, dahan: solarTermDate(year, 'dahan'), dongzhi: solarTermDate(year, 'dongzhi') },
    });
  }
  if (track.above === 0) notes.push({ code: 'polar_night', facts: { lat: input.latDeg, date: input.date } });
  if (input.obstacles.baseM.length === 0) notes.push({ code: 'no_buildings', facts: {} });
  if (input.points.length === 0) notes.push({ code: 'no_points', facts: {} });

  const masks = await castAll({
    init: {
      obstacles: input.obstacles,
      terrain: input.terrain,
      track,
      options: { minSweepDeg: input.rules.minSweepDeg },
    },
    points: input.points,
    ...(input.workers === undefined ? {} : { workers: input.workers }),
    onProgress: (done, total) => input.onProgress?.(done / total),
    isCancelled: () => input.isCancelled?.() ?? false,
  });
  const points = input.points.map((p, i): PointResult => {
    const s = intervalsOf(track, masks.subarray(i * track.count, (i + 1) * track.count), input.rules.minSegmentMin);
    return {
      id: p.id,
      facingDeg: p.facingDeg,
      heightAboveGroundM: p.heightAboveGroundM,
      buildingId: p.buildingId,
      floor: p.floor,
      ...s,
      meets: s.sunlitMinutes >= input.requiredMinutes,
    };
  });
  const offset = track.conversion.offsetMin;
  const applied: ('min_segment' | 'sweep_angle')[] = [];
  if (input.rules.minSegmentMin !== null) applied.push('min_segment');
  if (input.rules.minSweepDeg !== null) applied.push('sweep_angle');
  return {
    date: input.date,
    calculationDay,
    window: {
      startTrueSolar: clockText(input.startMin, true),
      endTrueSolar: clockText(input.endMin, true),
      startBeijing: clockText(input.startMin - offset, true),
      endBeijing: clockText(input.endMin - offset, true),
      equationOfTimeMin: Math.round(track.conversion.equationOfTimeMin * 1000) / 1000,
      longitudeCorrectionMin: Math.round(track.conversion.longitudeCorrectionMin * 1000) / 1000,
    },
    stepMin: track.stepMin,
    elevation: input.refraction ? 'refracted' : 'geometric',
    rules: { ...input.rules, applied },
    requiredMinutes: input.requiredMinutes,
    sunAboveHorizonMin: track.above * track.stepMin,
    notes,
    points,
    failing: points.filter((p) => !p.meets).map((p) => p.id),
  };
}
