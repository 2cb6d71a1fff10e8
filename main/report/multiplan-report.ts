/**
 * The multi-plan review's PDF report (A4, pdfkit, the system CJK font): title, date and
 * inputs; a vector map of the conflicts over the plans in Gauss-Krüger metres; tables by
 * rule, class pair and district with bar and pie charts; the largest conflicts. Made from
 * the result layer and its run record, so it can be made again at any time.
 * Environment: node.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Db } from '../store/connection.js';
import { prepareOutputFile } from '../store/files.js';
import { describeFeatureTable, iterateFeatures, tableExists } from '../store/feature-table.js';
import type { Geometry, Position } from '../store/gpkg-geometry.js';
import { gkTransforms } from '../analysis/clip/project.js';
import { runSummary } from '../analysis/multiplan/run-record.js';
import { findCjkFont } from './font.js';
import { labels, SEVERITY_COLOURS, type ReportLang } from './labels.js';
import { drawBars, drawMap, drawPie, drawScaleBar, drawTable, type MapPolygon } from './pdf-draw.js';

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

/** Writes the report of a result layer to `out`; returns its path and page count. */
export async function writeMultiplanReport(
  db: Db,
  layer: string,
  out: string,
  options: ReportOptions,
): Promise<{ path: string; pages: number }> {
  const s = runSummary(db, layer);
  const t = labels(options.lang);
  const font = findCjkFont();
  const { toGk } = gkTransforms(s.gkDefinition);
  const xy = new Float64Array(2);
  const project = (p: Position): Position => {
    toGk(p[0], p[1], xy);
    return [xy[0] ?? NaN, xy[1] ?? NaN];
  };
  const conflicts = readConflicts(db, layer, project).filter((c) => c.ruleId !== null);
  const inputCount = s.layers.reduce((n, l) => n + l.features, 0);
  const inputs: MapPolygon[][] =
    inputCount <= MAX_MAP_INPUTS
      ? s.layers
          .filter((l) => tableExists(db, l.name))
          .map((l, i) =>
            [...iterateFeatures(db, describeFeatureTable(db, l.name))].map((f) => ({
              polygons: projected(f.geometry, project),
              stroke: LAYER_COLOURS[i % LAYER_COLOURS.length] ?? '#888888',
              fill: null,
              fillOpacity: 0,
              hatch: false,
            })),
          )
      : [];
  const conflictPolys: MapPolygon[] = [...conflicts]
    .sort((a, b) => b.areaM2 - a.areaM2)
    .reverse()
    .map((c) => ({
      polygons: c.polygons,
      stroke: SEVERITY_COLOURS[c.severity ?? 'low'],
      fill: null,
      fillOpacity: 0,
      hatch: true,
    }));

  // the folder made as for every output (never Node's recursive mkdir: it hangs below /proc)
  prepareOutputFile(out);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: t('title'), Creator: 'CIM Workstation' },
  });
  const stream = fs.createWriteStream(out);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');

  doc.fontSize(18).fillColor('#000000').text(t('title'), 40, 40);
  doc.fontSize(9).fillColor('#444444').text(t('subtitle'));
  doc.moveDown(0.5).fontSize(9).fillColor('#000000');
  doc.text(
    `${t('date')}: ${options.now.toISOString().replace('T', ' ').slice(0, 19)} UTC    ${t('resultLayer')}: ${s.resultLayer}`,
  );
  doc.text(`${t('inputs')}: ${s.layers.map((l) => `${l.name} (${l.classField}, ${String(l.features)})`).join('；')}`);
  doc.text(`${t('rules')}: ${s.rules.source} (${String(s.rules.count)})    ${t('zone')}: EPSG:${String(s.gkZoneEpsg)}`);
  doc.text(
    `${t('sliver')}: ${t('sliverRule', { area: s.sliver.minAreaM2, width: s.sliver.minWidthM, count: s.sliver.dropped, dropped: m2(s.sliver.droppedAreaM2) })}`,
  );
  doc
    .moveDown(0.3)
    .fontSize(11)
    .text(
      t('totals', {
        count: s.conflicts.count,
        area: m2(s.conflicts.areaM2),
        ha: (s.conflicts.areaM2 / 10_000).toFixed(2),
      }),
    );

  const box = { x: 40, y: 190, width: 515, height: 470 };
  doc.fontSize(10).text(t('map'), 40, box.y - 14);
  const mPerPt = drawMap(
    doc,
    box,
    [...inputs, conflictPolys],
    conflictPolys.length > 0 ? conflictPolys : inputs.flat(),
  );
  drawScaleBar(doc, box.x + 10, box.y + box.height + 14, mPerPt);
  let ly = box.y + box.height + 8;
  for (const sev of ['high', 'medium', 'low'] as const) {
    doc.rect(330, ly, 10, 8).fillColor(SEVERITY_COLOURS[sev]).fill();
    doc.fillColor('#000000').fontSize(8).text(t(sev), 344, ly, { lineBreak: false });
    ly += 12;
  }
  s.layers.forEach((l, i) => {
    doc
      .rect(430, box.y + box.height + 8 + i * 12, 10, 8)
      .lineWidth(1)
      .strokeColor(LAYER_COLOURS[i % LAYER_COLOURS.length] ?? '#888888')
      .stroke();
    doc
      .fillColor('#000000')
      .fontSize(8)
      .text(l.name, 444, box.y + box.height + 8 + i * 12, { lineBreak: false });
  });
  if (inputs.length === 0)
    doc
      .fontSize(8)
      .fillColor('#444444')
      .text(t('mapNote', { count: inputCount }), 40, box.y + box.height + 50);

  doc.addPage();
  doc.fontSize(12).fillColor('#000000').text(t('byRule'), 40, 40);
  const used = s.byRule.filter((r) => r.count > 0);
  let y = drawTable(
    doc,
    40,
    60,
    [
      { title: t('rule'), width: 45 },
      { title: t('severity'), width: 55 },
      { title: t('reason'), width: 275 },
      { title: t('count'), width: 50, align: 'right' },
      { title: t('area'), width: 90, align: 'right' },
    ],
    used.map((r) => [
      r.ruleId,
      t(r.severity),
      options.lang === 'en' ? r.reasonEn : r.reasonZh,
      String(r.count),
      m2(r.areaM2),
    ]),
  );
  y = drawBars(
    doc,
    40,
    y,
    515,
    used.map((r) => ({ label: r.ruleId, value: r.areaM2, colour: SEVERITY_COLOURS[r.severity] })),
    'm²',
  );
  doc.fontSize(12).fillColor('#000000').text(t('bySeverity'), 40, y);
  y = drawPie(
    doc,
    110,
    y + 70,
    55,
    (['high', 'medium', 'low'] as const).map((k) => ({
      label: t(k),
      value: s.bySeverity[k].areaM2,
      colour: SEVERITY_COLOURS[k],
    })),
  );
  const pairs = s.byPair.filter((p) => p.conflictCount > 0).sort((a, b) => b.conflictAreaM2 - a.conflictAreaM2);
  if (y > 600) {
    doc.addPage();
    y = 40;
  }
  doc
    .fontSize(12)
    .fillColor('#000000')
    .text(t('byPair', { n: TOP_PAIRS }), 40, y + 6);
  y = drawTable(
    doc,
    40,
    y + 26,
    [
      { title: t('classA'), width: 190 },
      { title: t('classB'), width: 185 },
      { title: t('count'), width: 50, align: 'right' },
      { title: t('area'), width: 90, align: 'right' },
    ],
    pairs
      .slice(0, TOP_PAIRS)
      .map((p) => [
        `${p.layerA}: ${classText(p.classA, p.nameA)}`,
        `${p.layerB}: ${classText(p.classB, p.nameB)}`,
        String(p.conflictCount),
        m2(p.conflictAreaM2),
      ]),
  );
  if (y > 680) {
    doc.addPage();
    y = 40;
  }
  doc
    .fontSize(12)
    .fillColor('#000000')
    .text(t('byDistrict'), 40, y + 6);
  drawTable(
    doc,
    40,
    y + 26,
    [
      { title: t('district'), width: 375 },
      { title: t('count'), width: 50, align: 'right' },
      { title: t('area'), width: 90, align: 'right' },
    ],
    s.byDistrict.map((d) => [d.district ?? t('noDistrict'), String(d.count), m2(d.areaM2)]),
  );

  doc.addPage();
  doc
    .fontSize(12)
    .fillColor('#000000')
    .text(t('topConflicts', { n: TOP }), 40, 40);
  const top = [...conflicts].sort((a, b) => b.areaM2 - a.areaM2).slice(0, TOP);
  drawTable(
    doc,
    40,
    60,
    [
      { title: 'FID', width: 35 },
      { title: t('rule'), width: 35 },
      { title: t('classA'), width: 165 },
      { title: t('classB'), width: 165 },
      { title: t('district'), width: 45 },
      { title: t('area'), width: 70, align: 'right' },
    ],
    top.map((c) => [
      String(c.fid),
      c.ruleId ?? '',
      `${c.text.layer_a ?? ''}#${c.text.fid_a ?? ''} ${classText(c.text.class_a ?? null, c.text.name_a ?? null)}`,
      `${c.text.layer_b ?? ''}${c.text.fid_b ? `#${c.text.fid_b}` : ''} ${classText(c.text.class_b ?? null, c.text.name_b ?? null)}`,
      c.text.district ?? '',
      m2(c.areaM2),
    ]),
  );

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(7)
      .fillColor('#888888')
      .text(t('page', { n: i + 1 }), 40, 812, { width: 515, align: 'center', lineBreak: false });
  }
  const pages = range.count;
  doc.end();
  await done;
  return { path: out, pages };
}
