/**
 * Sunlight standards for homes (住宅日照标准).
 *
 * GB 50180-2018《城市居住区规划设计标准》§4.0.9 and Table 4.0.9: the sunlight day and the
 * minimum hours by building climate zone (建筑气候区划, GB 50178) and the size of the city
 * (城区常住人口, 10⁴ people):
 *
 * | 建筑气候区划 | Ⅰ、Ⅱ、Ⅲ、Ⅶ ≥50 | Ⅰ、Ⅱ、Ⅲ、Ⅶ <50 | Ⅳ ≥50 | Ⅳ <50 | Ⅴ、Ⅵ |
 * | 日照标准日   | 大寒日 | 大寒日 | 大寒日 | 冬至日 | 冬至日 |
 * | 日照时数 (h) | ≥2     | ≥3     | ≥3     | ≥1     | ≥1     |
 * | 有效日照时间带 (当地真太阳时) | 8-16 h | 8-16 h | 8-16 h | 9-15 h | 9-15 h |
 * | 计算起点 | 底层窗台面 (0.9 m above the floor of the lowest storey, the table's note) |
 *
 * and §4.0.9 items 2-3: homes for the elderly (老年人居住建筑) not below 冬至日 2 h; new homes in
 * an old-district renewal (旧区改建) not below 大寒日 1 h. The calculation itself follows GB/T
 * 50947-2014《建筑日照计算参数标准》 (true solar time, the effective window, the sill).
 *
 * The demo city, 南阳 (Nanyang, Henan), is taken as climate zone Ⅲ with an urban population over
 * 500,000: 大寒日 ≥ 2 h in 08:00-16:00 true solar time. Environment: common.
 */

export type ClimateZone = 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI' | 'VII';
export type CityPopulation = 'ge50' | 'lt50';
export type SunlightDay = 'dahan' | 'dongzhi';
/** Ordinary homes, homes for the elderly, new homes in an old-district renewal. */
export type HomeCategory = 'ordinary' | 'elderly' | 'renewal';

export interface SunlightRequirement {
  day: SunlightDay;
  hours: number;
  /** The effective window in true solar time, minutes after midnight. */
  windowStartMin: number;
  windowEndMin: number;
  /** Which row of the standard it came from, for the result and the report. */
  basis: string;
}

/** GB/T 50947-2014 / GB 50180-2018 Table 4.0.9: 大寒日 08:00-16:00, 冬至日 09:00-15:00 (true solar time). */
export const EFFECTIVE_WINDOW: Record<SunlightDay, { startMin: number; endMin: number }> = {
  dahan: { startMin: 8 * 60, endMin: 16 * 60 },
  dongzhi: { startMin: 9 * 60, endMin: 15 * 60 },
};

/** 底层窗台面: 0.9 m above the floor (GB 50180-2018 Table 4.0.9 note). */
export const SILL_HEIGHT_M = 0.9;

export function sunlightRequirement(
  zone: ClimateZone,
  population: CityPopulation,
  category: HomeCategory = 'ordinary',
): SunlightRequirement {
  const make = (day: SunlightDay, hours: number, basis: string): SunlightRequirement => ({
    day,
    hours,
    windowStartMin: EFFECTIVE_WINDOW[day].startMin,
    windowEndMin: EFFECTIVE_WINDOW[day].endMin,
    basis,
  });
  if (category === 'elderly') return make('dongzhi', 2, 'GB 50180-2018 §4.0.9-2 老年人居住建筑 冬至日 ≥2 h');
  if (category === 'renewal') return make('dahan', 1, 'GB 50180-2018 §4.0.9-3 旧区改建新建住宅 大寒日 ≥1 h');
  const big = population === 'ge50';
  switch (zone) {
    case 'I':
    case 'II':
    case 'III':
    case 'VII':
      return big
        ? make('dahan', 2, `GB 50180-2018 表4.0.9 ${zone}气候区 城区常住人口≥50万 大寒日 ≥2 h`)
        : make('dahan', 3, `GB 50180-2018 表4.0.9 ${zone}气候区 城区常住人口<50万 大寒日 ≥3 h`);
    case 'IV':
      return big
        ? make('dahan', 3, 'GB 50180-2018 表4.0.9 IV气候区 城区常住人口≥50万 大寒日 ≥3 h')
        : make('dongzhi', 1, 'GB 50180-2018 表4.0.9 IV气候区 城区常住人口<50万 冬至日 ≥1 h');
    case 'V':
    case 'VI':
      return make('dongzhi', 1, `GB 50180-2018 表4.0.9 ${zone}气候区 冬至日 ≥1 h`);
  }
}

/** The demo city's defaults: 南阳, climate zone Ⅲ, urban population ≥ 500,000. */
export const DEMO_CITY_SUNLIGHT = { zone: 'III', population: 'ge50' } as const satisfies {
  zone: ClimateZone;
  population: CityPopulation;
};
