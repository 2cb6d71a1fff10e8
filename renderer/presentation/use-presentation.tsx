/**
 * Everything presenting adds to the workbench, behind one hook: the bookmark list, the
 * presentation mode with its tour, the picture export and the swipe comparison, their
 * menu commands and their keys. The workbench mounts `overlay` (dialogs, the presentation)
 * and `globeOverlay` (the comparison's bar, inside the globe) and hands it its commands.
 *
 * Keys (both hosts; the native menu shows them in its labels but does not bind them, so a
 * key never fires twice): Ctrl+Shift+B the bookmarks, Ctrl+D bookmark this view, F5
 * present, Ctrl+Shift+S export a picture, Ctrl+Shift+L compare. In presentation mode the
 * tour's keys (tour.ts) take over.
 */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry, WorkstationApi } from '../../common/contract/index.js';
import { useMapEvent } from '../app/use-map-event.js';
import type { LayersModel } from '../app/use-layers.js';
import type { MapController } from '../map/controller.js';
import type { LegendEntry } from '../map/types.js';
import { BookmarksPanel } from '../panels/bookmarks/BookmarksPanel.js';
import { CompareSwipe } from './compare/CompareSwipe.js';
import { PresentationMode, type PresentationStart } from './PresentationMode.js';
import { ScreenshotDialog } from './screenshot/ScreenshotDialog.js';
import { presentCommandForKey, type PresentCommand } from './present-keys.js';
import { useBookmarks } from './use-bookmarks.js';
import './presentation.css';

const NO_EPOCHS = { available: [], current: null };

export interface PresentationDeps {
  api: WorkstationApi;
  controller: MapController | null;
  layers: LayersModel;
  legend: LegendEntry[];
  workspace: { path: string; title: string } | null;
  notifyError: (err: unknown) => void;
}

export interface PresentationModel {
  run: (command: PresentCommand) => void;
  overlay: ReactNode;
  globeOverlay: ReactNode;
  /** Opens the swipe comparison with `left` and `right` either side (a panel's "compare"). */
  compare: (left: string, right: string) => void;
}

export function usePresentation({
  api,
  controller,
  layers,
  legend,
  workspace,
  notifyError,
}: PresentationDeps): PresentationModel {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const epochs = useMapEvent(controller, 'epochs', NO_EPOCHS);
  const bookmarks = useBookmarks({
    api,
    controller,
    refreshLayers: layers.refresh,
    notifyError,
    workspacePath: workspace?.path ?? null,
    epoch: epochs.current,
  });
  const [panelOpen, setPanelOpen] = useState(false);
  const [presenting, setPresenting] = useState<PresentationStart | null>(null);
  const [screenshot, setScreenshot] = useState(false);
  /** The swipe comparison while open, with the sides a panel asked for. */
  const [comparing, setComparing] = useState<{ initial?: { left: string; right: string } } | null>(null);

  const present = useCallback(
    (start: PresentationStart) => {
      if (bookmarks.bookmarks.length === 0) {
        void message.info(t('bookmarks.noneToPresent'));
        setPanelOpen(true);
        return;
      }
      setComparing(null);
      setPresenting(start);
    },
    [bookmarks.bookmarks.length, message, t],
  );

  const { add } = bookmarks;
  const run = useCallback(
    (command: PresentCommand) => {
      switch (command) {
        case 'present.bookmarks':
          return setPanelOpen((open) => !open);
        case 'present.addBookmark':
          setPanelOpen(true);
          return void add(t('bookmarks.defaultTitle', { n: bookmarks.bookmarks.length + 1 })).then(
            (b) => b && void message.success(t('bookmarks.added', { title: b.title })),
          );
        case 'present.start':
          return present({ index: 0, autoplay: false, loop: false });
        case 'present.screenshot':
          return setScreenshot(true);
        case 'present.compare':
          return setComparing((on) => (on ? null : {}));
      }
    },
    [add, bookmarks.bookmarks.length, message, present, t],
  );

  // the workbench's keys; presentation mode has its own
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (presenting) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const command = presentCommandForKey(event);
      if (command === null) return;
      event.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);

  const exit = useCallback(() => setPresenting(null), []);
  const layerList: LayerEntry[] = layers.layers;
  const overlay = (
    <>
      {panelOpen && !presenting && (
        <BookmarksPanel model={bookmarks} onPresent={present} onClose={() => setPanelOpen(false)} />
      )}
      {presenting && (
        <PresentationMode
          bookmarks={bookmarks.bookmarks}
          start={presenting}
          controller={controller}
          legend={legend}
          layers={layerList}
          show={bookmarks.show}
          onExit={exit}
        />
      )}
      {screenshot && (
        <ScreenshotDialog
          controller={controller}
          legend={legend}
          layers={layerList}
          defaultTitle={workspace?.title ?? t('app.name')}
          notifyError={notifyError}
          onClose={() => setScreenshot(false)}
        />
      )}
    </>
  );
  const globeOverlay = comparing ? (
    <CompareSwipe
      key={comparing.initial ? `${comparing.initial.left}|${comparing.initial.right}` : 'menu'}
      controller={controller}
      layers={layerList}
      update={layers.update}
      onClose={() => setComparing(null)}
      {...(comparing.initial ? { initial: comparing.initial } : {})}
    />
  ) : null;
  const compare = useCallback((left: string, right: string) => setComparing({ initial: { left, right } }), []);
  return { run, overlay, globeOverlay, compare };
}
