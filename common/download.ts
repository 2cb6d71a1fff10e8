/**
 * Where a download is served: `export/<layer>.<extension>?crs=&encoding=&lang=` under the
 * resource router (main/api/resources.ts), the same on both transports (the browser host's
 * origin with its token, or `cim://app`). Environment: common.
 */
import type { ExportFormat, ReportLang } from './contract/index.js';

/** A layer export, or an analysis run's PDF report. */
export type DownloadFormat = ExportFormat | 'pdf';

export interface DownloadOptions {
  /** CRS to write in (`EPSG:4526`); KML is always WGS 84. */
  crs?: string | undefined;
  /** Shapefile/CSV text encoding. */
  encoding?: string | undefined;
  /** A report's language. */
  lang?: ReportLang | undefined;
}

/** The file's extension per format: a shapefile's parts come as one zip. */
export const DOWNLOAD_EXTENSION: Readonly<Record<DownloadFormat, string>> = {
  geojson: 'geojson',
  gpkg: 'gpkg',
  shapefile: 'zip',
  kml: 'kml',
  csv: 'csv',
  pdf: 'pdf',
};

/** The download's path below the origin, with its query (without the browser host's token). */
export function downloadPath(layer: string, format: DownloadFormat, options: DownloadOptions = {}): string {
  const query = new URLSearchParams();
  if (options.crs) query.set('crs', options.crs);
  if (options.encoding) query.set('encoding', options.encoding);
  if (options.lang) query.set('lang', options.lang);
  const q = query.toString();
  return `export/${encodeURIComponent(layer)}.${DOWNLOAD_EXTENSION[format]}${q === '' ? '' : `?${q}`}`;
}
