/**
 * The workspace remembers where the camera was (like a QGIS project's extent): the view is
 * restored when a workspace opens and saved shortly after the camera comes to rest.
 */
import { useEffect } from 'react';
import type { WorkstationApi } from '../../main/api/contract.js';
import type { MapController } from '../map/controller.js';

const SAVE_DELAY_MS = 1000;

export function useSavedView(
  api: WorkstationApi,
  controller: MapController | null,
  workspacePath: string | null,
  notifyError: (err: unknown) => void,
): void {
  useEffect(() => {
    if (!controller || workspacePath === null) return undefined;
    let moved = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let restoring = true;
    api.invoke('camera.get', {}).then(
      (saved) => {
        if (moved) return;
        if (saved) controller.setCamera(saved);
        else void controller.home();
      },
      notifyError,
    ).finally(() => {
      restoring = false;
    });
    const unsubscribe = controller.on('cameraMoved', (camera) => {
      if (restoring) return;
      moved = true;
      clearTimeout(timer);
      timer = setTimeout(() => {
        api.invoke('camera.set', { camera }).catch(notifyError);
      }, SAVE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api, controller, workspacePath, notifyError]);
}
