/**
 * What a transport (Electron IPC + cim:// protocol, or the browser host's HTTP server)
 * needs from the back end. Both transports take one `Backend`; neither has handlers of
 * its own. Environment: node.
 */
import type { Readable } from 'node:stream';
import type { ExportFormat, ImportSource, JobEvent, ReportLang, Reply } from '../../common/contract/index.js';

export interface Backend {
  /** Validates `input` against the contract with zod, runs the handler, never throws. */
  dispatch(method: string, input: unknown): Promise<Reply<unknown>>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /**
   * A layer as a GeoJSON FeatureCollection (EPSG:4326), streamed in chunks; a PostGIS-backed
   * layer (main/pg) only the features intersecting `bbox` [minLon, minLat, maxLon, maxLat].
   */
  featureStream(layer: string, bbox?: [number, number, number, number] | null): Promise<Reply<Readable>>;
  /**
   * Absolute path of a file under the workspace's tile folder, or null when the path is
   * not a plain relative path inside it (`..`, absolute, encoded separators, NUL).
   */
  resolveTile(relativePath: string): string | null;
  /**
   * Stores bytes a browser sent (drag and drop has no path there) for a later import.
   * `into`: the id of an earlier upload, so a shapefile's parts land in one folder.
   */
  saveUpload(fileName: string, body: Readable, into?: string): Promise<Reply<ImportSource>>;
  /** Writes a layer export to a temporary file and returns its path, for download. */
  exportToTemp(
    layer: string,
    /** An export format, or (for an analysis run's result layer) its PDF report. */
    format: ExportFormat | 'pdf',
    options?: { crs?: string | undefined; encoding?: string | undefined; lang?: ReportLang | undefined },
  ): Promise<Reply<{ path: string; fileName: string }>>;
  close(): void;
}
