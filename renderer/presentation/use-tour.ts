/**
 * Plays a tour: the stops are the bookmarks in order. Each step shows its bookmark (layers,
 * epoch, a flight of the stop's duration); while playing, the tour waits the stop's pause
 * once the flight has arrived and goes on. A newer step cancels an older one's wait.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bookmark } from '../../common/contract/index.js';
import { startTour, stepTour, type TourCommand, type TourState } from './tour.js';

type StopPhase = 'flying' | 'arrived';

export interface TourModel {
  state: TourState;
  stop: Bookmark | null;
  phase: StopPhase;
  command: (command: TourCommand) => void;
}

export function useTour(
  bookmarks: readonly Bookmark[],
  show: (bookmark: Bookmark) => Promise<void>,
  start: { index: number; autoplay: boolean; loop: boolean },
): TourModel {
  const [state, setState] = useState<TourState>(() => startTour(bookmarks.length, start.index, start));
  // Each step (a key, or the autoplay) has its own number; a stop has arrived when the
  // flight of the current step has. Derived, so the frame that shows a new stop never
  // still says "arrived" from the one before.
  const [step, setStep] = useState(0);
  const [arrivedStep, setArrivedStep] = useState<number | null>(null);
  const phase: StopPhase = arrivedStep === step ? 'arrived' : 'flying';
  const showRef = useRef(show);
  showRef.current = show;
  const stop = bookmarks[state.index] ?? null;

  useEffect(() => {
    if (!stop) return undefined;
    let current = true;
    void showRef.current(stop).then(() => {
      if (current) setArrivedStep(step);
    });
    return () => {
      current = false;
    };
    // the stop's id and the step decide a new flight; its other fields do not
  }, [stop?.id, step]);

  useEffect(() => {
    if (!state.playing || phase !== 'arrived' || !stop) return undefined;
    const timer = setTimeout(() => {
      setState((s) => stepTour(s, 'next'));
      setStep((n) => n + 1);
    }, stop.pauseS * 1000);
    return () => clearTimeout(timer);
  }, [state.playing, phase, stop]);

  const command = useCallback((c: TourCommand) => {
    setState((s) => stepTour(s, c));
    if (c !== 'togglePlay' && c !== 'exit') setStep((n) => n + 1);
  }, []);

  useEffect(() => {
    setState((s) => (s.count === bookmarks.length ? s : { ...s, count: bookmarks.length }));
  }, [bookmarks.length]);

  return { state, stop, phase, command };
}
