import { describe, expect, it } from 'vitest';
import { commandForKey, startTour, stepTour, type TourCommand } from '../../../renderer/presentation/tour.js';
import { presentCommandForKey } from '../../../renderer/presentation/present-keys.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

function run(commands: TourCommand[], options = { autoplay: false, loop: false }, count = 3) {
  let state = startTour(count, 0, options);
  const seen = [state.index];
  for (const c of commands) {
    state = stepTour(state, c);
    seen.push(state.index);
  }
  return { state, seen };
}

describe('the tour', () => {
  it('steps through the stops and stops at the ends unless it loops', () => {
    expect(run(['next', 'next', 'next', 'prev', 'prev', 'prev']).seen).toEqual([0, 1, 2, 2, 1, 0, 0]);
    expect(run(['next', 'next', 'next', 'prev'], { autoplay: false, loop: true }).seen).toEqual([0, 1, 2, 0, 2]);
    expect(run(['last', 'first']).seen).toEqual([0, 2, 0]);
  });

  it('plays only with more than one stop, and stops playing at the end of a tour that does not loop', () => {
    expect(startTour(1, 0, { autoplay: true, loop: false }).playing).toBe(false);
    expect(run(['next', 'next'], { autoplay: true, loop: false }).state.playing).toBe(true);
    expect(run(['next', 'next', 'next'], { autoplay: true, loop: false }).state.playing).toBe(false);
    expect(run(['next', 'next', 'next'], { autoplay: true, loop: true }).state).toMatchObject({
      index: 0,
      playing: true,
    });
    expect(run(['togglePlay']).state.playing).toBe(true);
    expect(run(['togglePlay', 'exit']).state.playing).toBe(false);
  });

  it('starts at a stop within the tour', () => {
    expect(startTour(3, 7, { autoplay: false, loop: false }).index).toBe(2);
    expect(startTour(3, -1, { autoplay: false, loop: false }).index).toBe(0);
    expect(stepTour(startTour(0, 0, { autoplay: true, loop: true }), 'next')).toMatchObject({
      index: 0,
      playing: false,
    });
  });

  it('answers the arrows, Space, Esc and a presenter remote’s PageUp/PageDown, not chords', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown'].map((k) => commandForKey(key(k)))).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'ArrowUp', 'PageUp'].map((k) => commandForKey(key(k)))).toEqual(['prev', 'prev', 'prev']);
    expect(commandForKey(key(' '))).toBe('togglePlay');
    expect(commandForKey(key('Escape'))).toBe('exit');
    expect(commandForKey(key('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('a'))).toBeNull();
  });

  it('opens presenting from the workbench keys', () => {
    expect(presentCommandForKey(key('F5'))).toBe('present.start');
    expect(presentCommandForKey(key('F5', { ctrlKey: true }))).toBeNull();
    expect(presentCommandForKey(key('B', { ctrlKey: true, shiftKey: true }))).toBe('present.bookmarks');
    expect(presentCommandForKey(key('d', { ctrlKey: true }))).toBe('present.addBookmark');
    expect(presentCommandForKey(key('S', { metaKey: true, shiftKey: true }))).toBe('present.screenshot');
    expect(presentCommandForKey(key('L', { ctrlKey: true, shiftKey: true }))).toBe('present.compare');
    expect(presentCommandForKey(key('d'))).toBeNull();
  });
});
