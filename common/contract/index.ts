/**
 * The one contract between the renderer and the workstation back end (`WorkstationApi`).
 * Every call is declared once, in its domain's file, with zod schemas; this index gathers
 * them into the one table the Electron IPC transport and the browser host's HTTP transport
 * are both generated from, so both call the same handlers. Environment: common (no Node,
 * DOM, Electron or React); it imports nothing of ours but `layers/`. The renderer imports
 * only types from here.
 */
import { z } from 'zod';
import type { DownloadFormat, DownloadOptions } from '../download.js';
import type { SerializedError } from '../errors.js';
import { analysisCalls } from './analysis.js';
import { casesCalls } from './cases.js';
import { bookmarkCalls } from './bookmarks.js';
import { exportCalls } from './export.js';
import { importCalls, type ImportSource } from './import.js';
import { jobCalls, type JobInfo } from './jobs.js';
import { layerCalls } from './layers.js';
import { multiplanCalls } from './multiplan.js';
import { changeCalls } from './change.js';
import { tileCalls } from './tiles.js';
import { workspaceCalls } from './workspace.js';

export * from './shared.js';
export * from './layers.js';
export * from './workspace.js';
export * from './bookmarks.js';
export * from './import.js';
export * from './jobs.js';
export * from './tiles.js';
export * from './export.js';
export * from './multiplan.js';
export * from './parcel-check.js';
export * from './analysis.js';
export * from './cases.js';

export const contract = {
  ...workspaceCalls,
  ...bookmarkCalls,
  ...layerCalls,
  ...importCalls,
  ...tileCalls,
  ...jobCalls,
  ...exportCalls,
  ...multiplanCalls,
  ...analysisCalls,
  ...casesCalls,
  ...changeCalls,
} as const;

type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** Pushed to the renderer whenever a job changes (IPC event or server-sent event). */
export type JobEvent = JobInfo;

/**
 * What the renderer sees as `window.cim`: the preload in Electron, an HTTP client in the
 * browser host. Large data never rides `invoke`: features and tiles come by URL.
 */
export interface WorkstationApi {
  readonly host: 'electron' | 'browser';
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Streams the layer as a GeoJSON FeatureCollection in EPSG:4326. */
  featuresUrl(layer: string, revision?: number): string;
  /** Base URL of the tile server (`/tiles/` or `cim://app/tiles/`), ending in `/`. */
  tilesBaseUrl(): string;
  /** Query parameters every resource URL needs (the browser host's token). */
  resourceQuery(): Record<string, string>;
  /** Turns a dropped or picked file into an import source (path in Electron, upload in a browser). */
  sourceForFile(file: File): Promise<ImportSource>;
  /**
   * One source from several files dropped together: `primary` is read (a .shp), the
   * others are its sidecars (.shx, .dbf, .prj, .cpg). The browser host uploads them all
   * into one folder; Electron finds them beside the primary file on disk.
   */
  sourceForFiles(primary: File, sidecars: readonly File[]): Promise<ImportSource>;
  /**
   * Downloads a layer export or an analysis run's PDF report (common/download.ts): the
   * browser saves it as any download; Electron asks where with its save dialog.
   */
  download(layer: string, format: DownloadFormat, options?: DownloadOptions): void;
  /** Menu commands from Electron's application menu; a no-op in the browser host. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** Menu commands with a fixed meaning (common/menu.ts places them in the menus). */
export const FixedMenuCommand = z.enum([
  'workspace.new',
  'workspace.open',
  'import',
  'export',
  'view.toggle2d3d',
  'view.home',
  'view.language.zh-CN',
  'view.language.en',
  'demo.open',
  'help.welcome',
  'help.about',
  'cases.desk',
  // presenting (issue #18): renderer/presentation/use-presentation.tsx
  'present.bookmarks',
  'present.addBookmark',
  'present.start',
  'present.screenshot',
  'present.compare',
]);
export type FixedMenuCommand = z.infer<typeof FixedMenuCommand>;

/** Opens an analysis's panel: `analysis.<kind>` (one per registry entry with a panel). */
export type AnalysisMenuCommand = `analysis.${string}`;
export const AnalysisMenuCommand = z.custom<AnalysisMenuCommand>(
  (v) => typeof v === 'string' && /^analysis\.[a-z][a-z0-9-]*$/.test(v),
  'an analysis command is analysis.<kind>',
);

export const MenuCommand = z.union([FixedMenuCommand, AnalysisMenuCommand]);
export type MenuCommand = FixedMenuCommand | AnalysisMenuCommand;

/** Wire shape of every HTTP response body and IPC reply. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: SerializedError };
