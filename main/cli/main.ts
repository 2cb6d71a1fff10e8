/**
 * `cim`: the workstation's command line. Progress goes to stderr, `--json` prints one JSON
 * object on stdout at the end. Exit 0 success, 1 user error (one line), 2 bad arguments.
 */
import { CimError, toSerializedError } from '../../common/errors.js';
import { fromSqliteError } from '../store/sqlite-errors.js';
import { formatError, langFromEnv } from './messages.js';

const USAGE = `usage: cim <command> [options]
  cim serve   [--workspace W.gpkg] [--port N] [--open]
  cim import  FILE --workspace W.gpkg [--name NAME] [--layer SOURCE_LAYER] [--json]
              [--crs EPSG:4526|GCJ02|BD09] [--encoding GBK] [--x COLUMN --y COLUMN]
              [--target terrain|imagery] (GeoTIFF) [--lod 2.2] (CityJSON)
              [--lon D --lat D --height M --heading D --scale S] (glTF/GLB, a local tileset)
  cim layers  --workspace W.gpkg [--json]
  cim export  LAYER --workspace W.gpkg --format geojson|gpkg|shapefile|kml|csv --out FILE [--json]
              [--crs EPSG:4526] [--encoding UTF-8|GBK]
  cim tiles build terrain|imagery --workspace W.gpkg --source FILE.tif [--name N] [--json]
  cim tiles build buildings --workspace W.gpkg --layers L1,L2 [--epochs E1,E2] [--id-field F]
                  [--height-field F] [--floors-field F] [--terrain LAYER|dem.tif] [--name N] [--json]
  cim seed    --out W.gpkg [--seed N] [--scale small|full] [--force] [--no-tiles] [--json]
  cim analyze <kind> --workspace W.gpkg ... [--json]   (cim analyze --help lists every analysis)
  cim rules   --workspace W.gpkg [--import R.csv | --export R.csv | --reset] [--json]
  cim style   import|export --workspace W.gpkg --layer L --qml FILE.qml [--json]   (QGIS styles)
  cim sun     --lon X --lat Y --from ISO --to ISO [--step-min N] [--refraction] [--height-m H] [--json]
  cim cases   stats|query|advance|export|merge|resolve|conflicts|import ... (cim cases --help)`;

// Each command's module loads when it runs: `cim analyze` need not load the host (and
// `cim import` not pdfkit), which took over a second of every run's start-up.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (a) => (await import('./serve-command.js')).runServeCommand(a),
  import: async (a) => (await import('./import-command.js')).runImportCommand(a),
  layers: async (a) => (await import('./layers-command.js')).runLayersCommand(a),
  export: async (a) => (await import('./export-command.js')).runExportCommand(a),
  analyze: async (a) => (await import('./analyze-command.js')).runAnalyzeCommand(a),
  rules: async (a) => (await import('./rules-command.js')).runRulesCommand(a),
  style: async (a) => (await import('./style-command.js')).runStyleCommand(a),
  tiles: async (a) => (await import('./tiles-command.js')).runTilesCommand(a),
  seed: async (a) => (await import('./seed-command.js')).runSeedCommand(a),
  sun: async (a) => (await import('./sun-command.js')).runSunCommand(a),
  pg: async (a) => (await import('./pg-command.js')).runPgCommand(a),
  cases: async (a) => (await import('./cases-command.js')).runCasesCommand(a),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    // the analyses' lines come from the registry (its entries are cheap to load)
    const { analyzeUsage } = await import('./analyze-command.js');
    process.stdout.write(`${USAGE}\n${analyzeUsage()}\n`);
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
  (caught: unknown) => {
    // SQLite's "database is locked" (QGIS saving) or "no such column" (another program's
    // change) name the workspace: one line, not a stack trace
    const argv = process.argv.slice(2);
    const flag = argv.findIndex((a) => a === '--workspace' || a === '--out');
    const err = fromSqliteError(caught, (flag >= 0 ? argv[flag + 1] : undefined) ?? '');
    const e = toSerializedError(err);
    const argsError = err instanceof CimError && err.kind === 'args';
    const lang = langFromEnv(process.env);
    process.stderr.write(`cim: ${formatError(e, lang)}\n`);
    if (e.kind === 'internal' && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = argsError ? 2 : 1;
  },
);
