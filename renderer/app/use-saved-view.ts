/**
 * The workspace remembers where the camera was (like a QGIS project's extent): the view is
 * restored once when a workspace opens and saved shortly after the camera comes to rest.
 */
import { useEffect, useRef } from 'react';
import type { WorkstationApi } from '../../common/contract/index.js';
import type { MapController } from '../map/controller.js';

const SAVE_DELAY_MS = 1000;

export function useSavedView(
  api: WorkstationApi,
  controller: MapController | null,
  workspacePath: string | null,
  notifyError: (err: unknown) => void,
): void {
  const notifyRef = useRef(notifyError);
  notifyRef.current = notifyError;

  useEffect(() => {
    if (!controller || workspacePath === null) return undefined;
    let restoring = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api
      .invoke('camera.get', {})
      .then(
        (saved) => {
          if (saved) controller.setCamera(saved);
          else void controller.home();
        },
        (err: unknown) => notifyRef.current(err),
      )
      .finally(() => {
        restoring = false;
      });
    const unsubscribe = controller.on('cameraMoved', (camera) => {
      if (restoring) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        api.invoke('camera.set', { camera, workspacePath }).catch((err: unknown) => notifyRef.current(err));
      }, SAVE_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api, controller, workspacePath]);
}
