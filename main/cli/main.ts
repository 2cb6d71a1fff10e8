/**
 * `cim`: the workstation's command line. Progress goes to stderr, `--json` prints one JSON
 * object on stdout at the end. Exit 0 success, 1 user error (one line), 2 bad arguments.
 */
import { CimError, toSerializedError } from '../api/errors.js';
import { formatError, langFromEnv } from './messages.js';
import { runImportCommand } from './import-command.js';
import { runLayersCommand } from './layers-command.js';
import { runServeCommand } from './serve-command.js';
import { runExportCommand } from './export-command.js';
import { runTilesCommand } from './tiles-command.js';
import { runSeedCommand } from './seed-command.js';

const USAGE = `usage: cim <command> [options]
  cim serve   [--workspace W.gpkg] [--port N] [--open]
  cim import  FILE --workspace W.gpkg [--name NAME] [--layer SOURCE_LAYER] [--json]
              [--crs EPSG:4526|GCJ02|BD09] [--encoding GBK] [--x COLUMN --y COLUMN]
  cim layers  --workspace W.gpkg [--json]
  cim export  LAYER --workspace W.gpkg --format geojson|gpkg|shapefile|kml|csv --out FILE [--json]
              [--crs EPSG:4526] [--encoding UTF-8|GBK]
  cim tiles build terrain|imagery --workspace W.gpkg --source FILE.tif [--name N] [--json]
  cim tiles build buildings --workspace W.gpkg --layers L1,L2 [--epochs E1,E2] [--id-field F]
                  [--height-field F] [--terrain LAYER|dem.tif] [--name N] [--json]
  cim seed    --out W.gpkg [--seed N] [--scale small|full] [--force] [--no-tiles] [--json]`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: runServeCommand,
  import: runImportCommand,
  layers: runLayersCommand,
  export: runExportCommand,
  tiles: runTilesCommand,
  seed: runSeedCommand,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`cim: unknown command '${command}'\n${USAGE}\n`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = toSerializedError(err);
    const argsError = err instanceof CimError && err.kind === 'args';
    const lang = langFromEnv(process.env);
    process.stderr.write(`cim: ${formatError(e, lang)}\n`);
    if (e.kind === 'internal' && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = argsError ? 2 : 1;
  },
);
