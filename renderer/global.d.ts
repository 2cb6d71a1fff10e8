/// <reference types="vite/client" />
import type { WorkstationApi } from '../common/contract/index.js';
import type { MapTestHooks } from './map/test-hooks.js';

declare global {
  interface Window {
    /** Put there by Electron's preload, or by the browser host's HTTP client at start-up. */
    cim?: WorkstationApi;
    /** Read-only probes for the Playwright tests. */
    __cimMap?: MapTestHooks;
  }
}

export {};
