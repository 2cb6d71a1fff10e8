import { App as AntApp } from 'antd';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisInfo, JobInfo, MenuCommand, WorkspaceInfo } from '../../common/contract/index.js';
import { analysisOfCommand } from '../../common/menu.js';
import type { MapController } from '../map/controller.js';
import type { EpochState, MeasureKind } from '../map/types.js';
import { AboutDialog } from '../panels/about/AboutDialog.js';
import { ExportDialog } from '../panels/export/ExportDialog.js';
import { ExtrudeDialog } from '../panels/extrude/ExtrudeDialog.js';
import { ImportDialog } from '../panels/import/ImportDialog.js';
import { PANELS } from '../panels/registry.js';
import { LayerPanel } from '../panels/layers/LayerPanel.js';
import { Legend } from '../panels/legend/Legend.js';
import { EpochControl } from '../panels/time/EpochControl.js';
import { StatusBar } from '../panels/status/StatusBar.js';
import { WelcomeDialog } from '../panels/welcome/WelcomeDialog.js';
import { WorkspaceDialog, type WorkspaceMode } from '../panels/workspace/WorkspaceDialog.js';
import { useApi } from './api-context.js';
import { GlobeToolbar } from './GlobeToolbar.js';
import { GlobeView } from './GlobeView.js';
import { MenuBar } from './MenuBar.js';
import { PanelFold } from './PanelFold.js';
import { RightPanel } from './RightPanel.js';
import { AttributeTable } from '../panels/table/AttributeTable.js';
import { useFileDrop } from './use-file-drop.js';
import { useJobs } from './use-jobs.js';
import { useLanguage } from './use-language.js';
import { useLayers } from './use-layers.js';
import { useMapEvent } from './use-map-event.js';
import { useNotifyError } from './use-notify-error.js';
import { useSavedView } from './use-saved-view.js';
import { isPresentCommand } from '../presentation/present-keys.js';
import { usePresentation } from '../presentation/use-presentation.js';

const NO_EPOCHS: EpochState = { available: [], current: null };

type Dialog =
  | { kind: 'import'; files: readonly File[]; id: number }
  | { kind: 'workspace'; mode: WorkspaceMode }
  | { kind: 'export' }
  | { kind: 'about' }
  | { kind: 'analysis'; analysis: string }
  | { kind: 'welcome' }
  | { kind: 'extrude'; layer: string }
  | null;

