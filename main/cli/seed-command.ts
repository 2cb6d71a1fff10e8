/**
 * `cim seed --out W.gpkg [--seed N] [--scale small|full] [--force] [--no-tiles] [--json]`: the
 * demo city, with its terrain, imagery and 3D Tiles unless `--no-tiles`.
 */
import { CimError } from '../../common/errors.js';
import { buildDemoCity } from '../../seeds/demo-city.js';
import { DEFAULT_SEED, type SeedScale } from '../../seeds/seed-workspace.js';
import { parse, progressLine, report, required } from './args.js';

function seedOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new CimError(
      'cli.usage',
      { message: `--seed must be an integer from 0 to 4294967295, not ${value}` },
      'args',
    );
  }
  return n;
}

function scaleOf(value: string | undefined): SeedScale {
  if (value === undefined) return 'small';
  if (value === 'small' || value === 'full') return value;
  throw new CimError('cli.usage', { message: `--scale must be small or full, not ${value}` }, 'args');
}

export async function runSeedCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    out: { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    force: { type: 'boolean', default: false },
    'no-tiles': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const out = required(values.out, '--out');
  let shown = '';
  const summary = await buildDemoCity(out, {
    seed: seedOf(values.seed),
    scale: scaleOf(values.scale),
    force: values.force,
    tiles: !values['no-tiles'],
    progress: (f, stage) => {
      if (stage !== shown) progressLine(f, stage);
      shown = stage;
    },
  });
  const counts = summary.layers.map((l) => `${l.name} ${String(l.count)}`).join(', ');
  report(values.json, { ...summary }, `${summary.workspace}: ${counts} (${String(summary.durationMs)} ms)`);
  return 0;
}
