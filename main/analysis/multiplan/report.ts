/**
 * The multi-plan review's report, as the shared report document (main/report/document.ts):
 * title, date and inputs; a vector map of the conflicts over the plans in Gauss-Krüger
 * metres; tables by rule, class pair and district with bar and pie charts; the largest
 * conflicts. Made from the result layer and its run record, so it can be made again at any
 * time; `write-pdf.ts` lays it out. Environment: node.
 */
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures, tableExists } from '../../store/feature-table.js';
import type { Geometry, Position } from '../../store/gpkg-geometry.js';
import { gkTransforms } from '../clip/project.js';
import { runSummary } from './run-record.js';
import type { MapLayer, ReportDoc } from '../../report/document.js';
import { labels, SEVERITY_COLOURS, type ReportLang } from './report-labels.js';
import { writeReportPdf } from '../../report/write-pdf.js';

export interface ReportOptions {
  now: Date;
  lang: ReportLang;
}

/** Input features drawn on the map at most (a bigger plan makes a PDF too heavy to open). */
const MAX_MAP_INPUTS = 20_000;
const LAYER_COLOURS = ['#1b9e77', '#7570b3', '#66a61e', '#e7298a', '#a6761d'];
const TOP = 30;
const TOP_PAIRS = 15;

interface Conflict {
  fid: number;
  ruleId: string | null;
  severity: keyof typeof SEVERITY_COLOURS | null;
  areaM2: number;
  text: Record<string, string>;
  polygons: Position[][][];
}