/** The desktop GIS layout: menu, layer tree, globe, attributes, status bar; and the dialogs. */
export function Workbench() {
  const api = useApi();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const notifyError = useNotifyError();
  const { setLanguage } = useLanguage();
  const [controller, setController] = useState<MapController | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [measureKind, setMeasureKind] = useState<MeasureKind | null>(null);
  // the side panels fold to a strip, so a 1024x768 projector shows the map (issue #17)
  const [leftOpen, setLeftOpen] = useState(true);
  const [rightOpen, setRightOpen] = useState(true);
  const [tableLayer, setTableLayer] = useState<string | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [analyses, setAnalyses] = useState<AnalysisInfo[]>([]);
  const sceneMode = useMapEvent(controller, 'sceneMode', '3d');
  const legend = useMapEvent(controller, 'legend', []);
  const epochs = useMapEvent(controller, 'epochs', NO_EPOCHS);
  const layers = useLayers(api, notifyError);
  const { refresh } = layers;

  const onWorkspace = useCallback(
    async (info: WorkspaceInfo) => {
      setDialog(null);
      // the old workspace's view stops being saved before the new layers move the camera
      setWorkspace(null);
      await refresh();
      setWorkspace(info);
    },
    [refresh],
  );

  const onJobFinished = useCallback(
    (job: JobInfo) => {
      if (job.state !== 'done') return;
      // the back end has switched to the demo city it built: load it like an opened workspace
      if (job.kind === 'demo') api.invoke('workspace.info', {}).then(onWorkspace, notifyError);
      else void refresh();
    },
    [api, refresh, onWorkspace, notifyError],
  );
  const jobs = useJobs(api, onJobFinished, notifyError);
  // presenting (issue #18): bookmarks, tours, presentation mode, picture export, comparison
  const presentation = usePresentation({ api, controller, layers, legend, workspace, notifyError });
  const demoJob = [...jobs.jobs.values()].find((job) => job.kind === 'demo' && job.state === 'running') ?? null;

  // The workspace is set once its layers are known, so restoring its view (or flying to
  // its extent when it has no saved view) sees them; the layer effect runs first. An empty
  // workspace (a first run while the demo city builds, or a new one) opens on the welcome.
  const welcomed = useRef(false);
  useEffect(() => {
    Promise.all([api.invoke('app.info', {}), refresh()]).then(([info]) => {
      setWorkspace(info.workspace);
      // once per launch: this effect runs again when the language changes
      if (info.workspace?.layerCount === 0 && !welcomed.current) setDialog({ kind: 'welcome' });
      welcomed.current = true;
    }, notifyError);
  }, [api, refresh, notifyError]);

  const openDemo = useCallback(async () => {
    try {
      const opened = await api.invoke('demo.open', {});
      if (opened.workspace) await onWorkspace(opened.workspace);
      else if (opened.jobId) {
        setDialog({ kind: 'welcome' });
        await jobs.track(opened.jobId);
      }
    } catch (err) {
      notifyError(err);
    }
  }, [api, jobs, onWorkspace, notifyError]);
  // The Analysis menu: what the back end registers and this renderer has a panel for.
  useEffect(() => {
    api
      .invoke('analysis.kinds', {})
      .then((all) => setAnalyses(all.filter((a) => a.panel && a.kind in PANELS)), notifyError);
  }, [api, notifyError]);
  useEffect(() => controller?.setLayers(layers.layers), [controller, layers.layers]);
  useSavedView(api, controller, workspace?.path ?? null, notifyError);
  useEffect(() => controller?.on('error', notifyError), [controller, notifyError]);
  useEffect(() => controller?.setMeasureKind(measureKind), [controller, measureKind]);

  const openImport = useCallback((files: readonly File[]) => setDialog({ kind: 'import', files, id: Date.now() }), []);
  const dragging = useFileDrop(openImport);

  const runCommand = useCallback(
    (command: MenuCommand) => {
      const analysis = analysisOfCommand(command);
      if (analysis !== null) {
        setDialog({ kind: 'analysis', analysis });
        return;
      }
      if (isPresentCommand(command)) return presentation.run(command);
      switch (command) {
        case 'workspace.new':
          return setDialog({ kind: 'workspace', mode: 'new' });
        case 'workspace.open':
          return setDialog({ kind: 'workspace', mode: 'open' });
        case 'import':
          return openImport([]);
        case 'export':
          return setDialog({ kind: 'export' });
        case 'view.toggle2d3d':
          return controller?.toggleSceneMode();
        case 'view.home':
          return void controller?.home();
        case 'view.language.zh-CN':
          return setLanguage('zh-CN');
        case 'view.language.en':
          return setLanguage('en');
        case 'demo.open':
          return void openDemo();
        case 'help.welcome':
          return setDialog({ kind: 'welcome' });
        case 'help.about':
          return setDialog({ kind: 'about' });
        case 'cases.desk':
          return setDialog({ kind: 'analysis', analysis: 'cases' });
      }
    },
    [controller, openImport, setLanguage, openDemo, presentation.run],
  );
  useEffect(() => api.onMenuCommand(runCommand), [api, runCommand]);

  const onImported = useCallback(
    (name: string) => {
      void refresh().then((list) => {
        const entry = list.find((layer) => layer.name === name);
        if (entry?.bbox) void controller?.flyToBBox(entry.bbox);
      });
    },
    [refresh, controller],
  );

  const close = useCallback(() => setDialog(null), []);
  const AnalysisPanel = dialog?.kind === 'analysis' ? PANELS[dialog.analysis] : undefined;
  const extruded = dialog?.kind === 'extrude' ? layers.layers.find((l) => l.name === dialog.layer) : undefined;

  return (
    <div className="cim-shell" data-testid="workbench" data-ready={workspace !== null}>
      <MenuBar workspace={workspace} sceneMode={sceneMode} analyses={analyses} onCommand={runCommand} />
      <div
        className="cim-body"
        data-testid="workbench-body"
        style={{ gridTemplateColumns: `${leftOpen ? '270px' : '22px'} minmax(0, 1fr) ${rightOpen ? '300px' : '22px'}` }}
      >
        <PanelFold side="left" open={leftOpen} onToggle={() => setLeftOpen(!leftOpen)}>
          <LayerPanel
            model={layers}
            onImport={() => openImport([])}
            onZoom={(name) => void controller?.flyToLayer(name)}
            onRemoved={(name) => void message.success(t('layers.removed', { name }))}
            onExtrude={(layer) => setDialog({ kind: 'extrude', layer })}
            onOpenTable={setTableLayer}
          />
        </PanelFold>
        <div className="cim-centre">
          <GlobeView onController={setController}>
            <GlobeToolbar
              controller={controller}
              measureKind={measureKind}
              onMeasureKind={setMeasureKind}
              sceneMode={sceneMode}
            />
            <Legend entries={legend} layers={layers.layers} passThrough={measureKind !== null} />
            <EpochControl state={epochs} onChange={(epoch) => controller?.setEpoch(epoch)} />
            {presentation.globeOverlay}
          </GlobeView>
          {tableLayer !== null && (
            <AttributeTable
              key={tableLayer}
              layer={tableLayer}
              layers={layers.layers}
              controller={controller}
              onClose={() => setTableLayer(null)}
            />
          )}
        </div>
        <PanelFold side="right" open={rightOpen} onToggle={() => setRightOpen(!rightOpen)}>
          <RightPanel controller={controller} layers={layers.layers} measureKind={measureKind} />
        </PanelFold>
      </div>
      <StatusBar controller={controller} jobs={jobs} />
      {dragging && (
        <div className="cim-drop-overlay" data-testid="drop-overlay">
          {t('import.dropHere')}
        </div>
      )}
      {dialog?.kind === 'import' && (
        <ImportDialog
          key={dialog.id}
          initialFiles={dialog.files}
          jobs={jobs}
          controller={controller}
          onImported={onImported}
          onClose={close}
        />
      )}
      {dialog?.kind === 'workspace' && (
        <WorkspaceDialog mode={dialog.mode} onDone={(info) => void onWorkspace(info)} onClose={close} />
      )}
      {dialog?.kind === 'export' && (
        <ExportDialog
          layers={layers.layers}
          initialLayer={null}
          onExported={(text) => void message.success(text)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'about' && <AboutDialog onClose={close} />}
      {presentation.overlay}
      {dialog?.kind === 'extrude' && extruded && (
        <ExtrudeDialog
          layer={extruded}
          layers={layers.layers}
          jobs={jobs}
          onDone={(name) => {
            setDialog(null);
            onImported(name);
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'welcome' && (
        <WelcomeDialog
          demoJob={demoJob}
          onCommand={runCommand}
          onCancelDemo={(jobId) => void jobs.cancel(jobId)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'analysis' && AnalysisPanel && (
        <Suspense fallback={null}>
          <AnalysisPanel
            layers={layers.layers}
            jobs={jobs}
            controller={controller}
            notifyError={notifyError}
            onClose={close}
            onCompare={presentation.compare}
          />
        </Suspense>
      )}
    </div>
  );
}
