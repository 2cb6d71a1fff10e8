/**
 * A map picture for a report or a slide: the globe's frame with a title and date, the
 * legend, a scale bar, a north arrow and the data credits drawn into it, every mark sized
 * by the same factor as the frame (a 2× export has 2× text), so it reads the same at any
 * resolution.
 */
import { niceScaleBar } from '../../format/scale-bar.js';
import type { LegendBlock } from '../legend-lines.js';

export interface ScreenshotFacts {
  title: string;
  /** As printed (the caller formats it in the UI language). */
  date: string;
  legend: LegendBlock[];
  /** Ground metres per CSS pixel at the bottom of the view; null when that is sky. */
  metresPerPixel: number | null;
  /** The map's width in CSS pixels (the frame is this times the export scale). */
  cssWidth: number;
  headingDeg: number;
  credits: string;
  /** "500 m", "2 km" in the UI's units. */
  formatLength: (lengthM: number) => string;
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const LEGEND_ITEMS_PER_LAYER = 10;

export function composeScreenshot(frame: HTMLCanvasElement, facts: ScreenshotFacts): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = frame.width;
  out.height = frame.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  const k = frame.width / Math.max(facts.cssWidth, 1);
  ctx.drawImage(frame, 0, 0);
  drawTitle(ctx, out.width, k, facts);
  drawNorthArrow(ctx, out.width - 40 * k, 88 * k, 26 * k, facts.headingDeg);
  const creditsTop = drawCredits(ctx, out.width, out.height, k, facts.credits);
  drawLegend(ctx, 12 * k, creditsTop - 10 * k, k, facts.legend);
  drawScale(ctx, out.width - 12 * k, creditsTop - 10 * k, k, facts);
  return out;
}

function font(ctx: CanvasRenderingContext2D, px: number, weight = 400): void {
  ctx.font = `${String(weight)} ${String(Math.round(px))}px ${FONT}`;
}

function drawTitle(ctx: CanvasRenderingContext2D, width: number, k: number, facts: ScreenshotFacts): void {
  const band = 48 * k;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(0, 0, width, band);
  ctx.fillStyle = '#1f1f1f';
  ctx.textBaseline = 'middle';
  font(ctx, 22 * k, 700);
  ctx.textAlign = 'left';
  ctx.fillText(facts.title, 16 * k, band / 2, width * 0.7);
  font(ctx, 14 * k);
  ctx.textAlign = 'right';
  ctx.fillStyle = '#595959';
  ctx.fillText(facts.date, width - 16 * k, band / 2);
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, headingDeg: number): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.strokeStyle = '#333';
  ctx.lineWidth = r * 0.07;
  ctx.beginPath();
  ctx.arc(0, 0, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  // north on the screen is the heading turned back
  ctx.rotate((-headingDeg * Math.PI) / 180);
  const tip = r * 0.8;
  ctx.fillStyle = '#c0392b';
  ctx.beginPath();
  ctx.moveTo(0, -tip);
  ctx.lineTo(r * 0.3, r * 0.2);
  ctx.lineTo(0, 0);
  ctx.lineTo(-r * 0.3, r * 0.2);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#555';
  ctx.beginPath();
  ctx.moveTo(0, tip);
  ctx.lineTo(r * 0.3, r * 0.2);
  ctx.lineTo(0, 0);
  ctx.lineTo(-r * 0.3, r * 0.2);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#fff';
  font(ctx, r * 0.42, 700);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('N', 0, -r * 0.32);
  ctx.restore();
}

/** Returns the top of the credits line. */
function drawCredits(ctx: CanvasRenderingContext2D, width: number, height: number, k: number, credits: string): number {
  const band = 20 * k;
  const top = height - band;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(0, top, width, band);
  ctx.fillStyle = '#434343';
  font(ctx, 11 * k);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(credits, 8 * k, top + band / 2, width - 16 * k);
  return top;
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  left: number,
  bottom: number,
  k: number,
  blocks: LegendBlock[],
): void {
  if (blocks.length === 0) return;
  const line = 18 * k;
  const rows = blocks.flatMap((b) => [
    { kind: 'title' as const, text: b.title, colour: '' },
    ...b.items
      .slice(0, LEGEND_ITEMS_PER_LAYER)
      .map((i) => ({ kind: 'item' as const, text: i.label, colour: i.colour })),
    ...(b.items.length > LEGEND_ITEMS_PER_LAYER ? [{ kind: 'item' as const, text: '…', colour: '' }] : []),
  ]);
  font(ctx, 13 * k, 600);
  const textWidth = Math.max(...rows.map((r) => ctx.measureText(r.text).width));
  const width = Math.min(textWidth + 40 * k, ctx.canvas.width * 0.4);
  const height = rows.length * line + 12 * k;
  const top = bottom - height;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(left, top, width, height);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  rows.forEach((row, i) => {
    const y = top + 6 * k + line * (i + 0.5);
    if (row.kind === 'title') {
      font(ctx, 13 * k, 700);
      ctx.fillStyle = '#1f1f1f';
      ctx.fillText(row.text, left + 8 * k, y, width - 16 * k);
      return;
    }
    if (row.colour !== '') {
      ctx.fillStyle = row.colour;
      ctx.fillRect(left + 10 * k, y - 6 * k, 14 * k, 12 * k);
      ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
      ctx.lineWidth = k;
      ctx.strokeRect(left + 10 * k, y - 6 * k, 14 * k, 12 * k);
    }
    font(ctx, 12 * k);
    ctx.fillStyle = '#262626';
    ctx.fillText(row.text, left + 30 * k, y, width - 38 * k);
  });
}

function drawScale(
  ctx: CanvasRenderingContext2D,
  right: number,
  bottom: number,
  k: number,
  facts: ScreenshotFacts,
): void {
  if (facts.metresPerPixel === null) return;
  const bar = niceScaleBar(facts.metresPerPixel, 160);
  if (!bar) return;
  const barWidth = bar.widthPx * k;
  const boxWidth = barWidth + 24 * k;
  const boxHeight = 40 * k;
  const left = right - boxWidth;
  const top = bottom - boxHeight;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(left, top, boxWidth, boxHeight);
  ctx.strokeStyle = '#222';
  ctx.lineWidth = 2.5 * k;
  ctx.beginPath();
  ctx.moveTo(left + 12 * k, top + 10 * k);
  ctx.lineTo(left + 12 * k, top + 18 * k);
  ctx.lineTo(left + 12 * k + barWidth, top + 18 * k);
  ctx.lineTo(left + 12 * k + barWidth, top + 10 * k);
  ctx.stroke();
  font(ctx, 12 * k);
  ctx.fillStyle = '#1f1f1f';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(facts.formatLength(bar.lengthM), left + boxWidth / 2, top + 29 * k);
}
