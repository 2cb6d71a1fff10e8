/**
 * The globe's view of a run, sent by the window that asks for the run's PDF: the report's
 * first map then shows what the user saw (imagery, 3D buildings, the result styled) instead
 * of the features drawn from the data, which is what the CLI and a window without a globe
 * get. Views are kept in memory only, the newest few, for a few minutes: a report asked for
 * later is drawn from the data again. Environment: node.
 */
export const REPORT_VIEW_MAX = 4;
export const REPORT_VIEW_TTL_MS = 10 * 60_000;

export class ReportViews {
  private readonly views = new Map<string, { bytes: Uint8Array; at: number }>();

  /** Keeps `bytes` (a JPEG or PNG) as `layer`'s view; the oldest view goes past the limit. */
  set(layer: string, bytes: Uint8Array, nowMs: number): void {
    this.views.delete(layer);
    this.views.set(layer, { bytes, at: nowMs });
    for (const key of this.views.keys()) {
      if (this.views.size <= REPORT_VIEW_MAX) break;
      this.views.delete(key);
    }
  }

  /** `layer`'s view if one came in the last REPORT_VIEW_TTL_MS. */
  get(layer: string, nowMs: number): Uint8Array | undefined {
    const view = this.views.get(layer);
    if (!view) return undefined;
    if (nowMs - view.at > REPORT_VIEW_TTL_MS) {
      this.views.delete(layer);
      return undefined;
    }
    return view.bytes;
  }
}
