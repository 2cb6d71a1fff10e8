/**
 * The terrain analyses in the analysis registry (issue #16): `cim analyze los | viewshed |
 * profile | cut-fill | flood`. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
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
import { defineAnalysis } from '../entry.js';

const terrainFlags = {
  dem: { valueName: 'DEM.tif' },
  terrain: { valueName: 'L' },
  buildings: { valueName: 'L' },
  heightField: { valueName: 'F' },
  curvCoeff: { valueName: 'K' },
  name: { valueName: 'N' },
} as const;

const load = async () => import('./run-terrain.js');
const f1 = (v: number): string => v.toFixed(1);

export const losEntry = defineAnalysis({
  kind: 'los',
  command: ['los'],
  params: LosParams,
  summary: LosSummary,
  load: async () => ({ run: (await load()).runLos }),
  jobTitle: (p) => `${p.from.join(',')} → ${p.to.join(',')}`,
  cli: {
    flags: {
      from: { valueName: 'LON,LAT,H' },
      to: { valueName: 'LON,LAT,H' },
      stepM: { valueName: 'M' },
      ...terrainFlags,
    },
    human: (s) =>
      s.visible
        ? `${s.resultLayer}: visible over ${f1(s.lengthM)} m`
        : `${s.resultLayer}: blocked at ${f1(s.obstruction?.distanceM ?? 0)} m by ${
            s.obstruction?.kind === 'building' ? `building ${s.obstruction.buildingId ?? ''}` : 'terrain'
          } (${f1(s.obstruction?.aboveLineM ?? 0)} m above the line); ${f1(s.visibleLengthM)} of ${f1(s.lengthM)} m seen`,
  },
  resultStyle: { thematic: { field: 'visible', method: 'categories', colours: { '1': '#1a9641', '0': '#d7191c' } } },
  panel: true,
});

export const viewshedEntry = defineAnalysis({
  kind: 'viewshed',
  command: ['viewshed'],
  params: ViewshedParams,
  summary: ViewshedSummary,
  load: async () => ({ run: (await load()).runViewshed }),
  jobTitle: (p) => `${p.observer.join(',')} · ${String(p.radius)} m`,
  cli: {
    flags: {
      observer: { valueName: 'LON,LAT' },
      height: { valueName: 'H' },
      radius: { valueName: 'M' },
      targetHeight: { valueName: 'H' },
      heading: { valueName: 'DEG' },
      fov: { valueName: 'DEG' },
      method: { valueName: 'wang2000|rays' },
      ...terrainFlags,
    },
    human: (s) =>
      `${s.resultLayer}: ${f1(s.visibleAreaM2)} m² visible (${(s.visibleShare * 100).toFixed(1)} % of ${String(
        s.visibleCells + s.hiddenCells,
      )} cells of ${String(s.cellSizeM)} m)`,
  },
  resultStyle: { thematic: { field: 'visible', method: 'categories', colours: { '1': '#1a9641', '0': '#d7191c' } } },
  panel: true,
});

/** `LON,LAT;LON,LAT…`, or a file whose first line feature is taken. */
async function parseLine(text: string): Promise<[number, number][]> {
  if (!fs.existsSync(text)) {
    return text.split(';').map((pair) => {
      const [a, b] = pair.split(',').map(Number);
      return [a ?? NaN, b ?? NaN];
    });
  }
  const coords = await firstGeometry(text, ['LineString', 'MultiLineString']);
  return coords as [number, number][];
}

async function firstGeometry(file: string, types: string[]): Promise<unknown> {
  const { openSource } = await import('../../import/registry.js');
  const src = await openSource({ path: path.resolve(file), fileName: path.basename(file) });
  try {
    for (const layer of src.layers)
      for (const f of layer.features()) {
        const g = f.geometry;
        if (!g || !types.includes(g.type)) continue;
        if (g.type === 'MultiLineString' || g.type === 'MultiPolygon') return g.coordinates[0];
        return g.coordinates;
      }
  } finally {
    src.close();
  }
  return [];
}

