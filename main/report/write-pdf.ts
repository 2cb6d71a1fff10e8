/**
 * Lays a `ReportDoc` out on A4 with pdfkit and the system CJK font (Noto Sans CJK, whose
 * line breaking pdfkit applies to Chinese text too): the cover facts, then each section in
 * flow, a new page where the next block does not fit, a footer with page numbers. Every
 * analysis's report goes through here. Environment: node.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { prepareOutputFile } from '../store/files.js';
import type { Position } from '../store/gpkg-geometry.js';
import type { MapLayer, ReportDoc, ReportSection } from './document.js';
import { findCjkFont } from './font.js';
import { drawBars, drawLines, drawMap, drawPie, drawScaleBar, drawTable, type MapPolygon } from './pdf-draw.js';

type Doc = InstanceType<typeof PDFDocument>;

const LEFT = 40;
const WIDTH = 515;
const TOP = 40;
const BOTTOM = 790;
const MAP_HEIGHT = 470;
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

const PAGE_TEXT = { 'zh-CN': (n: number) => `第 ${String(n)} 页`, en: (n: number) => `Page ${String(n)}` };

/** Text of a table cell: numbers with thousands separators and at most two decimals. */
function cellText(v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Map items as pdf-draw's polygons; lines and points drawn as thin rings (outline only). */
function mapPolygons(layer: MapLayer): MapPolygon[] {
  return layer.items.map((item) => {
    const rings = item.coords.map((ring) => ring.map(([x, y]) => [x, y] as Position));
    const polygons: Position[][][] =
      layer.kind === 'polygon'
        ? [rings]
        : layer.kind === 'line'
          ? rings.map((line) => [[...line, ...[...line].reverse()]])
          : rings.flat().map(([x, y]) => [
              [
                [x - 1, y - 1],
                [x + 1, y - 1],
                [x + 1, y + 1],
                [x - 1, y + 1],
              ] as Position[],
            ]);
    return {
      polygons,
      stroke: item.stroke,
      fill: item.fill ?? null,
      fillOpacity: item.fillOpacity ?? 0,
      hatch: item.hatch ?? false,
    };
  });
}

class Flow {
  y = TOP;
  /** Between a fact's label and its value. */
  readonly sep: string;
  constructor(
    readonly doc: Doc,
    lang: ReportDoc['lang'],
  ) {
    this.sep = lang === 'en' ? ': ' : '：';
  }

  /** Starts a new page unless `height` fits below the current position. */
  need(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = TOP;
  }

  text(text: string, size: number, colour: string, gapAfter: number): void {
    const h = this.doc.fontSize(size).heightOfString(text, { width: WIDTH });
    this.need(Math.min(h, BOTTOM - TOP));
    this.doc.fillColor(colour).text(text, LEFT, this.y, { width: WIDTH });
    this.y = this.doc.y + gapAfter;
  }
}

function drawSection(flow: Flow, s: ReportSection): void {
  const { doc } = flow;
  switch (s.kind) {
    case 'heading':
      flow.need(40);
      flow.text(s.text, 12, '#000000', 6);
      return;
    case 'paragraph':
      flow.text(s.text, 9, '#000000', 6);
      return;
    case 'note':
      flow.text(s.text, 8, '#555555', 6);
      return;
    case 'facts':
      for (const [label, value] of s.rows) flow.text(`${label}${flow.sep}${value}`, 9, '#000000', 1);
      flow.y += 6;
      return;
    case 'table': {
      const total = s.columns.reduce((n, c) => n + (c.width ?? 1), 0);
      const columns = s.columns.map((c) => ({
        title: c.title,
        width: (WIDTH * (c.width ?? 1)) / total,
        ...(c.align ? { align: c.align } : {}),
      }));
      flow.need(14 * Math.min(3, s.rows.length + 1) + (s.caption ? 14 : 0));
      if (s.caption) flow.text(s.caption, 8, '#555555', 2);
      flow.y = drawTable(
        doc,
        LEFT,
        flow.y,
        columns,
        s.rows.map((r) => r.map(cellText)),
      );
      return;
    }
    case 'chart':
      drawChart(flow, s);
      return;
    case 'map':
      drawMapSection(flow, s);
      return;
    case 'pageBreak':
      flow.newPage();
      return;
  }
}

function drawChart(flow: Flow, s: Extract<ReportSection, { kind: 'chart' }>): void {
  const { doc } = flow;
  const first = s.series[0];
  const colourAt = (i: number): string =>
    first?.colours?.[i] ?? first?.colour ?? PALETTE[i % PALETTE.length] ?? '#4e79a7';
  if (s.chart === 'bar') {
    flow.need(20 + 15 * s.labels.length);
    flow.text(s.title, 10, '#000000', 4);
    flow.y = drawBars(
      doc,
      LEFT,
      flow.y,
      WIDTH,
      s.labels.map((label, i) => ({ label, value: first?.values[i] ?? 0, colour: colourAt(i) })),
      s.unit ?? '',
    );
    return;
  }
  if (s.chart === 'pie') {
    const r = 55;
    flow.need(20 + 2 * r + 16 + Math.max(0, 14 * s.labels.length - 2 * r));
    flow.text(s.title, 10, '#000000', 4);
    flow.y = drawPie(
      doc,
      LEFT + 70,
      flow.y + r + 6,
      r,
      s.labels.map((label, i) => ({ label, value: first?.values[i] ?? 0, colour: colourAt(i) })),
    );
    return;
  }
  flow.need(200);
  flow.text(s.title, 10, '#000000', 4);
  flow.y = drawLines(
    doc,
    { x: LEFT, y: flow.y, width: WIDTH, height: 170 },
    s.labels,
    s.series.map((x, i) => ({
      name: x.name,
      values: x.values,
      colour: x.colour ?? PALETTE[i % PALETTE.length] ?? '#4e79a7',
    })),
    s.unit ?? '',
    s.target,
  );
}

function drawMapSection(flow: Flow, s: Extract<ReportSection, { kind: 'map' }>): void {
  const { doc } = flow;
  const legendRows = Math.ceil((s.legend?.length ?? 0) / 2);
  flow.need(16 + MAP_HEIGHT + 30 + 12 * legendRows);
  doc.fontSize(10).fillColor('#000000').text(s.title, LEFT, flow.y);
  const box = { x: LEFT, y: flow.y + 14, width: WIDTH, height: MAP_HEIGHT };
  let under = box.y + box.height + 8;
  if (s.image) {
    doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.5).strokeColor('#888888').stroke();
    doc.image(Buffer.from(s.image), box.x + 1, box.y + 1, {
      fit: [box.width - 2, box.height - 2],
      align: 'center',
      valign: 'center',
    });
  } else {
    const layers = (s.layers ?? []).map(mapPolygons);
    const extent: MapPolygon[] = s.extent
      ? [
          {
            polygons: [
              [
                [
                  [s.extent[0], s.extent[1]],
                  [s.extent[2], s.extent[3]],
                ],
              ],
            ],
            stroke: '#000000',
            fill: null,
            fillOpacity: 0,
            hatch: false,
          },
        ]
      : layers.flat();
    const mPerPt = drawMap(doc, box, layers, extent);
    drawScaleBar(doc, box.x + 10, under + 6, mPerPt);
  }
  if (s.crsLabel) {
    doc
      .fontSize(7)
      .fillColor('#555555')
      .text(s.crsLabel, box.x + 130, under + 2, { width: 180, lineBreak: false });
  }
  (s.legend ?? []).forEach((item, i) => {
    const lx = box.x + 320 + (i % 2) * 98;
    const ly = under + Math.floor(i / 2) * 12;
    if (item.hatch) doc.rect(lx, ly, 10, 8).lineWidth(1).strokeColor(item.colour).stroke();
    else doc.rect(lx, ly, 10, 8).fillColor(item.colour).fill();
    doc
      .fillColor('#000000')
      .fontSize(7)
      .text(item.label, lx + 13, ly, { width: 84, height: 10, lineBreak: false, ellipsis: true });
  });
  under += Math.max(22, 12 * legendRows + 4);
  flow.y = under;
}

/** Writes `report` to `out` (its folder is created); returns the path and the page count. */
export async function writeReportPdf(report: ReportDoc, out: string): Promise<{ path: string; pages: number }> {
  const font = findCjkFont();
  // the folder made as for every output (never Node's recursive mkdir: it hangs below /proc)
  prepareOutputFile(out);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: report.cover.title, Creator: 'CIM Workstation' },
  });
  const stream = fs.createWriteStream(out);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  doc.pipe(stream);
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const flow = new Flow(doc, report.lang);
  flow.text(report.cover.title, 18, '#000000', 2);
  if (report.cover.subtitle) flow.text(report.cover.subtitle, 9, '#444444', 4);
  for (const [label, value] of report.cover.facts) flow.text(`${label}${flow.sep}${value}`, 9, '#000000', 0);
  flow.y += 10;
  for (const section of report.sections) drawSection(flow, section);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    const footer = [report.footer, PAGE_TEXT[report.lang](i + 1)].filter(Boolean).join('    ');
    doc.fontSize(7).fillColor('#888888').text(footer, LEFT, 812, { width: WIDTH, align: 'center', lineBreak: false });
  }
  const pages = range.count;
  doc.end();
  await done;
  return { path: out, pages };
}
