/**
 * IPC channel names shared by the main process and the preload. Environment: common (the
 * preload bundles this file, so it must stay free of imports).
 */
export const INVOKE_CHANNEL = 'cim:invoke';
export const JOB_CHANNEL = 'cim:job';
export const MENU_CHANNEL = 'cim:menu';

/** The only origin the window may show and the only one allowed to call the back end. */
export const APP_ORIGIN = 'cim://app';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
