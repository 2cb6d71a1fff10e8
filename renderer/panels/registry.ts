/**
 * The analysis panels: one line per analysis that has one (its registry entry says
 * `panel: true`). The Analysis menu offers the kinds the back end registers and that have a
 * panel here; the workbench mounts the chosen one. A panel loads when first opened.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { LayerEntry } from '../../common/contract/index.js';
import type { JobsModel } from '../app/use-jobs.js';
import type { MapController } from '../map/controller.js';

/** What the workbench gives every analysis panel. */
export interface AnalysisPanelProps {
  layers: readonly LayerEntry[];
  jobs: JobsModel;
  controller: MapController | null;
  notifyError: (err: unknown) => void;
  onClose: () => void;
  /** Opens the swipe comparison with these two layers either side of the bar. */
  onCompare?: (left: string, right: string) => void;
}

type Panel = LazyExoticComponent<ComponentType<AnalysisPanelProps>>;

export const PANELS: Readonly<Record<string, Panel>> = {
  multiplan: lazy(async () => ({ default: (await import('./multiplan/MultiplanPanel.js')).MultiplanPanel })),
  sunlight: lazy(async () => ({ default: (await import('./sunlight/SunlightPanel.js')).SunlightPanel })),
  'height-limit': lazy(async () => ({
    default: (await import('./height-limit/HeightLimitPanel.js')).HeightLimitPanel,
  })),
  cases: lazy(async () => ({ default: (await import('./cases/CasesPanel.js')).CasesPanel })),
  'pipes-isolate': lazy(async () => ({ default: (await import('./pipes/IsolatePanel.js')).IsolatePanel })),
  'pipes-section': lazy(async () => ({ default: (await import('./pipes/SectionPanel.js')).SectionPanel })),
  change: lazy(async () => ({ default: (await import('./change/ChangePanel.js')).ChangePanel })),
  ...terrainPanels(),
};

/** The terrain analyses (issue #16) share one panel, one entry per kind. */
function terrainPanels(): Record<string, Panel> {
  const load = () => import('./terrain/TerrainPanel.js');
  return {
    los: lazy(async () => ({ default: (await load()).LosPanel })),
    viewshed: lazy(async () => ({ default: (await load()).ViewshedPanel })),
    skyline: lazy(async () => ({ default: (await load()).SkylinePanel })),
    profile: lazy(async () => ({ default: (await load()).ProfilePanel })),
    'cut-fill': lazy(async () => ({ default: (await load()).CutFillPanel })),
    flood: lazy(async () => ({ default: (await load()).FloodPanel })),
  };
}
