import type { ExportFormat, WorkstationApi } from '../../common/contract/index.js';

export type { ExportFormat };

/** The download's extension per format: a shapefile's parts come as one zip. */
const EXTENSION: Readonly<Record<ExportFormat, string>> = {
  geojson: 'geojson',
  gpkg: 'gpkg',
  shapefile: 'zip',
  kml: 'kml',
  csv: 'csv',
};

export interface ExportChoice {
  crs?: string | undefined;
  encoding?: string | undefined;
}
/** What `/export/` also serves: a review result's PDF report. */
export type DownloadFormat = ExportFormat | 'pdf';

/**
 * Download address of a layer export in the browser host. The contract has no call for
 * it (Electron writes to a chosen path with `export.layer` instead), so it is built here
 * from the host's documented `/export/<layer>.<extension>?crs=&encoding=` route.
 */
export function exportDownloadUrl(
  api: WorkstationApi,
  layer: string,
  format: DownloadFormat,
  choice: ExportChoice = {},
): string {
  const extra: Record<string, string> = {};
  if (choice.crs) extra.crs = choice.crs;
  if (choice.encoding) extra.encoding = choice.encoding;
  const query = new URLSearchParams({ ...api.resourceQuery(), ...extra }).toString();
  return `/export/${encodeURIComponent(layer)}.${format === 'pdf' ? 'pdf' : EXTENSION[format]}${query === '' ? '' : `?${query}`}`;
}
