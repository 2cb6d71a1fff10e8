/**
 * Plays a tour: the stops are the bookmarks in order. Each step shows its bookmark (layers,
 * epoch, a flight of the stop's duration); while playing, the tour waits the stop's pause
 * once the flight has arrived and goes on. A newer step cancels an older one's wait.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bookmark } from '../../common/contract/index.js';
import { startTour, stepTour, type TourCommand, type TourState } from './tour.js';

export type StopPhase = 'flying' | 'arrived';

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
  const [phase, setPhase] = useState<StopPhase>('flying');
  const [arrivals, setArrivals] = useState(0);
  const showRef = useRef(show);
  showRef.current = show;
  const stop = bookmarks[state.index] ?? null;
  // a step is identified by the index and a counter, so stepping to the same stop flies again
  const [step, setStep] = useState(0);

  useEffect(() => {
    if (!stop) return undefined;
    let current = true;
    setPhase('flying');
    void showRef.current(stop).then(() => {
      if (!current) return;
      setPhase('arrived');
      setArrivals((n) => n + 1);
    });
    return () => {
      current = false;
    };
    // the stop's id and the step counter decide a new flight; its other fields do not
  }, [stop?.id, step]);

  useEffect(() => {
    if (!state.playing || phase !== 'arrived' || !stop) return undefined;
    const timer = setTimeout(() => {
      setState((s) => stepTour(s, 'next'));
      setStep((n) => n + 1);
    }, stop.pauseS * 1000);
    return () => clearTimeout(timer);
  }, [state.playing, phase, stop, arrivals]);

  const command = useCallback((c: TourCommand) => {
    setState((s) => stepTour(s, c));
    if (c !== 'togglePlay' && c !== 'exit') setStep((n) => n + 1);
  }, []);

  useEffect(() => {
    setState((s) => (s.count === bookmarks.length ? s : { ...s, count: bookmarks.length }));
  }, [bookmarks.length]);

  return { state, stop, phase, command };
}
