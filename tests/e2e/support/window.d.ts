import type { MapTestHooks } from '../../../renderer/map/test-hooks.js';

declare global {
  interface Window {
    __cimMap?: MapTestHooks;
  }
}

export {};
