/**
 * `cim analyze` flags derived from an analysis's zod parameters, so the command line never
 * repeats the checks the schema makes: a parameter `minAreaM2` is `--min-area-m2 X`, a
 * boolean is a bare flag, a list is comma-separated (`--layers A,B`), a record is
 * `KEY:VALUE,…`, a tuple of numbers is `X,Y,Z`. The entry may rename a flag, give its value
 * a placeholder, parse its text (a file read into the value) or hide it. The values then go
 * through the schema itself: what it refuses is a bad argument (exit 2). Environment: node.
 */
import { CimError } from '../../common/errors.js';
import type { AnalysisEntry, CliFlag } from '../analysis/entry.js';

/** How a flag's text becomes a value. */
type ValueKind = 'text' | 'number' | 'boolean' | 'list' | 'numbers' | 'record';

interface DerivedFlag {
  key: string;
  flag: string;
  kind: ValueKind;
  required: boolean;
  valueName: string;
  description: string;
  spec: CliFlag;
}

/** The flags every `cim analyze` command takes besides its parameters. */
const COMMON_FLAGS = {
  workspace: { flag: 'workspace', valueName: 'W.gpkg', description: 'the workspace' },
  json: { flag: 'json', description: 'print one JSON summary on stdout' },
  report: { flag: 'report', valueName: 'OUT.pdf', description: "write the run's PDF report" },
} as const;

function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

interface ZodLike {
  def: { type: string; innerType?: ZodLike; element?: ZodLike; items?: readonly ZodLike[] };
  description?: string;
  isOptional(): boolean;
}

function unwrap(schema: ZodLike): ZodLike {
  let s = schema;
  while ((s.def.type === 'optional' || s.def.type === 'default' || s.def.type === 'nullable') && s.def.innerType) {
    s = s.def.innerType;
  }
  return s;
}

function valueKind(schema: ZodLike): ValueKind | null {
  const s = unwrap(schema);
  switch (s.def.type) {
    case 'string':
    case 'enum':
    case 'literal':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'record':
      return 'record';
    case 'array': {
      const el = s.def.element ? unwrap(s.def.element).def.type : '';
      return el === 'number' ? 'numbers' : el === 'string' || el === 'enum' ? 'list' : null;
    }
    case 'tuple':
      return (s.def.items ?? []).every((i) => unwrap(i).def.type === 'number') ? 'numbers' : null;
    default:
      return null;
  }
}

const PLACEHOLDER: Record<ValueKind, string> = {
  text: 'TEXT',
  number: 'N',
  boolean: '',
  list: 'A,B',
  numbers: 'X,Y',
  record: 'KEY:VALUE,...',
};

/** The entry's flags, in its parameters' order (hidden ones left out). */
function deriveFlags(entry: AnalysisEntry): DerivedFlag[] {
  const shape = entry.params.shape as Record<string, ZodLike>;
  const specs = (entry.cli?.flags ?? {}) as Record<string, CliFlag | undefined>;
  const out: DerivedFlag[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const spec = specs[key] ?? {};
    if (spec.hidden) continue;
    const kind = spec.parse ? 'text' : valueKind(schema);
    if (kind === null) {
      throw new CimError(
        'internal',
        { message: `analysis ${entry.kind}: parameter ${key} needs a CLI parse function` },
        'internal',
      );
    }
    out.push({
      key,
      flag: spec.flag ?? kebab(key),
      kind,
      required: !schema.isOptional(),
      valueName: spec.valueName ?? PLACEHOLDER[kind],
      description: schema.description ?? '',
      spec,
    });
  }
  return out;
}

function usage(message: string): CimError {
  return new CimError('cli.usage', { message }, 'args');
}

function convert(f: DerivedFlag, text: string): unknown {
  const items = (): string[] =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  switch (f.kind) {
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw usage(`--${f.flag} takes a number, not ${text}`);
      return n;
    }
    case 'numbers':
      return items().map((s) => {
        const n = Number(s);
        if (!Number.isFinite(n)) throw usage(`--${f.flag} takes numbers (${f.valueName}), not ${text}`);
        return n;
      });
    case 'list':
      return items();
    case 'record': {
      const out: Record<string, string> = {};
      for (const item of items()) {
        const at = item.indexOf(':');
        const k = item.slice(0, at).trim();
        const v = item.slice(at + 1).trim();
        if (at < 1 || !v) throw usage(`--${f.flag} takes ${f.valueName}, not ${item}`);
        out[k] = v;
      }
      return out;
    }
    default:
      return text;
  }
}

export interface ParsedAnalyzeArgs {
  params: Record<string, unknown>;
  workspace: string;
  json: boolean;
  report: string | null;
}

/** Reads `--flag value` pairs (and bare boolean flags) into the entry's parameters, checked by its schema. */
export async function parseAnalyzeArgs(entry: AnalysisEntry, args: readonly string[]): Promise<ParsedAnalyzeArgs> {
  const flags = deriveFlags(entry);
  const byFlag = new Map(flags.map((f) => [f.flag, f]));
  const raw: Record<string, unknown> = {};
  let workspace: string | null = null;
  let json = false;
  let report: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw usage(`unexpected argument ${arg}`);
    const name = m[1];
    const inline = m[2];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw usage(`--${name} needs a value`);
      return v;
    };
    if (name === COMMON_FLAGS.json.flag) json = true;
    else if (name === COMMON_FLAGS.workspace.flag) workspace = value();
    else if (name === COMMON_FLAGS.report.flag && entry.report) report = value();
    else {
      const f = byFlag.get(name);
      if (!f) throw usage(`cim analyze ${entry.command.join(' ')} has no option --${name}`);
      if (f.kind === 'boolean') {
        raw[f.key] = inline === undefined ? true : inline !== 'false';
        continue;
      }
      const text = value();
      raw[f.key] = f.spec.parse ? await f.spec.parse(text) : convert(f, text);
      Object.assign(raw, f.spec.alsoSets?.(text) ?? {});
    }
  }
  if (workspace === null) throw usage('--workspace is required');
  const missing = flags.filter((f) => f.required && raw[f.key] === undefined).map((f) => `--${f.flag}`);
  if (missing.length > 0) throw usage(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required`);
  const parsed = entry.params.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const flag = byFlag.get(kebab(key)) ?? flags.find((f) => f.key === key);
      return `${flag ? `--${flag.flag}` : key}: ${issue.message}`;
    });
    throw usage(problems.join('; '));
  }
  return { params: parsed.data, workspace, json, report };
}

/** `--help` lines of one analysis: its command with every flag, then what each means. */
export function analysisHelp(entry: AnalysisEntry): string {
  const flags = deriveFlags(entry);
  const shown = (f: { flag: string; valueName?: string }, required: boolean): string => {
    const text = f.valueName ? `--${f.flag} ${f.valueName}` : `--${f.flag}`;
    return required ? text : `[${text}]`;
  };
  const parts = [
    shown(COMMON_FLAGS.workspace, true),
    ...flags.filter((f) => f.required).map((f) => shown(f, true)),
    ...flags.filter((f) => !f.required).map((f) => shown(f, false)),
    ...(entry.report ? [shown(COMMON_FLAGS.report, false)] : []),
    shown(COMMON_FLAGS.json, false),
  ];
  const lines = [`cim analyze ${entry.command.join(' ')} ${parts.join(' ')}`];
  for (const f of flags) if (f.description) lines.push(`    --${f.flag.padEnd(18)} ${f.description}`);
  return lines.join('\n');
}