function projected(g: Geometry | null, project: (p: Position) => Position): Position[][][] {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return [];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((rings) => rings.map((ring) => ring.map(project)));
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function readConflicts(db: Db, layer: string, project: (p: Position) => Position): Conflict[] {
  const out: Conflict[] = [];
  for (const f of iterateFeatures(db, describeFeatureTable(db, layer))) {
    const p = f.properties;
    const severity = p.severity === 'high' || p.severity === 'medium' || p.severity === 'low' ? p.severity : null;
    out.push({
      fid: f.fid,
      ruleId: typeof p.rule_id === 'string' ? p.rule_id : null,
      severity,
      areaM2: typeof p.area_m2 === 'number' ? p.area_m2 : 0,
      text: Object.fromEntries(
        ['layer_a', 'class_a', 'name_a', 'layer_b', 'class_b', 'name_b', 'district', 'fid_a', 'fid_b'].map((k) => [
          k,
          text(p[k]),
        ]),
      ),
      polygons: projected(f.geometry, project),
    });
  }
  return out;
}

/** `0701 城镇住宅用地`, or the value alone when its name is itself (control lines). */
function classText(value: string | null, name: string | null): string {
  if (value === null || value === '') return '—';
  return name && name !== value ? `${value} ${name}` : value;
}

function m2(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

function polygonItems(
  polys: readonly Position[][][],
  style: { stroke: string; hatch: boolean },
): MapLayer['items'][number][] {
  return polys.map((rings) => ({
    coords: rings.map((r) => r.map(([x, y]) => [x, y] as const)),
    ...style,
  }));
}

/** The report of a review's result layer, as a document for any report writer. */
export function multiplanReport(db: Db, layer: string, options: ReportOptions): ReportDoc {
  const s = runSummary(db, layer);
  const t = labels(options.lang);
  const { toGk } = gkTransforms(s.gkDefinition);
  const xy = new Float64Array(2);
  const project = (p: Position): Position => {
    toGk(p[0], p[1], xy);
    return [xy[0] ?? NaN, xy[1] ?? NaN];
  };
  const conflicts = readConflicts(db, layer, project).filter((c) => c.ruleId !== null);
  const inputCount = s.layers.reduce((n, l) => n + l.features, 0);
  const inputs: MapLayer[] =
    inputCount <= MAX_MAP_INPUTS
      ? s.layers
          .filter((l) => tableExists(db, l.name))
          .map((l, i) => ({
            kind: 'polygon' as const,
            items: [...iterateFeatures(db, describeFeatureTable(db, l.name))].flatMap((f) =>
              polygonItems(projected(f.geometry, project), {
                stroke: LAYER_COLOURS[i % LAYER_COLOURS.length] ?? '#888888',
                hatch: false,
              }),
            ),
          }))
      : [];
  const conflictLayer: MapLayer = {
    kind: 'polygon',
    items: [...conflicts]
      .sort((a, b) => a.areaM2 - b.areaM2)
      .flatMap((c) => polygonItems(c.polygons, { stroke: SEVERITY_COLOURS[c.severity ?? 'low'], hatch: true })),
  };
  const fitTo = conflictLayer.items.length > 0 ? [conflictLayer] : inputs;
  const used = s.byRule.filter((r) => r.count > 0);
  const pairs = s.byPair.filter((p) => p.conflictCount > 0).sort((a, b) => b.conflictAreaM2 - a.conflictAreaM2);
  const top = [...conflicts].sort((a, b) => b.areaM2 - a.areaM2).slice(0, TOP);
  const severities = ['high', 'medium', 'low'] as const;
  return {
    lang: options.lang,
    cover: {
      title: t('title'),
      subtitle: t('subtitle'),
      facts: [
        [t('date'), `${options.now.toISOString().replace('T', ' ').slice(0, 19)} UTC`],
        [t('resultLayer'), s.resultLayer],
        [t('inputs'), s.layers.map((l) => `${l.name} (${l.classField}, ${String(l.features)})`).join('；')],
        [t('rules'), `${s.rules.source} (${String(s.rules.count)})`],
        [t('zone'), `EPSG:${String(s.gkZoneEpsg)}`],
        [
          t('sliver'),
          t('sliverRule', {
            area: s.sliver.minAreaM2,
            width: s.sliver.minWidthM,
            count: s.sliver.dropped,
            dropped: m2(s.sliver.droppedAreaM2),
          }),
        ],
      ],
    },
    sections: [
      {
        kind: 'paragraph',
        text: t('totals', {
          count: s.conflicts.count,
          area: m2(s.conflicts.areaM2),
          ha: (s.conflicts.areaM2 / 10_000).toFixed(2),
        }),
      },
      {
        kind: 'map',
        title: t('map'),
        layers: [...inputs, conflictLayer],
        extent: extentOf(fitTo),
        crsLabel: `EPSG:${String(s.gkZoneEpsg)}`,
        legend: [
          ...severities.map((sev) => ({ colour: SEVERITY_COLOURS[sev], label: t(sev), hatch: true })),
          ...s.layers.map((l, i) => ({ colour: LAYER_COLOURS[i % LAYER_COLOURS.length] ?? '#888888', label: l.name })),
        ],
      },
      ...(inputs.length === 0 ? [{ kind: 'note' as const, text: t('mapNote', { count: inputCount }) }] : []),
      { kind: 'pageBreak' },
      { kind: 'heading', text: t('byRule') },
      {
        kind: 'table',
        columns: [
          { title: t('rule'), width: 45 },
          { title: t('severity'), width: 55 },
          { title: t('reason'), width: 275 },
          { title: t('count'), width: 50, align: 'right' },
          { title: t('area'), width: 90, align: 'right' },
        ],
        rows: used.map((r) => [
          r.ruleId,
          t(r.severity),
          options.lang === 'en' ? r.reasonEn : r.reasonZh,
          String(r.count),
          m2(r.areaM2),
        ]),
      },
      {
        kind: 'chart',
        chart: 'bar',
        title: t('area'),
        labels: used.map((r) => r.ruleId),
        series: [
          {
            name: t('area'),
            values: used.map((r) => r.areaM2),
            colours: used.map((r) => SEVERITY_COLOURS[r.severity]),
          },
        ],
        unit: 'm²',
      },
      {
        kind: 'chart',
        chart: 'pie',
        title: t('bySeverity'),
        labels: severities.map((k) => t(k)),
        series: [
          {
            name: t('area'),
            values: severities.map((k) => s.bySeverity[k].areaM2),
            colours: severities.map((k) => SEVERITY_COLOURS[k]),
          },
        ],
      },
      { kind: 'heading', text: t('byPair', { n: TOP_PAIRS }) },
      {
        kind: 'table',
        columns: [
          { title: t('classA'), width: 190 },
          { title: t('classB'), width: 185 },
          { title: t('count'), width: 50, align: 'right' },
          { title: t('area'), width: 90, align: 'right' },
        ],
        rows: pairs
          .slice(0, TOP_PAIRS)
          .map((p) => [
            `${p.layerA}: ${classText(p.classA, p.nameA)}`,
            `${p.layerB}: ${classText(p.classB, p.nameB)}`,
            String(p.conflictCount),
            m2(p.conflictAreaM2),
          ]),
      },
      { kind: 'heading', text: t('byDistrict') },
      {
        kind: 'table',
        columns: [
          { title: t('district'), width: 375 },
          { title: t('count'), width: 50, align: 'right' },
          { title: t('area'), width: 90, align: 'right' },
        ],
        rows: s.byDistrict.map((d) => [d.district ?? t('noDistrict'), String(d.count), m2(d.areaM2)]),
      },
      { kind: 'pageBreak' },
      { kind: 'heading', text: t('topConflicts', { n: TOP }) },
      {
        kind: 'table',
        columns: [
          { title: 'FID', width: 35 },
          { title: t('rule'), width: 35 },
          { title: t('classA'), width: 165 },
          { title: t('classB'), width: 165 },
          { title: t('district'), width: 45 },
          { title: t('area'), width: 70, align: 'right' },
        ],
        rows: top.map((c) => [
          String(c.fid),
          c.ruleId ?? '',
          `${c.text.layer_a ?? ''}#${c.text.fid_a ?? ''} ${classText(c.text.class_a ?? null, c.text.name_a ?? null)}`,
          `${c.text.layer_b ?? ''}${c.text.fid_b ? `#${c.text.fid_b}` : ''} ${classText(c.text.class_b ?? null, c.text.name_b ?? null)}`,
          c.text.district ?? '',
          m2(c.areaM2),
        ]),
      },
    ],
  };
}

/** [minX, minY, maxX, maxY] of the layers' outer rings (the map adds 5 % around it). */
function extentOf(layers: readonly MapLayer[]): [number, number, number, number] | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const l of layers)
    for (const item of l.items)
      for (const [x, y] of item.coords[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : undefined;
}

/** Writes the report of a result layer to `out`; returns its path and page count. */
export async function writeMultiplanReport(
  db: Db,
  layer: string,
  out: string,
  options: ReportOptions,
): Promise<{ path: string; pages: number }> {
  return writeReportPdf(multiplanReport(db, layer, options), out);
}
