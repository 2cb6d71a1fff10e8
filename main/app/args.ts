/** Reads what the Electron entry needs from argv. Pure; environment: common. */

/**
 * The `--workspace W.gpkg` (or `--workspace=W.gpkg`) argument, or null. Electron and Chromium
 * put their own arguments in argv too, so everything else is ignored.
 */
export function workspaceArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--workspace') {
      const next = argv[i + 1];
      return next === undefined || next === '' || next.startsWith('--') ? null : next;
    }
    if (arg?.startsWith('--workspace=')) {
      const value = arg.slice('--workspace='.length);
      return value === '' ? null : value;
    }
  }
  return null;
}
