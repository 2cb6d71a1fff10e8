/**
 * Case markers drawn here on a canvas, no network and no image to load: 部件 as a rounded
 * square and 事件 as a circle, each 大类 in its own colour with its two-digit code; an overdue
 * case wears a red ring, a selected one a thick white ring. Clusters are a blue disc with
 * the count. Environment: common (the spec is plain data; `drawIcon` takes a 2D context).
 */

export type CaseIconKind = '部件' | '事件';

/** One colour per 大类 code, distinct within a kind and between kinds (ColorBrewer Dark2/Set1). */
export const MAJOR_COLOURS: Readonly<Record<CaseIconKind, Readonly<Record<string, string>>>> = {
  部件: { '01': '#1b9e77', '02': '#d95f02', '03': '#7570b3', '04': '#66a61e', '05': '#a6761d', '06': '#666666' },
  事件: { '01': '#e41a1c', '02': '#377eb8', '03': '#984ea3', '04': '#ff7f00', '05': '#b8860b', '06': '#a65628' },
};
const FALLBACK = '#595959';

export const ICON_PX = 28;

export function majorColour(kind: string, majorCode: string): string {
  const byKind = kind === '部件' || kind === '事件' ? MAJOR_COLOURS[kind] : undefined;
  return byKind?.[majorCode] ?? FALLBACK;
}

export interface IconLook {
  overdue?: boolean;
  selected?: boolean;
}

/** How a marker is drawn: shape, fill, ring and the code written on it (CSS pixels). */
export interface IconSpec {
  size: number;
  shape: 'square' | 'circle';
  fill: string;
  ring: string;
  ringWidth: number;
  text: string;
}

/** A case's marker: 部件 square, 事件 circle, the 大类's colour and code; its ring tells overdue or selected. */
export function caseIconSpec(kind: string, majorCode: string, look: IconLook = {}): IconSpec {
  return {
    size: ICON_PX,
    shape: kind === '部件' ? 'square' : 'circle',
    fill: majorColour(kind, majorCode),
    ring: look.selected ? '#ffffff' : look.overdue ? '#f5222d' : '#1f1f1f',
    ringWidth: look.selected ? 4 : look.overdue ? 3 : 1.5,
    text: /^\d{2}$/.test(majorCode) ? majorCode : '?',
  };
}

/** A cluster's disc: the count (thousands as k), wider with more digits. */
export function clusterIconSpec(count: number): IconSpec {
  const text = count >= 10_000 ? `${String(Math.floor(count / 1000))}k` : String(count);
  return {
    size: 26 + 6 * Math.min(text.length, 5),
    shape: 'circle',
    fill: '#1d39c4',
    ring: '#ffffff',
    ringWidth: 1.5,
    text,
  };
}

/** A key naming the picture of a spec, for the texture atlas (one upload per distinct marker). */
export function iconKey(spec: IconSpec): string {
  return `case-icon:${spec.shape}:${spec.fill}:${spec.ring}:${String(spec.ringWidth)}:${spec.text}:${String(spec.size)}`;
}

/** What `drawIcon` needs of a canvas 2D context (so the spec draws in tests without a DOM). */
export interface IconCanvas {
  save(): void;
  restore(): void;
  scale(x: number, y: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  roundRect(x: number, y: number, w: number, h: number, r: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  fill(): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
}

/** Draws a marker on a 2D canvas context of `spec.size` CSS pixels at `scale` device pixels each. */
export function drawIcon(ctx: IconCanvas, spec: IconSpec, scale = 1): void {
  const s = spec.size;
  ctx.save();
  ctx.scale(scale, scale);
  ctx.clearRect(0, 0, s, s);
  const inset = 2 + spec.ringWidth / 2;
  ctx.beginPath();
  if (spec.shape === 'square') ctx.roundRect(inset, inset, s - 2 * inset, s - 2 * inset, 5);
  else ctx.arc(s / 2, s / 2, s / 2 - inset, 0, 2 * Math.PI);
  ctx.fillStyle = spec.fill;
  ctx.fill();
  ctx.lineWidth = spec.ringWidth;
  ctx.strokeStyle = spec.ring;
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 12px Arial, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.text, s / 2, s / 2 + 0.5);
  ctx.restore();
}
