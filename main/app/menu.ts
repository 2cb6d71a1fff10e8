/**
 * The application menu, from the one menu description (common/menu.ts) and the locale
 * files. Items the renderer handles are sent to it as `MenuCommand`s on
 * `cim:menu`; opening or creating a workspace needs a native file dialog, so main does that,
 * tells the back end, and then sends `workspace.open` so the renderer reloads its state.
 * Environment: electron main.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Backend } from '../api/backend.js';
import type { AnalysisInfo, MenuCommand } from '../../common/contract/index.js';
import { lookupText, type Catalog } from '../../common/locales.js';
import { resolveMenu, type ResolvedItem } from '../../common/menu.js';
import { loadCatalog } from '../i18n/catalog.js';
import { MENU_CHANNEL } from './channels.js';

export type MenuLocale = 'zh-CN' | 'en';

/** The `ui` namespace of the locale files (the renderer's own strings), read by main. */
export type MenuText = (key: string) => string;

export function menuText(locale: MenuLocale, catalog: Catalog = loadCatalog(locale, 'ui')): MenuText {
  return (key) => lookupText(catalog, key) ?? key;
}

/** Chinese unless the system (or the user) says English. */
export function menuLocaleFor(locale: string): MenuLocale {
  return /^en\b/i.test(locale) ? 'en' : 'zh-CN';
}

export interface MenuActions {
  send(command: MenuCommand): void;
  newWorkspace(): void;
  openWorkspace(): void;
  setLocale(locale: MenuLocale): void;
  toggleDevTools(): void;
  quit(): void;
}

/**
 * The native menu from the one description (common/menu.ts): the same items as the page's
 * menu bar, plus what only the shell does (quit, developer tools); labels from the locale
 * files; the Analysis menu from the registry. New/Open workspace open native file dialogs.
 */
export function buildMenuTemplate(
  locale: MenuLocale,
  actions: MenuActions,
  analyses: readonly AnalysisInfo[],
  text: MenuText = menuText(locale),
): MenuItemConstructorOptions[] {
  const commandItem = (command: MenuCommand, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click:
      command === 'workspace.new'
        ? () => actions.newWorkspace()
        : command === 'workspace.open'
          ? () => actions.openWorkspace()
          : () => actions.send(command),
  });
  const itemOf = (entry: ResolvedItem): MenuItemConstructorOptions => {
    switch (entry.type) {
      case 'command':
        return commandItem(entry.command, text(entry.labelKey), entry.accelerator);
      case 'separator':
        return { type: 'separator' };
      case 'languages':
        return {
          label: text(entry.labelKey),
          submenu: (['zh-CN', 'en'] as const).map((l) => ({
            label: text(`language.${l}`),
            type: 'radio' as const,
            checked: locale === l,
            click: () => actions.setLocale(l),
          })),
        };
      case 'native':
        return {
          label: text(entry.labelKey),
          ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
          click: entry.action === 'quit' ? () => actions.quit() : () => actions.toggleDevTools(),
        };
    }
  };
  return resolveMenu('electron', analyses).map((menu) => ({
    label: text(menu.labelKey),
    submenu: menu.items.map(itemOf),
  }));
}

export interface AppMenuOptions {
  backend: Pick<Backend, 'dispatch'>;
  analyses: readonly AnalysisInfo[];
  window: BrowserWindow;
  locale: MenuLocale;
}

/** Builds the menu, and rebuilds it when the user picks another language. */
export function installAppMenu(options: AppMenuOptions): void {
  const { backend, window, analyses } = options;
  let locale = options.locale;
  let text = menuText(locale);

  const send = (command: MenuCommand): void => {
    if (!window.isDestroyed()) window.webContents.send(MENU_CHANNEL, command);
  };

  const pickPath = async (method: 'workspace.open' | 'workspace.create'): Promise<string | null> => {
    const filters = [{ name: text('menu.workspaceFilter'), extensions: ['gpkg'] }];
    if (method === 'workspace.open') {
      const picked = await dialog.showOpenDialog(window, { filters, properties: ['openFile'] });
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    }
    const picked = await dialog.showSaveDialog(window, { filters, defaultPath: 'workspace.gpkg' });
    if (picked.canceled || picked.filePath === '') return null;
    // Linux dialogs do not add the extension the filter names.
    return /\.gpkg$/i.test(picked.filePath) ? picked.filePath : `${picked.filePath}.gpkg`;
  };

  const switchWorkspace = async (method: 'workspace.open' | 'workspace.create'): Promise<void> => {
    const path = await pickPath(method);
    if (path === null) return;
    const reply = await backend.dispatch(method, { path });
    if (reply.ok) {
      send('workspace.open');
      return;
    }
    await dialog.showMessageBox(window, {
      type: 'error',
      message: text(method === 'workspace.open' ? 'menu.openFailed' : 'menu.createFailed'),
      detail: `${path}\n${reply.error.code} ${JSON.stringify(reply.error.facts)}`,
    });
  };

  const run = (method: 'workspace.open' | 'workspace.create') => (): void => {
    switchWorkspace(method).catch((err: unknown) => {
      dialog.showErrorBox(text('menu.openFailed'), String(err));
    });
  };

  const actions: MenuActions = {
    send,
    newWorkspace: run('workspace.create'),
    openWorkspace: run('workspace.open'),
    setLocale(next) {
      locale = next;
      text = menuText(locale);
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, actions, analyses, text)));
      send(next === 'en' ? 'view.language.en' : 'view.language.zh-CN');
    },
    toggleDevTools: () => window.webContents.toggleDevTools(),
    quit: () => app.quit(),
  };

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, actions, analyses, text)));
}
