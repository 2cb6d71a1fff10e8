/**
 * The one description of the application menu. Electron's native menu (main/app/menu.ts)
 * and the in-page menu bar (renderer/app/MenuBar.tsx) are both built from it, with their
 * labels from the locale files (`ui:` keys) and the Analysis menu from the analysis
 * registry (one item per analysis with a panel, labelled `ui:analysis.<kind>.menu`).
 * Environment: common.
 */
import type { AnalysisInfo, FixedMenuCommand, MenuCommand } from './contract/index.js';

export type MenuHost = 'electron' | 'browser';

type MenuEntry =
  | { type: 'command'; command: FixedMenuCommand; labelKey: string; accelerator?: string }
  | { type: 'separator' }
  /** The language choice (中文 / English). */
  | { type: 'languages'; labelKey: string }
  /** One item per analysis with a panel. */
  | { type: 'analyses' }
  /** Things only the desktop shell does. */
  | { type: 'native'; action: 'quit' | 'devTools'; labelKey: string; accelerator?: string };

interface MenuSpec {
  id: 'file' | 'view' | 'analysis' | 'present' | 'help';
  labelKey: string;
  items: readonly MenuEntry[];
}

const MENU: readonly MenuSpec[] = [
  {
    id: 'file',
    labelKey: 'menu.file',
    items: [
      { type: 'command', command: 'workspace.new', labelKey: 'menu.workspaceNew', accelerator: 'CmdOrCtrl+N' },
      { type: 'command', command: 'workspace.open', labelKey: 'menu.workspaceOpen', accelerator: 'CmdOrCtrl+O' },
      { type: 'command', command: 'demo.open', labelKey: 'menu.demo' },
      { type: 'separator' },
      { type: 'command', command: 'import', labelKey: 'menu.import', accelerator: 'CmdOrCtrl+I' },
      { type: 'command', command: 'export', labelKey: 'menu.export', accelerator: 'CmdOrCtrl+E' },
      { type: 'separator' },
      { type: 'native', action: 'quit', labelKey: 'menu.quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  },
  {
    id: 'view',
    labelKey: 'menu.view',
    items: [
      { type: 'command', command: 'view.toggle2d3d', labelKey: 'menu.toggle2d3d' },
      { type: 'command', command: 'view.home', labelKey: 'view.home' },
      { type: 'command', command: 'cases.desk', labelKey: 'menu.casesDesk' },
      { type: 'separator' },
      { type: 'languages', labelKey: 'menu.language' },
      { type: 'separator' },
      { type: 'native', action: 'devTools', labelKey: 'menu.devTools', accelerator: 'CmdOrCtrl+Shift+I' },
    ],
  },
  { id: 'analysis', labelKey: 'menu.analysis', items: [{ type: 'analyses' }] },
  // Presenting (issue #18). The keys are the page's own (renderer/presentation/use-presentation.tsx),
  // in both hosts, so these carry no accelerator: the labels name them.
  {
    id: 'present',
    labelKey: 'menu.present',
    items: [
      { type: 'command', command: 'present.bookmarks', labelKey: 'menu.presentBookmarks' },
      { type: 'command', command: 'present.addBookmark', labelKey: 'menu.presentAddBookmark' },
      { type: 'command', command: 'present.start', labelKey: 'menu.presentStart' },
      { type: 'separator' },
      { type: 'command', command: 'present.compare', labelKey: 'menu.presentCompare' },
      { type: 'command', command: 'present.screenshot', labelKey: 'menu.presentScreenshot' },
    ],
  },
  {
    id: 'help',
    labelKey: 'menu.help',
    items: [
      { type: 'command', command: 'help.welcome', labelKey: 'menu.welcome' },
      { type: 'command', command: 'help.about', labelKey: 'menu.about' },
    ],
  },
];

export type ResolvedItem =
  | { type: 'command'; command: MenuCommand; labelKey: string; accelerator?: string }
  | { type: 'separator' }
  | { type: 'languages'; labelKey: string }
  | { type: 'native'; action: 'quit' | 'devTools'; labelKey: string; accelerator?: string };

export interface ResolvedMenu {
  id: MenuSpec['id'];
  labelKey: string;
  items: ResolvedItem[];
}

/** The command that opens an analysis's panel. */
function analysisCommand(kind: string): MenuCommand {
  return `analysis.${kind}`;
}

/** The kind an `analysis.<kind>` command opens, or null for the other commands. */
export function analysisOfCommand(command: MenuCommand): string | null {
  return command.startsWith('analysis.') ? command.slice('analysis.'.length) : null;
}

/**
 * The menus for one host: native items only in Electron, the Analysis menu filled with
 * the analyses that have a panel, separators never doubled or trailing.
 */
export function resolveMenu(host: MenuHost, analyses: readonly AnalysisInfo[]): ResolvedMenu[] {
  return MENU.map((menu) => {
    const items: ResolvedItem[] = [];
    for (const entry of menu.items) {
      if (entry.type === 'analyses') {
        for (const a of analyses.filter((x) => x.panel)) {
          items.push({ type: 'command', command: analysisCommand(a.kind), labelKey: `analysis.${a.kind}.menu` });
        }
      } else if (entry.type === 'native') {
        if (host === 'electron') items.push(entry);
      } else if (entry.type === 'separator') {
        if (items.length > 0 && items[items.length - 1]?.type !== 'separator') items.push(entry);
      } else {
        items.push(entry);
      }
    }
    while (items[items.length - 1]?.type === 'separator') items.pop();
    return { id: menu.id, labelKey: menu.labelKey, items };
  });
}
