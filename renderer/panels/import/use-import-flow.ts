/**
 * An import from the user's point of view: pick a source (one file, or a shapefile's parts
 * dropped together), see the preview (and its extent on the globe), override the CRS,
 * encoding or CSV columns (each change previews again, and the globe preview moves), choose
 * a name, start the job, follow it, and end with a layer and a summary, or an error.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ImportPreview,
  ImportResult,
  ImportSource,
  JobInfo,
  PreviewLayer,
  WorkstationApi,
} from '../../../common/contract/index.js';
import type { JobsModel } from '../../app/use-jobs.js';
import type { MapController } from '../../map/controller.js';
import { groupSourceFiles } from './source-files.js';

type ImportPhase = 'choose' | 'loading' | 'preview' | 'importing' | 'done';

/** Where a model (or a tileset in local coordinates) stands. */
export interface Placement {
  lon: number;
  lat: number;
  heightM: number;
  headingDeg: number;
  scale: number;
}

/** What the user overrode; unset keys mean "as the file says". */
export interface ImportChoices {
  crs?: string;
  encoding?: string;
  xColumn?: string;
  yColumn?: string;
  /** A raster: terrain or imagery. */
  target?: 'terrain' | 'imagery';
  /** CityJSON: the level of detail; unset = the highest per object. */
  lod?: string | undefined;
  placement?: Placement;
}

export interface ImportFlow {
  phase: ImportPhase;
  preview: ImportPreview | null;
  layer: PreviewLayer | null;
  name: string;
  choices: ImportChoices;
  job: JobInfo | null;
  result: ImportResult | null;
  error: unknown;
  /** The job was cancelled by the user: nothing was written. */
  cancelled: boolean;
  fromFiles: (files: readonly File[]) => Promise<void>;
  fromPath: (path: string) => Promise<void>;
  selectLayer: (sourceLayer: string) => void;
  setName: (name: string) => void;
  /** Changes an override and previews again. */
  choose: (patch: ImportChoices) => Promise<void>;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
}

interface FlowDeps {
  api: WorkstationApi;
  jobs: JobsModel;
  controller: MapController | null;
  onImported: (layerName: string) => void;
}

export function useImportFlow({ api, jobs, controller, onImported }: FlowDeps): ImportFlow {
  const [phase, setPhase] = useState<ImportPhase>('choose');
  const [source, setSource] = useState<ImportSource | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [sourceLayer, setSourceLayer] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [choices, setChoices] = useState<ImportChoices>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);

  const layer = preview?.layers.find((l) => l.sourceLayer === sourceLayer) ?? null;
  const job = jobId ? (jobs.jobs.get(jobId) ?? null) : null;

  const showLayer = useCallback(
    (next: PreviewLayer | undefined, keepName: boolean) => {
      setSourceLayer(next?.sourceLayer ?? null);
      if (!keepName) setName(next?.suggestedName ?? '');
      if (next) void controller?.showPreview(next.previewGeoJson, next.bbox);
    },
    [controller],
  );

  const runPreview = useCallback(
    async (nextSource: ImportSource, nextChoices: ImportChoices, keep: { layer: string | null } | null) => {
      const nextPreview = await api.invoke('import.preview', { source: nextSource, ...nextChoices });
      setSource(nextSource);
      setPreview(nextPreview);
      setChoices(nextChoices);
      const same = keep ? nextPreview.layers.find((l) => l.sourceLayer === keep.layer) : undefined;
      showLayer(same ?? nextPreview.layers[0], same !== undefined);
      setPhase('preview');
    },
    [api, showLayer],
  );

  const load = useCallback(
    async (makeSource: () => Promise<ImportSource>) => {
      setPhase('loading');
      setError(null);
      setCancelled(false);
      setResult(null);
      setJobId(null);
      try {
        await runPreview(await makeSource(), {}, null);
      } catch (err) {
        setError(err);
        setPhase(preview ? 'preview' : 'choose');
      }
    },
    [runPreview, preview],
  );

  const fromFiles = useCallback(
    (files: readonly File[]) =>
      load(() => {
        const group = groupSourceFiles(files);
        if (!group) return Promise.reject(new Error('no file'));
        return group.sidecars.length
          ? api.sourceForFiles(group.primary, group.sidecars)
          : api.sourceForFile(group.primary);
      }),
    [api, load],
  );
  const fromPath = useCallback((path: string) => load(() => Promise.resolve({ kind: 'path', path })), [load]);

  const choose = useCallback(
    async (patch: ImportChoices) => {
      if (!source) return;
      setError(null);
      const next = { ...choices, ...patch };
      try {
        await runPreview(source, next, { layer: sourceLayer });
      } catch (err) {
        setError(err);
      }
    },
    [source, choices, sourceLayer, runPreview],
  );

  const selectLayer = useCallback(
    (next: string) =>
      showLayer(
        preview?.layers.find((l) => l.sourceLayer === next),
        false,
      ),
    [preview, showLayer],
  );

  const start = useCallback(async () => {
    if (!source || !layer) return;
    setError(null);
    setCancelled(false);
    try {
      const started = await api.invoke('import.start', { source, sourceLayer: layer.sourceLayer, name, ...choices });
      setJobId(started.jobId);
      setPhase('importing');
      await jobs.track(started.jobId);
    } catch (err) {
      setError(err);
    }
  }, [api, jobs, source, layer, name, choices]);

  const cancel = useCallback(async () => {
    if (jobId) await jobs.cancel(jobId);
  }, [jobs, jobId]);

  useEffect(() => {
    if (phase !== 'importing' || !job || job.state === 'running') return;
    if (job.state === 'done') {
      const imported = job.result as ImportResult | null;
      setResult(imported);
      setPhase('done');
      controller?.clearPreview();
      if (imported) onImported(imported.resultLayer);
      return;
    }
    setCancelled(job.state === 'cancelled');
    if (job.state === 'failed') setError(job.error);
    setPhase('preview');
  }, [phase, job, controller, onImported]);

  useEffect(() => () => controller?.clearPreview(), [controller]);

  return {
    phase,
    preview,
    layer,
    name,
    choices,
    job,
    result,
    error,
    cancelled,
    fromFiles,
    fromPath,
    selectLayer,
    setName,
    choose,
    start,
    cancel,
  };
}
