/**
 * Presentation mode: the map full screen with the panels hidden, the tour's caption, the
 * legend, a compass and a scale over it, driven from the keyboard or a presenter remote.
 * Leaving (Esc, or the browser leaving full screen) gives back the layout as it was: the
 * panels were only hidden, never unmounted.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bookmark, LayerEntry } from '../../common/contract/index.js';
import type { MapController } from '../map/controller.js';
import type { LegendEntry } from '../map/types.js';
import { Legend } from '../panels/legend/Legend.js';
import { Compass, ScaleOverlay, useHeading } from './overlays.js';
import { commandForKey } from './tour.js';
import { useTour } from './use-tour.js';

/** The body class that hides the workbench's panels (presentation.css). */
const PRESENTING_CLASS = 'cim-presenting';

export interface PresentationStart {
  index: number;
  autoplay: boolean;
  loop: boolean;
}

interface PresentationModeProps {
  bookmarks: readonly Bookmark[];
  start: PresentationStart;
  controller: MapController | null;
  legend: LegendEntry[];
  layers: LayerEntry[];
  show: (bookmark: Bookmark) => Promise<void>;
  onExit: () => void;
}

/** Full screen while presenting, when the browser allows it (it needs a user gesture). */
function useFullScreen(onLeft: () => void): void {
  const onLeftRef = useRef(onLeft);
  onLeftRef.current = onLeft;
  useEffect(() => {
    let entered = false;
    const onChange = (): void => {
      if (document.fullscreenElement) entered = true;
      else if (entered) onLeftRef.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    document.documentElement.requestFullscreen().catch(() => {
      // refused (no gesture, or a kiosk that is full screen already): present in the window
    });
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}

export function PresentationMode({
  bookmarks,
  start,
  controller,
  legend,
  layers,
  show,
  onExit,
}: PresentationModeProps) {
  const { t } = useTranslation();
  const tour = useTour(bookmarks, show, start);
  const heading = useHeading(controller);
  useFullScreen(onExit);

  useEffect(() => {
    document.body.classList.add(PRESENTING_CLASS);
    return () => document.body.classList.remove(PRESENTING_CLASS);
  }, []);

  const { command } = tour;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const c = commandForKey(event);
      if (c === null) return;
      event.preventDefault();
      event.stopPropagation();
      if (c === 'exit') onExit();
      else command(c);
    };
    // capture: the keys are the presentation's while it is on, not a focused widget's
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [command, onExit]);

  const { state, stop, phase } = tour;
  return (
    <div
      className="cim-present"
      data-testid="presentation"
      data-stop={state.index}
      data-stop-id={stop?.id}
      data-phase={phase}
      data-playing={state.playing}
      role="region"
      aria-label={t('presentation.title')}
    >
      <div className="cim-present-top">
        <span className="cim-present-title" data-testid="present-stop-title">
          {stop?.title}
        </span>
        <span className="cim-present-counter" data-testid="present-counter">
          {t('presentation.counter', { n: state.index + 1, total: state.count })}
          {state.playing ? ` · ${t('presentation.playing')}` : ''}
          {state.loop ? ` · ${t('presentation.loop')}` : ''}
        </span>
      </div>
      <div className="cim-present-legend">
        <Legend entries={legend} layers={layers} floating={false} />
      </div>
      <Compass headingDeg={heading} />
      <ScaleOverlay controller={controller} />
      {stop && stop.caption !== '' && (
        <div className="cim-present-caption" data-testid="present-caption" aria-live="polite">
          {stop.caption}
        </div>
      )}
      <div className="cim-present-keys">{t('presentation.keys')}</div>
    </div>
  );
}
