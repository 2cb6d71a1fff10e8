import { useEffect, useState } from 'react';
import type { MapController } from '../map/controller.js';
import type { MapEvents } from '../map/types.js';

/** The latest value of one map event, re-rendering only the component that asks for it. */
export function useMapEvent<K extends keyof MapEvents>(
  controller: MapController | null,
  key: K,
  initial: MapEvents[K],
): MapEvents[K] {
  const [value, setValue] = useState<MapEvents[K]>(initial);
  useEffect(() => {
    if (!controller) return undefined;
    return controller.on(key, (next) => setValue(() => next));
  }, [controller, key]);
  return value;
}
