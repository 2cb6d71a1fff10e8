/**
 * An import from the user's point of view: pick a source, see the preview (and its extent
 * on the globe), choose a name, start the job, follow it, and end with a layer or an error.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  ImportPreview,
  ImportResult,
  ImportSource,
  JobInfo,
  PreviewLayer,
  WorkstationApi,
} from '../../../main/api/contract.js';
import type { JobsModel } from '../../app/use-jobs.js';
import type { MapController } from '../../map/controller.js';

export type ImportPhase = 'choose' | 'loading' | 'preview' | 'importing' | 'done';

export interface ImportFlow {
  phase: ImportPhase;
  preview: ImportPreview | null;
  layer: PreviewLayer | null;
  name: string;
  job: JobInfo | null;
  result: ImportResult | null;
  error: unknown;
  /** The job was cancelled by the user: nothing was written. */
  cancelled: boolean;
  fromFile: (file: File) => Promise<void>;
  fromPath: (path: string) => Promise<void>;
  selectLayer: (sourceLayer: string) => void;
  setName: (name: string) => void;
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
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);

  const layer = preview?.layers.find((l) => l.sourceLayer === sourceLayer) ?? null;
  const job = jobId ? (jobs.jobs.get(jobId) ?? null) : null;

  const showLayer = useCallback(
    (next: PreviewLayer | undefined) => {
      setSourceLayer(next?.sourceLayer ?? null);
      setName(next?.suggestedName ?? '');
      if (next) void controller?.showPreview(next.previewGeoJson, next.bbox);
    },
    [controller],
  );

  const load = useCallback(
    async (makeSource: () => Promise<ImportSource>) => {
      setPhase('loading');
      setError(null);
      setCancelled(false);
      setResult(null);
      setJobId(null);
      try {
        const nextSource = await makeSource();
        const nextPreview = await api.invoke('import.preview', { source: nextSource });
        setSource(nextSource);
        setPreview(nextPreview);
        showLayer(nextPreview.layers[0]);
        setPhase('preview');
      } catch (err) {
        setError(err);
        setPhase(preview ? 'preview' : 'choose');
      }
    },
    [api, preview, showLayer],
  );

  const fromFile = useCallback((file: File) => load(() => api.sourceForFile(file)), [api, load]);
  const fromPath = useCallback((path: string) => load(() => Promise.resolve({ kind: 'path', path })), [load]);

  const selectLayer = useCallback(
    (next: string) => showLayer(preview?.layers.find((l) => l.sourceLayer === next)),
    [preview, showLayer],
  );

  const start = useCallback(async () => {
    if (!source || !layer) return;
    setError(null);
    setCancelled(false);
    try {
      const started = await api.invoke('import.start', { source, sourceLayer: layer.sourceLayer, name });
      setJobId(started.jobId);
      setPhase('importing');
      await jobs.track(started.jobId);
    } catch (err) {
      setError(err);
    }
  }, [api, jobs, source, layer, name]);

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
    job,
    result,
    error,
    cancelled,
    fromFile,
    fromPath,
    selectLayer,
    setName,
    start,
    cancel,
  };
}
