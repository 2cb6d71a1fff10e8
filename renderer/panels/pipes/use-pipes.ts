/**
 * The pipes panels' state: which layers hold the network, the burst picked on the globe, the
 * section line drawn with the measure tool, and the runs (job, summary) of both analyses.
 */
import { useEffect, useState } from 'react';
import type { LayerEntry, WorkstationApi } from '../../../common/contract/index.js';
import type {
  PipesIsolateParams,
  PipesIsolateSummary,
  PipesSectionParams,
  PipesSectionSummary,
} from '../../../common/contract/pipes.js';
import type { JobsModel } from '../../app/use-jobs.js';
import type { MapController } from '../../map/controller.js';
import { useAnalysisRun } from '../analysis/run.js';

export interface NetworkLayers {
  segments: string | undefined;
  nodes: string | undefined;
  lines: LayerEntry[];
  points: LayerEntry[];
  setSegments: (name: string) => void;
  setNodes: (name: string) => void;
}

/** Line and point layers offered as the network; the demo city's pipe_segments and pipe_nodes first. */
export function useNetworkLayers(layers: readonly LayerEntry[]): NetworkLayers {
  const vector = (types: string[]) => layers.filter((l) => l.kind === 'vector' && types.includes(l.geometryType));
  const lines = vector(['LINESTRING', 'MULTILINESTRING']);
  const points = vector(['POINT', 'MULTIPOINT']);
  const [segments, setSegments] = useState(lines.find((l) => l.name === 'pipe_segments')?.name ?? lines[0]?.name);
  const [nodes, setNodes] = useState(points.find((l) => l.name === 'pipe_nodes')?.name ?? points[0]?.name);
  return { segments, nodes, lines, points, setSegments, setNodes };
}

/** The pipe id of a segment clicked on the globe (its pipe_id, or the first id-like field). */
export function usePickedPipe(controller: MapController | null, segmentsLayer: string | undefined): string | null {
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    if (!controller) return undefined;
    return controller.on('pick', (f) => {
      if (!f || f.layer !== segmentsLayer) return;
      const id = f.properties.pipe_id ?? f.properties['管线编号'] ?? f.properties['编号'];
      if (typeof id === 'string' || typeof id === 'number') setPicked(String(id));
    });
  }, [controller, segmentsLayer]);
  return picked;
}

/** The line drawn with the distance tool, as LON,LAT pairs, once the drawing is finished. */
export function useDrawnLine(controller: MapController | null): {
  line: number[] | null;
  drawing: boolean;
  draw: () => void;
} {
  const [line, setLine] = useState<number[] | null>(null);
  const [drawing, setDrawing] = useState(false);
  useEffect(() => {
    if (!controller || !drawing) return undefined;
    let done = false;
    const off = controller.on('measure', (m) => {
      if (!m || m.kind !== 'distance' || !m.finished || m.points.length < 2) return;
      done = true;
      setLine(m.points.flatMap(([lon, lat]) => [lon, lat]));
      setDrawing(false);
      controller.setMeasureKind(null);
    });
    return () => {
      off();
      // the panel closed mid-drawing: put the tool away (a finished drawing already did)
      if (!done) controller.setMeasureKind(null);
    };
  }, [controller, drawing]);
  const draw = (): void => {
    if (!controller) return;
    controller.clearMeasurement();
    controller.setMeasureKind('distance');
    setDrawing(true);
  };
  return { line, drawing, draw };
}

export function useIsolateRun(api: WorkstationApi, jobs: JobsModel, notifyError: (err: unknown) => void) {
  return useAnalysisRun<PipesIsolateParams, PipesIsolateSummary>('pipes-isolate', api, jobs, notifyError);
}

export function useSectionRun(api: WorkstationApi, jobs: JobsModel, notifyError: (err: unknown) => void) {
  return useAnalysisRun<PipesSectionParams, PipesSectionSummary>('pipes-section', api, jobs, notifyError);
}
