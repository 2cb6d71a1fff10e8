/**
 * The sunlight report (and, with a scheme, the scheme-review report): a ReportDoc made from
 * the run record and the result layers, so it can be made again at any time. The map is
 * drawn from the data in the workspace's Gauss-Krüger zone: points by whether they meet the
 * requirement, the buildings around them, the scheme and its shadow envelope. Environment: node.
 */
import { gkName, gkProj4 } from '../../../layers/crs.js';
import type { LegendItem, MapLayer, ReportDoc, ReportLang, ReportSection } from '../../report/document.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures, tableExists } from '../../store/feature-table.js';
import type { Position } from '../../store/gpkg-geometry.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone } from '../clip/zone.js';
import { footprintTable, polygonsOf } from '../obstacles/read-buildings.js';
import { readRun } from '../result.js';
import { fill, sunlightWords } from './report-words.js';
import type { SunlightSummary } from '../../../common/contract/sunlight.js';

const MAX_ROWS = 200;
const MAX_BUILDINGS = 5000;
const MAP_MARGIN_M = 150;
const COLOURS = { meets: '#1a9641', fails: '#d7191c', building: '#8c8c8c', scheme: '#e66101', envelope: '#3b4a6b' };

interface PointRow {
  xy: Position;
  id: string;
  building: string;
  floor: number | null;
  facing: number | null;
  minutes: number;
  meets: boolean;
  tst: string;
  bjt: string;
  before: number | null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export async function sunlightReport(
  db: Db,
  resultLayer: string,
  o: { lang: ReportLang; now: Date },
): Promise<ReportDoc> {
  const run = readRun(db, resultLayer, 'sunlight');
  const s = run.summary as SunlightSummary;
  const params = run.params as { buildings: string; scheme?: string };
  const w = sunlightWords(o.lang);
  const info = describeFeatureTable(db, resultLayer);
  const raw = [...iterateFeatures(db, info)].filter((f) => f.geometry?.type === 'Point');
  const firstGeom = raw[0]?.geometry;
  const centreLon = firstGeom?.type === 'Point' ? firstGeom.coordinates[0] : Number.NaN;
  const zone = analysisZone(db, centreLon);
  const gk = gkTransforms(gkProj4(zone));
  const out = new Float64Array(2);
  const project = ([lon, lat]: Position): [number, number] => {
    gk.toGk(lon, lat, out);
    return [out[0] ?? 0, out[1] ?? 0];
  };

  const points: PointRow[] = [];
  for (const f of raw) {
    if (f.geometry?.type !== 'Point') continue;
    const p = f.properties;
    points.push({
      xy: project(f.geometry.coordinates),
      id: str(p.point_id),
      building: str(p.building),
      floor: num(p.floor),
      facing: num(p.facing_deg),
      minutes: num(p.sunlit_min) ?? 0,
      meets: p.meets === 1,
      tst: str(p.intervals_tst),
      bjt: str(p.intervals_bjt),
      before: num(p.before_min),
    });
  }
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { xy } of points) {
    box[0] = Math.min(box[0], xy[0] - MAP_MARGIN_M);
    box[1] = Math.min(box[1], xy[1] - MAP_MARGIN_M);
    box[2] = Math.max(box[2], xy[0] + MAP_MARGIN_M);
    box[3] = Math.max(box[3], xy[1] + MAP_MARGIN_M);
  }
  const polygonsIn = (table: string, stroke: string, fill: string | null, opacity: number): MapLayer => {
    const items: MapLayer['items'][number][] = [];
    if (!tableExists(db, table)) return { kind: 'polygon', items };
    for (const f of iterateFeatures(db, describeFeatureTable(db, table))) {
      for (const poly of polygonsOf(f.geometry)) {
        const rings = poly.map((r) => r.map(project));
        const inside = rings[0]?.some(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]);
        if (inside && items.length < MAX_BUILDINGS) items.push({ coords: rings, stroke, fill, fillOpacity: opacity });
      }
    }
    return { kind: 'polygon', items };
  };
  const layers: MapLayer[] = [];
  const legend: LegendItem[] = [];
  if (s.envelopeLayer) {
    layers.push(polygonsIn(s.envelopeLayer, COLOURS.envelope, COLOURS.envelope, 0.25));
    legend.push({ colour: COLOURS.envelope, label: w.legendEnvelope });
  }
  try {
    layers.push(polygonsIn(footprintTable(db, params.buildings), '#595959', COLOURS.building, 0.5));
    legend.push({ colour: COLOURS.building, label: w.legendBuildings });
  } catch {
    // The buildings layer was removed since the run: the map shows the points alone.
  }
  if (params.scheme) {
    try {
      layers.push(polygonsIn(footprintTable(db, params.scheme), COLOURS.scheme, COLOURS.scheme, 0.6));
      legend.push({ colour: COLOURS.scheme, label: w.legendScheme });
    } catch {
      // A placed model has no footprint table: its envelope is drawn instead.
    }
  }
  for (const meets of [true, false]) {
    layers.push({
      kind: 'point',
      items: points
        .filter((p) => p.meets === meets)
        .map((p) => ({
          coords: [[p.xy]],
          stroke: meets ? COLOURS.meets : COLOURS.fails,
          fill: meets ? COLOURS.meets : COLOURS.fails,
        })),
    });
  }
  legend.push({ colour: COLOURS.meets, label: w.legendMeets }, { colour: COLOURS.fails, label: w.legendFails });

  const dayLabel = s.calculationDay ? w[s.calculationDay] : w.notCalcDay;
  const notCalc = s.notes.find((n) => n.code === 'not_calculation_day');
  const rules = [
    ...(s.rules.minSegmentMin !== null ? [fill(w.minSegment, { n: s.rules.minSegmentMin })] : []),
    ...(s.rules.minSweepDeg !== null ? [fill(w.sweep, { n: s.rules.minSweepDeg })] : []),
  ];
  const mean = points.length ? points.reduce((n, p) => n + p.minutes, 0) / points.length : 0;
  const bins = [0, 0, 0, 0, 0];
  for (const p of points) {
    const k = Math.min(4, Math.floor(p.minutes / 60));
    bins[k] = (bins[k] ?? 0) + 1;
  }
  const failing = points.filter((p) => !p.meets).sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? -1 : 1));

  const sections: ReportSection[] = [
    { kind: 'heading', text: w.conventions },
    { kind: 'paragraph', text: w.conventionsText },
    {
      kind: 'facts',
      rows: [
        [w.date, s.date],
        [w.calcDay, notCalc ? fill(w.notCalcDay, notCalc.facts) : dayLabel],
        [w.windowTst, `${s.window.startTrueSolar} – ${s.window.endTrueSolar}`],
        [w.windowBjt, `${s.window.startBeijing} – ${s.window.endBeijing}`],
        [w.eot, `${s.window.equationOfTimeMin.toFixed(2)} min / ${s.window.longitudeCorrectionMin.toFixed(2)} min`],
        [w.step, fill(w.minutesText, { n: s.stepMin })],
        [w.elevation, s.elevation === 'refracted' ? w.refracted : w.geometric],
        [w.rules, rules.length ? rules.join('；') : w.rulesNone],
        [w.requirement, s.requirement.basis],
        [w.buildings, `${s.buildings.layer}（${String(s.buildings.count)}）`],
        [w.terrain, s.terrain ?? w.flat],
        [w.sampleModes, w[s.sampleMode]],
      ],
    },
    { kind: 'heading', text: w.results },
    {
      kind: 'facts',
      rows: [
        [w.pointCount, String(points.length)],
        [w.meeting, String(points.length - failing.length)],
        [w.failing, String(failing.length)],
        [w.meanHours, fill(w.hoursText, { n: (mean / 60).toFixed(2) })],
      ],
    },
    {
      kind: 'chart',
      chart: 'bar',
      title: w.histogram,
      labels: w.hoursBins,
      series: [{ name: w.pointsUnit, values: bins }],
      unit: w.pointsUnit,
    },
    { kind: 'map', title: w.map, layers, legend, crsLabel: `${w.crs}: ${gkName(zone)}` },
  ];
  if (s.scheme) {
    const newly = new Set(s.scheme.newlyFailing);
    const rows = points
      .filter((p) => newly.has(p.id))
      .sort((a, b) => a.minutes - (a.before ?? 0) - (b.minutes - (b.before ?? 0)))
      .slice(0, MAX_ROWS);
    sections.push(
      { kind: 'heading', text: w.scheme },
      {
        kind: 'facts',
        rows: [
          [w.schemeLayer, s.scheme.layer],
          ...Object.entries(s.scheme.counts).map(
            ([k, v]) => [w.change[k as keyof typeof w.change], String(v)] as const,
          ),
        ],
      },
      {
        kind: 'table',
        caption: w.newlyFailing,
        columns: [
          { title: w.id, width: 3 },
          { title: w.building, width: 2 },
          { title: w.floor, width: 1, align: 'right' },
          { title: w.before, width: 2, align: 'right' },
          { title: w.after, width: 2, align: 'right' },
          { title: w.delta, width: 2, align: 'right' },
        ],
        rows: rows.length
          ? rows.map((p) => [p.id, p.building, p.floor, p.before, p.minutes, p.minutes - (p.before ?? 0)])
          : [[w.none, null, null, null, null, null]],
      },
    );
  }
  sections.push({
    kind: 'table',
    caption: fill(w.failingList, { n: MAX_ROWS }),
    columns: [
      { title: w.id, width: 3 },
      { title: w.floor, width: 1, align: 'right' },
      { title: w.facing, width: 1, align: 'right' },
      { title: w.minutes, width: 1.5, align: 'right' },
      { title: w.intervalsTst, width: 4 },
      { title: w.intervalsBjt, width: 4 },
    ],
    rows: failing.length
      ? failing
          .slice(0, MAX_ROWS)
          .map((p) => [
            p.id,
            p.floor,
            p.facing === null ? '' : `${p.facing.toFixed(0)}°`,
            p.minutes,
            p.tst || '—',
            p.bjt || '—',
          ])
      : [[w.none, null, null, null, null, null]],
  });
  const notes = s.notes.map((n) => fill(w.note[n.code], n.facts));
  if (s.rules.minSegmentMin !== null) notes.push(w.counted);
  if (notes.length)
    sections.push({ kind: 'heading', text: w.notes }, ...notes.map((t) => ({ kind: 'note' as const, text: t })));
  return Promise.resolve({
    lang: o.lang,
    cover: {
      title: s.scheme ? w.titleScheme : w.title,
      subtitle: w.subtitle,
      facts: [
        [w.generated, o.now.toISOString().slice(0, 16).replace('T', ' ')],
        [w.resultLayer, resultLayer],
        [w.date, s.date],
        [w.requirement, s.requirement.basis],
      ],
    },
    sections,
    footer: `CIM Workstation · ${resultLayer}`,
  });
}
