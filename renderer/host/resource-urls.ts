import type { WorkstationApi } from '../../main/api/contract.js';

export type ExportFormat = 'geojson' | 'gpkg';
/** What `/export/` also serves: a layer's attributes as CSV, a review result's PDF report. */
export type DownloadFormat = ExportFormat | 'csv' | 'pdf';

/**
 * Download address of a layer export in the browser host. The contract has no call for
 * it (Electron writes to a chosen path with `export.layer` instead), so it is built here
 * from the host's documented `/export/<layer>.<format>` route.
 */
export function exportDownloadUrl(api: WorkstationApi, layer: string, format: DownloadFormat): string {
  const query = new URLSearchParams(api.resourceQuery()).toString();
  return `/export/${encodeURIComponent(layer)}.${format}${query === '' ? '' : `?${query}`}`;
}
