/** Height control (控高分析) in the analysis registry. Environment: node. */
import { HeightLimitParams, HeightLimitSummary } from '../../../common/contract/sunlight.js';
import { defineAnalysis } from '../entry.js';

const HEIGHT_LIMIT_STYLE = {
  fillOpacity: 0.8,
  thematic: { field: 'exceeds', method: 'categories' as const, colours: { '0': '#1a9641', '1': '#d7191c' } },
};

function human(s: HeightLimitSummary): string {
  return [
    `${s.resultLayer}: ${String(s.exceeding)} of ${String(s.checked)} buildings over the ${s.surface} limit (max +${s.maxExcessM.toFixed(2)} m)`,
    ...s.buildings
      .slice(0, 20)
      .map((b) => `  ${b.id}\t${b.heightM.toFixed(1)} m\tlimit ${b.limitM.toFixed(1)} m\t+${b.excessM.toFixed(2)} m`),
  ].join('\n');
}

export const heightLimitEntry = defineAnalysis({
  kind: 'height-limit',
  command: ['height-limit'],
  params: HeightLimitParams,
  summary: HeightLimitSummary,
  load: async () => {
    const { runHeightLimit } = await import('./run-height-limit.js');
    return { run: runHeightLimit };
  },
  jobTitle: (p) => `${p.buildings} · ${p.surface}`,
  cli: {
    flags: {
      buildings: { valueName: 'L' },
      surface: { valueName: 'constant|parcel|inclined|conical' },
      heightField: { valueName: 'F' },
      floorsField: { valueName: 'F' },
      terrain: { valueName: 'L' },
      limitM: { valueName: 'M' },
      parcels: { valueName: 'L' },
      limitField: { valueName: 'F' },
      originLon: { valueName: 'LON' },
      originLat: { valueName: 'LAT' },
      originHeightM: { valueName: 'M' },
      azimuthDeg: { valueName: 'DEG' },
      gradient: { valueName: 'G' },
      lengthM: { valueName: 'M' },
      innerRadiusM: { valueName: 'M' },
      outerRadiusM: { valueName: 'M' },
      name: { valueName: 'N' },
    },
    human,
  },
  resultStyle: HEIGHT_LIMIT_STYLE,
  report: async () => (await import('./report.js')).heightLimitReport,
  panel: true,
});
