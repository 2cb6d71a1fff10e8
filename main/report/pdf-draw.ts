/**
 * Drawing blocks of the PDF reports with pdfkit: a vector map in Gauss-Krüger metres (input
 * plans as outlines, conflicts hatched by severity), tables that continue on the next page,
 * and bar and pie charts drawn as paths (no raster, no SVG step). Environment: node.
 */
import type PDFDocument from 'pdfkit';
import type { Position } from '../store/gpkg-geometry.js';

type Doc = InstanceType<typeof PDFDocument>;

export interface MapPolygon {
  /** Polygons (shell, holes) in GK metres. */
  polygons: Position[][][];
  stroke: string;
  fill: string | null;
  fillOpacity: number;
  hatch: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Hatch line spacing on paper, points. */
const HATCH_PT = 3.5;

function bboxOf(items: readonly MapPolygon[]): [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const it of items) {
    for (const p of it.polygons) {
      for (const [x, y] of p[0] ?? []) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** Draws the polygons fitted into `box` (north up, equal scale); returns metres per point. */
export function drawMap(doc: Doc, box: Box, layers: readonly MapPolygon[][], extentOf: readonly MapPolygon[]): number {
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.5).strokeColor('#888888').stroke();
  const bb = bboxOf(extentOf) ?? bboxOf(layers.flat());
  if (!bb) {
    doc.restore();
    return 0;
  }
  const pad = 8;
  // 5 % of the extent around it, so what borders the conflicts shows too.
  const margin = 0.05 * Math.max(bb[2] - bb[0], bb[3] - bb[1]);
  bb[0] -= margin;
  bb[1] -= margin;
  bb[2] += margin;
  bb[3] += margin;
  const spanX = Math.max(bb[2] - bb[0], 1e-6);
  const spanY = Math.max(bb[3] - bb[1], 1e-6);
  const scale = Math.min((box.width - 2 * pad) / spanX, (box.height - 2 * pad) / spanY);
  const ox = box.x + (box.width - spanX * scale) / 2;
  const oy = box.y + (box.height + spanY * scale) / 2;
  const tx = (x: number): number => ox + (x - bb[0]) * scale;
  const ty = (y: number): number => oy - (y - bb[1]) * scale;
  doc.rect(box.x, box.y, box.width, box.height).clip();
  const path = (p: Position[][]): void => {
    for (const ring of p) {
      ring.forEach(([x, y], i) => (i === 0 ? doc.moveTo(tx(x), ty(y)) : doc.lineTo(tx(x), ty(y))));
      doc.closePath();
    }
  };
  for (const layer of layers) {
    for (const item of layer) {
      for (const p of item.polygons) {
        if (item.fill && !item.hatch) {
          path(p);
          doc.fillOpacity(item.fillOpacity).fillColor(item.fill).fill('even-odd');
        }
        if (item.hatch) hatch(doc, p, path, tx, ty, item.stroke);
        path(p);
        doc
          .strokeOpacity(1)
          .lineWidth(item.hatch ? 0.8 : 0.3)
          .strokeColor(item.stroke)
          .stroke();
      }
    }
  }
  doc.restore();
  doc.fillOpacity(1).strokeOpacity(1);
  return 1 / scale;
}

function hatch(
  doc: Doc,
  p: Position[][],
  path: (p: Position[][]) => void,
  tx: (x: number) => number,
  ty: (y: number) => number,
  colour: string,
): void {
  const xs = (p[0] ?? []).map(([x]) => tx(x));
  const ys = (p[0] ?? []).map(([, y]) => ty(y));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  doc.save();
  path(p);
  doc.fillOpacity(0.18).fillColor(colour).fill('even-odd');
  path(p);
  doc.clip('even-odd');
  for (let c = x0 - (y1 - y0); c <= x1; c += HATCH_PT) doc.moveTo(c, y1).lineTo(c + (y1 - y0), y0);
  doc.lineWidth(0.6).strokeColor(colour).strokeOpacity(1).stroke();
  doc.restore();
}

/** A scale bar of a round length under `x, y`. */
export function drawScaleBar(doc: Doc, x: number, y: number, metresPerPt: number): void {
  if (!(metresPerPt > 0)) return;
  const target = 100 * metresPerPt;
  const exp = 10 ** Math.floor(Math.log10(target));
  const metres =
    [1, 2, 5, 10]
      .map((m) => m * exp)
      .filter((m) => m <= target)
      .pop() ?? exp;
  const pt = metres / metresPerPt;
  doc
    .lineWidth(1)
    .strokeColor('#000000')
    .moveTo(x, y)
    .lineTo(x + pt, y)
    .stroke();
  doc
    .moveTo(x, y - 3)
    .lineTo(x, y + 3)
    .moveTo(x + pt, y - 3)
    .lineTo(x + pt, y + 3)
    .stroke();
  doc
    .fontSize(7)
    .fillColor('#000000')
    .text(metres >= 1000 ? `${String(metres / 1000)} km` : `${String(metres)} m`, x + pt + 4, y - 4);
}

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

const ROW_PT = 14;
const BOTTOM_PT = 780;

/** A table from `y`, continued (with its header) on new pages; returns the y after it. */
export function drawTable(
  doc: Doc,
  x: number,
  y: number,
  columns: readonly Column[],
  rows: readonly string[][],
): number {
  const header = (at: number): number => {
    doc
      .rect(
        x,
        at,
        columns.reduce((s, c) => s + c.width, 0),
        ROW_PT,
      )
      .fillColor('#eeeeee')
      .fill();
    let cx = x;
    doc.fillColor('#000000').fontSize(8);
    for (const c of columns) {
      doc.text(c.title, cx + 3, at + 3, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false });
      cx += c.width;
    }
    return at + ROW_PT;
  };
  let at = header(y);
  for (const row of rows) {
    if (at + ROW_PT > BOTTOM_PT) {
      doc.addPage();
      at = header(50);
    }
    let cx = x;
    doc.fillColor('#000000').fontSize(8);
    row.forEach((cell, i) => {
      const c = columns[i];
      if (!c) return;
      doc.text(cell, cx + 3, at + 3, {
        width: c.width - 6,
        align: c.align ?? 'left',
        lineBreak: false,
        ellipsis: true,
      });
      cx += c.width;
    });
    doc
      .moveTo(x, at + ROW_PT)
      .lineTo(cx, at + ROW_PT)
      .lineWidth(0.3)
      .strokeColor('#cccccc')
      .stroke();
    at += ROW_PT;
  }
  return at + 8;
}

export interface Bar {
  label: string;
  value: number;
  colour: string;
}

/** Horizontal bars, longest = full width; returns the y after the chart. */
export function drawBars(doc: Doc, x: number, y: number, width: number, bars: readonly Bar[], unit: string): number {
  const max = Math.max(...bars.map((b) => b.value), 0);
  const labelPt = 110;
  let at = y;
  for (const b of bars) {
    const w = max > 0 ? ((width - labelPt - 70) * b.value) / max : 0;
    doc
      .fillColor('#000000')
      .fontSize(8)
      .text(b.label, x, at + 2, { width: labelPt - 6, lineBreak: false, ellipsis: true });
    doc
      .rect(x + labelPt, at, Math.max(w, 0.5), 11)
      .fillColor(b.colour)
      .fill();
    doc.fillColor('#000000').text(`${b.value.toFixed(1)} ${unit}`, x + labelPt + w + 4, at + 2, { lineBreak: false });
    at += 15;
  }
  return at + 6;
}

/** A pie of the slices at centre (cx, cy) with a legend to its right; returns the y under it. */
export function drawPie(doc: Doc, cx: number, cy: number, r: number, slices: readonly Bar[]): number {
  const total = slices.reduce((s, b) => s + b.value, 0);
  let start = -Math.PI / 2;
  for (const s of slices) {
    if (!(total > 0) || s.value <= 0) continue;
    const sweep = (2 * Math.PI * s.value) / total;
    const end = start + sweep;
    doc.moveTo(cx, cy);
    const steps = Math.max(2, Math.ceil((sweep / Math.PI) * 32));
    for (let i = 0; i <= steps; i++) {
      const a = start + (sweep * i) / steps;
      doc.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    doc.closePath().fillColor(s.colour).fill();
    start = end;
  }
  let ly = cy - r;
  for (const s of slices) {
    doc
      .rect(cx + r + 16, ly, 9, 9)
      .fillColor(s.colour)
      .fill();
    const pct = total > 0 ? (100 * s.value) / total : 0;
    doc
      .fillColor('#000000')
      .fontSize(8)
      .text(`${s.label}  ${pct.toFixed(1)} %`, cx + r + 30, ly + 1, { lineBreak: false });
    ly += 14;
  }
  return cy + r + 10;
}

export interface LineSeries {
  name: string;
  values: readonly number[];
  colour: string;
}

/**
 * A line chart over `labels` (x, evenly spaced) with a y axis from 0 (or the data's minimum
 * when negative) to the largest value or target, an optional dashed target line, and a
 * legend under it; returns the y under the chart.
 */
export function drawLines(
  doc: Doc,
  box: Box,
  labels: readonly string[],
  series: readonly LineSeries[],
  unit: string,
  target?: { value: number; label: string },
): number {
  const all = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  const lo = Math.min(0, ...all);
  const hi = Math.max(target?.value ?? -Infinity, ...all, lo + 1e-9);
  const left = box.x + 40;
  const right = box.x + box.width - 6;
  const top = box.y + 4;
  const bottom = box.y + box.height - 24;
  const xAt = (i: number): number => (labels.length <= 1 ? left : left + ((right - left) * i) / (labels.length - 1));
  const yAt = (v: number): number => bottom - ((bottom - top) * (v - lo)) / (hi - lo);
  doc.lineWidth(0.5).strokeColor('#888888').moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke();
  doc.fontSize(7).fillColor('#444444');
  for (const v of [lo, (lo + hi) / 2, hi]) {
    doc.text(`${v.toFixed(hi - lo < 10 ? 1 : 0)}${unit ? ` ${unit}` : ''}`, box.x, yAt(v) - 3, {
      width: 36,
      align: 'right',
      lineBreak: false,
    });
  }
  const every = Math.max(1, Math.ceil(labels.length / 12));
  labels.forEach((l, i) => {
    if (i % every === 0) doc.text(l, xAt(i) - 20, bottom + 4, { width: 40, align: 'center', lineBreak: false });
  });
  if (target) {
    doc
      .dash(3, { space: 2 })
      .lineWidth(0.8)
      .strokeColor('#d7191c')
      .moveTo(left, yAt(target.value))
      .lineTo(right, yAt(target.value))
      .stroke()
      .undash();
    doc
      .fillColor('#d7191c')
      .text(target.label, right - 120, yAt(target.value) - 10, { width: 120, align: 'right', lineBreak: false });
  }
  for (const s of series) {
    let started = false;
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        started = false;
        return;
      }
      if (started) doc.lineTo(xAt(i), yAt(v));
      else doc.moveTo(xAt(i), yAt(v));
      started = true;
    });
    doc.lineWidth(1.2).strokeColor(s.colour).stroke();
  }
  let lx = left;
  for (const s of series) {
    doc
      .rect(lx, bottom + 14, 9, 3)
      .fillColor(s.colour)
      .fill();
    doc
      .fillColor('#000000')
      .fontSize(7)
      .text(s.name, lx + 12, bottom + 12, { lineBreak: false });
    lx += 20 + doc.widthOfString(s.name);
  }
  return box.y + box.height + 6;
}
