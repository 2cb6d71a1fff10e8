/** Argument parsing for sub-commands: node's parseArgs, with its errors as exit-2 CimErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CimError } from '../../common/errors.js';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
  } catch (err) {
    throw new CimError('cli.usage', { message: err instanceof Error ? err.message : String(err) }, 'args');
  }
  if (parsed.positionals.length !== positionals) {
    throw new CimError(
      'cli.usage',
      { message: `expected ${String(positionals)} argument(s), got ${String(parsed.positionals.length)}` },
      'args',
    );
  }
  return parsed;
}

export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CimError('cli.usage', { message: `${flag} is required` }, 'args');
  }
  return value;
}

/** Prints the JSON summary on stdout (one object) when --json, else a short human line. */
export function report(json: boolean, summary: Record<string, unknown>, human: string): void {
  process.stdout.write(json ? JSON.stringify(summary) + '\n' : human + '\n');
}

export function progressLine(fraction: number, stage: string): void {
  process.stderr.write(`${(fraction * 100).toFixed(0).padStart(3)}% ${stage}\n`);
}
