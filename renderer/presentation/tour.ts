/**
 * A tour's state and the keys that drive it, as pure functions (the hook in use-tour.ts
 * does the flying and the waiting). Keys follow presentation software: arrows and a
 * presenter remote's PageUp/PageDown step, Space plays and pauses, Home/End jump, Esc leaves.
 */

export type TourCommand = 'next' | 'prev' | 'togglePlay' | 'first' | 'last' | 'exit';

export interface TourState {
  /** The stop shown (or being flown to). */
  index: number;
  count: number;
  playing: boolean;
  /** After the last stop, start again at the first (an exhibition screen). */
  loop: boolean;
}

const KEYS: Readonly<Record<string, TourCommand>> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ArrowLeft: 'prev',
  ArrowUp: 'prev',
  PageUp: 'prev',
  ' ': 'togglePlay',
  Home: 'first',
  End: 'last',
  Escape: 'exit',
};

/** The command a key press gives in presentation mode, or null (modifier chords are left alone). */
export function commandForKey(event: {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): TourCommand | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return KEYS[event.key] ?? null;
}

export function startTour(count: number, index: number, options: { autoplay: boolean; loop: boolean }): TourState {
  return { index: clamp(index, count), count, playing: options.autoplay && count > 1, loop: options.loop };
}

/**
 * The state after a command. `next` past the last stop wraps when looping, else stays and
 * stops playing; `prev` before the first wraps when looping. `exit` is the caller's.
 */
export function stepTour(state: TourState, command: TourCommand): TourState {
  const { index, count, loop } = state;
  if (count === 0) return { ...state, playing: false };
  switch (command) {
    case 'next':
      if (index < count - 1) return { ...state, index: index + 1 };
      return loop ? { ...state, index: 0 } : { ...state, playing: false };
    case 'prev':
      if (index > 0) return { ...state, index: index - 1 };
      return loop ? { ...state, index: count - 1 } : state;
    case 'togglePlay':
      return { ...state, playing: !state.playing };
    case 'first':
      return { ...state, index: 0 };
    case 'last':
      return { ...state, index: count - 1 };
    case 'exit':
      return { ...state, playing: false };
  }
}

function clamp(index: number, count: number): number {
  return Math.min(Math.max(Math.trunc(index), 0), Math.max(count - 1, 0));
}
