/**
 * Case markers drawn here, no network: an SVG per 大类, 部件 as a rounded square and 事件 as
 * a circle, each 大类 in its own colour with its two-digit code; an overdue case wears a red
 * ring, a selected one a thick white ring. Clusters are a grey-blue disc with the count.
 * Environment: common (plain strings; the globe loads them as data URIs).
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

/** The marker's SVG text. */
export function caseIconSvg(kind: string, majorCode: string, look: IconLook = {}): string {
  const fill = majorColour(kind, majorCode);
  const s = ICON_PX;
  const ring = look.selected ? '#ffffff' : look.overdue ? '#f5222d' : '#1f1f1f';
  const ringW = look.selected ? 4 : look.overdue ? 3 : 1.5;
  const inset = 2 + ringW / 2;
  const shape =
    kind === '部件'
      ? `<rect x="${String(inset)}" y="${String(inset)}" width="${String(s - 2 * inset)}" height="${String(s - 2 * inset)}" rx="5"`
      : `<circle cx="${String(s / 2)}" cy="${String(s / 2)}" r="${String(s / 2 - inset)}"`;
  const code = /^\d{2}$/.test(majorCode) ? majorCode : '?';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(s)}" height="${String(s)}" viewBox="0 0 ${String(s)} ${String(s)}">` +
    `${shape} fill="${fill}" stroke="${ring}" stroke-width="${String(ringW)}"/>` +
    `<text x="${String(s / 2)}" y="${String(s / 2 + 4.5)}" text-anchor="middle" font-family="Arial,sans-serif" ` +
    `font-size="12" font-weight="bold" fill="#ffffff">${code}</text></svg>`
  );
}

/** A cluster's disc: its size grows with the count's digits. */
export function clusterIconSvg(count: number): string {
  const label = count >= 10_000 ? `${String(Math.floor(count / 1000))}k` : String(count);
  const s = 26 + 6 * Math.min(label.length, 5);
  const r = s / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(s)}" height="${String(s)}" viewBox="0 0 ${String(s)} ${String(s)}">` +
    `<circle cx="${String(r)}" cy="${String(r)}" r="${String(r - 1)}" fill="#1d39c4" fill-opacity="0.35"/>` +
    `<circle cx="${String(r)}" cy="${String(r)}" r="${String(r - 5)}" fill="#1d39c4" stroke="#ffffff" stroke-width="1.5"/>` +
    `<text x="${String(r)}" y="${String(r + 4.5)}" text-anchor="middle" font-family="Arial,sans-serif" ` +
    `font-size="12" font-weight="bold" fill="#ffffff">${label}</text></svg>`
  );
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
