/**
 * The application menu. Items the renderer handles are sent to it as `MenuCommand`s on
 * `cim:menu`; opening or creating a workspace needs a native file dialog, so main does that,
 * tells the back end, and then sends `workspace.open` so the renderer reloads its state.
 * Environment: electron main.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { Backend } from '../api/backend.js';
import type { MenuCommand } from '../../common/contract/index.js';
import { MENU_CHANNEL } from './channels.js';

export type MenuLocale = 'zh-CN' | 'en';

const labels = {
  'zh-CN': {
    file: '文件',
    newWorkspace: '新建工作空间…',
    openWorkspace: '打开工作空间…',
    import: '导入…',
    export: '导出…',
    quit: '退出',
    view: '视图',
    toggle2d3d: '2D/3D',
    home: '复位视角',
    language: '语言',
    devTools: '开发者工具',
    demo: '打开示范城区',
    analysis: '分析',
    multiplan: '多规合一审查…',
    help: '帮助',
    welcome: '欢迎页',
    about: '关于',
    workspaceFilter: 'GeoPackage 工作空间',
    openFailed: '无法打开工作空间',
    createFailed: '无法创建工作空间',
  },
  en: {
    file: 'File',
    newWorkspace: 'New Workspace…',
    openWorkspace: 'Open Workspace…',
    import: 'Import…',
    export: 'Export…',
    quit: 'Quit',
    view: 'View',
    toggle2d3d: '2D/3D',
    home: 'Home',
    language: 'Language',
    devTools: 'Developer Tools',
    demo: 'Open the Demo City',
    analysis: 'Analysis',
    multiplan: 'Multi-plan Review…',
    help: 'Help',
    welcome: 'Welcome',
    about: 'About',
    workspaceFilter: 'GeoPackage workspace',
    openFailed: 'Could not open the workspace',
    createFailed: 'Could not create the workspace',
  },
} as const satisfies Record<MenuLocale, Record<string, string>>;

export type MenuLabels = (typeof labels)[MenuLocale];

export function menuLabels(locale: MenuLocale): MenuLabels {
  return labels[locale];
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

export function buildMenuTemplate(locale: MenuLocale, actions: MenuActions): MenuItemConstructorOptions[] {
  const l = labels[locale];
  const send = (command: MenuCommand) => () => actions.send(command);
  return [
    {
      label: l.file,
      submenu: [
        { label: l.newWorkspace, accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
        { label: l.openWorkspace, accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: l.demo, click: send('demo.open') },
        { type: 'separator' },
        { label: l.import, accelerator: 'CmdOrCtrl+I', click: send('import') },
        { label: l.export, accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: l.quit, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.toggle2d3d, click: send('view.toggle2d3d') },
        { label: l.home, click: send('view.home') },
        { type: 'separator' },
        {
          label: l.language,
          submenu: [
            { label: '中文', type: 'radio', checked: locale === 'zh-CN', click: () => actions.setLocale('zh-CN') },
            { label: 'English', type: 'radio', checked: locale === 'en', click: () => actions.setLocale('en') },
          ],
        },
        { type: 'separator' },
        { label: l.devTools, accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.toggleDevTools() },
      ],
    },
    { label: l.analysis, submenu: [{ label: l.multiplan, click: send('analysis.multiplan') }] },
    {
      label: l.help,
      submenu: [
        { label: l.welcome, click: send('help.welcome') },
        { label: l.about, click: send('help.about') },
      ],
    },
  ];
}

export interface AppMenuOptions {
  backend: Pick<Backend, 'dispatch'>;
  window: BrowserWindow;
  locale: MenuLocale;
}

/** Builds the menu, and rebuilds it when the user picks another language. */
export function installAppMenu(options: AppMenuOptions): void {
  const { backend, window } = options;
  let locale = options.locale;

  const send = (command: MenuCommand): void => {
    if (!window.isDestroyed()) window.webContents.send(MENU_CHANNEL, command);
  };

  const pickPath = async (method: 'workspace.open' | 'workspace.create'): Promise<string | null> => {
    const filters = [{ name: labels[locale].workspaceFilter, extensions: ['gpkg'] }];
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
    const l = labels[locale];
    await dialog.showMessageBox(window, {
      type: 'error',
      message: method === 'workspace.open' ? l.openFailed : l.createFailed,
      detail: `${path}\n${reply.error.code} ${JSON.stringify(reply.error.facts)}`,
    });
  };

  const run = (method: 'workspace.open' | 'workspace.create') => (): void => {
    switchWorkspace(method).catch((err: unknown) => {
      dialog.showErrorBox(labels[locale].openFailed, String(err));
    });
  };

  const actions: MenuActions = {
    send,
    newWorkspace: run('workspace.create'),
    openWorkspace: run('workspace.open'),
    setLocale(next) {
      locale = next;
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, actions)));
      send(next === 'en' ? 'view.language.en' : 'view.language.zh-CN');
    },
    toggleDevTools: () => window.webContents.toggleDevTools(),
    quit: () => app.quit(),
  };

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(locale, actions)));
}
