/**
 * The Electron shell: one sandboxed window on `cim://app`, the `cim://` protocol, the one IPC
 * handler, the menu, and nothing else. Everything the app does is in the `Backend` it is given.
 * Environment: electron main.
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import type { Backend } from '../api/backend.js';
import { APP_INDEX_URL, INVOKE_CHANNEL, JOB_CHANNEL } from './channels.js';
import { createInvokeHandler } from './ipc.js';
import type { AnalysisInfo } from '../../common/contract/index.js';
import { installAppMenu, type MenuLocale } from './menu.js';
import { createCimHandler } from './protocol.js';
import { externalHttpsUrl, isAppUrl } from './url-policy.js';

/**
 * Must run before the app is ready (Electron refuses it after), so call it first thing,
 * before any `await`. Standard + secure makes `cim://app` a real origin for 'self', fetch,
 * workers and storage; stream lets feature layers arrive in chunks.
 */
export function registerCimScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'cim', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export interface ElectronOptions {
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  locale: MenuLocale;
}

export async function startElectron(backend: Backend, options: ElectronOptions): Promise<BrowserWindow> {
  await app.whenReady();

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);

  protocol.handle(
    'cim',
    createCimHandler({ backend, rendererDir: options.rendererDir, warn: (message) => console.warn(message) }),
  );
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(backend));

  // Every web contents, including any a bug might create later, gets the same locks.
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => backend.close());

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    show: false,
    title: 'CIM 工作站',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: options.preloadPath,
    },
  });
  window.once('ready-to-show', () => window.show());

  const stopJobEvents = backend.onJobEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(JOB_CHANNEL, event);
  });
  window.on('closed', stopJobEvents);

  const kinds = await backend.dispatch('analysis.kinds', {});
  const analyses = kinds.ok ? (kinds.result as AnalysisInfo[]) : [];
  installAppMenu({ backend, window, locale: options.locale, analyses });
  await window.loadURL(APP_INDEX_URL);
  return window;
}

/** Only cim://app is ever shown; https links go to the system browser, everything else nowhere. */
function lockDown(contents: WebContents): void {
  const keepInApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
  };
  contents.on('will-navigate', (event) => keepInApp(event, event.url));
  contents.on('will-redirect', (event) => keepInApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

function openOutside(url: string): void {
  const external = externalHttpsUrl(url);
  if (external === null) return;
  shell.openExternal(external).catch((err: unknown) => console.warn(`could not open ${external}: ${String(err)}`));
}
