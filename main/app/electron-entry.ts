/**
 * What Electron runs (bundled to dist/electron/main.cjs by scripts/build-electron.mjs):
 * builds the back end for `--workspace W.gpkg`, or the demo workspace in the user data
 * folder, and opens the window. Environment: electron main.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog } from 'electron';
import { createBackend } from '../api/create-backend.js';
import { workspaceArg } from './args.js';
import { registerCimScheme, startElectron } from './electron-main.js';
import { menuLocaleFor } from './menu.js';

// Before anything async: Electron accepts privileged schemes only until it is ready.
registerCimScheme();

async function main(): Promise<void> {
  const fromArgs = workspaceArg(process.argv);
  const userDataDir = app.getPath('userData');
  mkdirSync(userDataDir, { recursive: true });
  const demoPath = path.join(userDataDir, 'demo.gpkg');
  const workspacePath = fromArgs === null ? demoPath : path.resolve(fromArgs);

  // The bundle is CommonJS, so __dirname is dist/electron, next to dist/renderer (also in app.asar).
  const rendererDir = path.join(__dirname, '..', 'renderer');
  const preloadPath = path.join(__dirname, 'preload.cjs');
  // Jobs run main/jobs/worker.ts, bundled beside this file (Electron reads asar in workers).
  const workerUrl = pathToFileURL(path.join(__dirname, 'worker.cjs'));

  const backend = await createBackend({ workspacePath, demoPath, host: 'electron', rendererDir, workerUrl });
  await app.whenReady();
  await startElectron(backend, { rendererDir, preloadPath, locale: menuLocaleFor(app.getLocale()) });
}

main().catch((err: unknown) => {
  // Before or without a window, a native box is the only way to tell the user.
  dialog.showErrorBox('CIM Workstation', err instanceof Error ? (err.stack ?? err.message) : String(err));
  app.exit(1);
});
