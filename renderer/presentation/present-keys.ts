/**
 * The workbench's presenting commands and their keys (outside presentation mode; inside it
 * the tour's keys in tour.ts apply). Pure, so the key map is tested without a page.
 */
import type { MenuCommand } from '../../common/contract/index.js';

/** The menu commands presenting answers (common/menu.ts). */
const PRESENT_COMMANDS = [
  'present.bookmarks',
  'present.addBookmark',
  'present.start',
  'present.screenshot',
  'present.compare',
] as const;
export type PresentCommand = (typeof PRESENT_COMMANDS)[number];

export function isPresentCommand(command: MenuCommand): command is PresentCommand {
  return (PRESENT_COMMANDS as readonly string[]).includes(command);
}

/** The command a key gives outside presentation mode, or null. */
export function presentCommandForKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): PresentCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  if (e.key === 'F5' && !mod && !e.shiftKey) return 'present.start';
  if (!mod) return null;
  const key = e.key.toLowerCase();
  if (e.shiftKey && key === 'b') return 'present.bookmarks';
  if (e.shiftKey && key === 's') return 'present.screenshot';
  if (e.shiftKey && key === 'l') return 'present.compare';
  if (!e.shiftKey && key === 'd') return 'present.addBookmark';
  return null;
}