export const profileEntry = defineAnalysis({
  kind: 'profile',
  command: ['profile'],
  params: ProfileParams,
  summary: ProfileSummary,
  load: async () => ({ run: (await load()).runProfile }),
  jobTitle: (p) => `${String(p.line.length)} points`,
  cli: {
    flags: {
      line: { valueName: 'LON,LAT;LON,LAT|FILE', parse: parseLine },
      stepM: { valueName: 'M' },
      csv: { valueName: 'OUT.csv' },
      ...terrainFlags,
    },
    human: (s) =>
      `${s.resultLayer}: ${f1(s.lengthM)} m, ground ${f1(s.minM)}–${f1(s.maxM)} m, +${f1(s.ascentM)} / −${f1(
        s.descentM,
      )} m, ${String(s.samples.length)} samples${s.buildingsCut.length ? `, cuts ${s.buildingsCut.join(', ')}` : ''}${
        s.csv ? ` → ${s.csv}` : ''
      }`,
  },
  resultStyle: { strokeColor: '#fa8c16' },
  panel: true,
});

export const cutFillEntry = defineAnalysis({
  kind: 'cut-fill',
  command: ['cut-fill'],
  params: CutFillParams,
  summary: CutFillSummary,
  load: async () => ({ run: (await load()).runCutFill }),
  jobTitle: (p) => `${String(p.elevation)} m`,
  cli: {
    flags: {
      polygon: {
        valueName: 'P.geojson',
        parse: (file) => firstGeometry(file, ['Polygon', 'MultiPolygon']),
      },
      elevation: { valueName: 'Z' },
      gradient: { valueName: 'G' },
      azimuth: { valueName: 'DEG' },
      ...terrainFlags,
    },
    human: (s) =>
      `${s.resultLayer}: cut ${f1(s.cutM3)} m³, fill ${f1(s.fillM3)} m³ over ${f1(s.areaM2)} m² (${s.method})`,
  },
  resultStyle: { thematic: { field: 'kind', method: 'categories', colours: { cut: '#d7191c', fill: '#2c7bb6' } } },
  panel: true,
});

export const floodEntry = defineAnalysis({
  kind: 'flood',
  command: ['flood'],
  params: FloodParams,
  summary: FloodSummary,
  load: async () => ({ run: (await load()).runFlood }),
  jobTitle: (p) => `${String(p.level)} m${p.seed ? ` @ ${p.seed.join(',')}` : ''}`,
  cli: {
    flags: { level: { valueName: 'Z' }, seed: { valueName: 'LON,LAT' }, bands: { valueName: 'N' }, ...terrainFlags },
    human: (s) =>
      `${s.resultLayer}: ${f1(s.floodedAreaM2)} m² flooded, ${f1(s.volumeM3)} m³, max depth ${s.maxDepthM.toFixed(
        2,
      )} m (${s.mode})`,
  },
  panel: true,
});

export const skylineEntry = defineAnalysis({
  kind: 'skyline',
  command: ['skyline'],
  params: SkylineParams,
  summary: SkylineSummary,
  load: async () => ({ run: (await load()).runSkyline }),
  jobTitle: (p) => `${p.viewpoint.join(',')}${p.scheme ? ` · ${p.scheme}` : ''}`,
  cli: {
    flags: {
      viewpoint: { valueName: 'LON,LAT' },
      height: { valueName: 'H' },
      radius: { valueName: 'M' },
      stepDeg: { valueName: 'DEG' },
      scheme: { valueName: 'L' },
      ...terrainFlags,
    },
    human: (s) => {
      const top = Math.max(...s.before.map((q) => q.el));
      return `${s.resultLayer}: skyline up to ${top.toFixed(2)}° over ${String(s.before.length)} azimuths${
        s.after ? `; the scheme raises ${String(s.changedAzimuths)} of them, by up to ${s.maxRiseDeg.toFixed(2)}°` : ''
      }`;
    },
  },
  resultStyle: { thematic: { field: 'state', method: 'categories', colours: { before: '#1677ff', after: '#d7191c' } } },
  panel: true,
});
