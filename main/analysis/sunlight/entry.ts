/** Sunlight hours (日照分析, with the scheme review) in the analysis registry. Environment: node. */
import fs from 'node:fs';
import path from 'node:path';
import { SunlightParams, SunlightSummary } from '../../../common/contract/sunlight.js';
import { defineAnalysis } from '../entry.js';

const SUNLIGHT_STYLE = {
  pointSizePx: 7,
  thematic: { field: 'sunlit_min', method: 'ramp' as const, min: 0, max: 240 },
};

function human(s: SunlightSummary): string {
  const lines = [
    `${s.resultLayer}: ${String(s.count)} points, ${String(s.failingCount)} below ${String(s.requirement.hours)} h ` +
      `(${s.date}, ${s.window.startTrueSolar}-${s.window.endTrueSolar} true solar = ${s.window.startBeijing}-${s.window.endBeijing} Beijing)`,
  ];
  for (const n of s.notes) lines.push(`  note: ${n.code} ${JSON.stringify(n.facts)}`);
  if (s.scheme)
    lines.push(`  scheme ${s.scheme.layer}: ${String(s.scheme.newlyFailing.length)} homes newly below the requirement`);
  return lines.join('\n');
}

export const sunlightEntry = defineAnalysis({
  kind: 'sunlight',
  command: ['sunlight'],
  params: SunlightParams,
  summary: SunlightSummary,
  load: async () => {
    const { runSunlight } = await import('./run-sunlight.js');
    return { run: runSunlight };
  },
  jobTitle: (p) => `${p.buildings} · ${p.date}`,
  cli: {
    flags: {
      buildings: { valueName: 'L' },
      heightField: { valueName: 'F' },
      floorsField: { valueName: 'F' },
      terrain: { valueName: 'L' },
      points: {
        valueName: 'P.geojson',
        parse: async (file) => {
          const { parsePointsGeoJson } = await import('./points-file.js');
          return parsePointsGeoJson(fs.readFileSync(path.resolve(file), 'utf8'), path.basename(file)).map((q) => ({
            id: q.id,
            lon: q.lon,
            lat: q.lat,
            zM: q.zM,
            facingDeg: q.facingDeg,
          }));
        },
      },
      facades: { valueName: 'L' },
      facadeIds: { valueName: 'ID,ID' },
      spacing: { valueName: 'M' },
      groundGrid: { valueName: 'M' },
      area: { valueName: 'POLY' },
      areaPolygon: { hidden: true },
      date: { valueName: 'YYYY-MM-DD' },
      climateZone: { valueName: 'I..VII' },
      population: { valueName: 'ge50|lt50' },
      homeCategory: { valueName: 'ordinary|elderly|renewal' },
      window: { valueName: '08:00-16:00|dahan|dongzhi' },
      scheme: { valueName: 'L' },
      name: { valueName: 'N' },
      workers: { valueName: 'N' },
    },
    human,
  },
  resultStyle: SUNLIGHT_STYLE,
  report: async () => (await import('./report.js')).sunlightReport,
  panel: true,
});
