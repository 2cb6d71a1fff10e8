/**
 * Room for the category labels of the review's bar charts (issue #17, item 17): a label is
 * never cut short; a long one (`R03 建设用地占用生态保护红线`, a class pair) wraps onto more
 * lines, and the chart grows a row's height for each. Pure: label strings in, pixels out.
 */

export interface BarChartLayout {
  /** Width the axis labels wrap at, CSS pixels. */
  labelWidthPx: number;
  /** Height of the whole chart, CSS pixels. */
  heightPx: number;
}

/** 12 px Noto Sans CJK: a CJK character is a full em, Latin letters and digits a little over half. */
const FONT_PX = 12;
const LINE_PX = 16;
const ROW_PADDING_PX = 8;
const AXES_PX = 32;

/** Estimated width of a label in 12 px type, CSS pixels. */
export function labelWidthPx(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? FONT_PX : FONT_PX * 0.6;
  return width;
}

/** Lines a label takes wrapped at `wrapPx` (words kept whole only as ECharts' `break` does). */
export function linesOf(text: string, wrapPx: number): number {
  return Math.max(1, Math.ceil(labelWidthPx(text) / wrapPx));
}

/**
 * The labels wrap at up to `maxLabelPx` (less when all are shorter); each bar's row is as
 * tall as its label's lines.
 */
export function barChartLayout(labels: readonly string[], maxLabelPx: number): BarChartLayout {
  const widest = Math.max(0, ...labels.map(labelWidthPx));
  const wrap = Math.max(FONT_PX * 4, Math.min(maxLabelPx, Math.ceil(widest)));
  const rows = labels.reduce((sum, l) => sum + Math.max(linesOf(l, wrap) * LINE_PX + ROW_PADDING_PX, 24), 0);
  return { labelWidthPx: wrap, heightPx: Math.max(rows, 24) + AXES_PX };
}
