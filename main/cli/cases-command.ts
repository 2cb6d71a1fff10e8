/**
 * `cim cases <stats|query|advance|export|merge|sync|resolve|conflicts|import>`: the case desk
 * headless (main/cases). Every sub-command takes `--json`; writes run in one transaction.
 */
import path from 'node:path';
import { CaseAction, CaseFilter, CheckResult } from '../../common/contract/cases.js';
import { CimError, toSerializedError } from '../../common/errors.js';
import { CASE_STATES } from '../../layers/case-workflow.js';
import { importCases, parseMapping } from '../cases/import-cases.js';
import { mergePackage, pendingConflicts, readPackage, resolveConflict, writePackage } from '../cases/package.js';
import { caseIds } from '../cases/query.js';
import { readCaseStats } from '../cases/stats.js';
import { advanceCase, caseDetail } from '../cases/store.js';
import { casesAsOfMs } from '../cases/time.js';
import { openWorkspaceDb, type Db } from '../store/connection.js';
import { writeOutputFile } from '../store/files.js';
import { parse, progressLine, report, required } from './args.js';
import { formatError, langFromEnv } from './messages.js';
import type { ParsedTarget } from '../pg/connection.js';

export const CASES_USAGE = `  cim cases stats    --workspace W [--from D --to D] [--report OUT.pdf [--lang zh-CN|en]] --json
  cim cases query    --workspace W [--bbox minLon,minLat,maxLon,maxLat] [--from T --to T] [--category CODE]
                     [--status S] [--dept D] [--street S] [--assignee A] [--overdue] [--text T] --json
  cim cases advance  CASE_ID --to STEP --workspace W [--note T] [--by NAME] [--assignee A] [--result pass|fail] [--json]
  cim cases export   --workspace W --out P.gpkg [--bbox …|--street S|--dept D|--assignee A] [--json]
  cim cases merge    P.gpkg --workspace W [--json]
  cim cases sync     --workspace W --pg postgresql://user@host:port/db [--schema S] [--by NAME] [--json]
  cim cases resolve  CASE_ID --field F --take ours|theirs --workspace W [--by NAME] [--json]
  cim cases conflicts --workspace W [--json]
  cim cases import   F.csv|F.gpkg --workspace W [--map FIELD=COLUMN,…] [--by NAME] [--json]`;

function bad(message: string): CimError {
  return new CimError('cli.usage', { message }, 'args');
}

function bbox(text: string | undefined): [number, number, number, number] | undefined {
  if (text === undefined) return undefined;
  const n = text.split(',').map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) throw bad('--bbox is minLon,minLat,maxLon,maxLat');
  return n as [number, number, number, number];
}

function withDb<T>(file: string, fn: (db: Db) => T): T {
  const db = openWorkspaceDb(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const COMMON = { workspace: { type: 'string' }, json: { type: 'boolean', default: false } } as const;

async function stats(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...COMMON,
    from: { type: 'string' },
    to: { type: 'string' },
    report: { type: 'string' },
    lang: { type: 'string', default: 'zh-CN' },
  });
  if (values.lang !== 'zh-CN' && values.lang !== 'en') throw bad('--lang is zh-CN or en');
  const lang = values.lang;
  const workspace = required(values.workspace, '--workspace');
  const out = values.report === undefined ? null : path.resolve(values.report);
  // loaded only for a report: pdfkit takes ~0.6 s to load
  const reporting = out ? await import('../cases/report.js') : null;
  const { s, monthly } = withDb(workspace, (db) => {
    const asOf = casesAsOfMs(db, Date.now());
    const stats = readCaseStats(db, { from: values.from, to: values.to }, asOf);
    return { s: stats, monthly: reporting?.monthlyRates(db, stats, asOf) ?? [] };
  });
  if (out && reporting) {
    await reporting.writeCaseStatsReport(s, out, {
      monthly,
      now: new Date(),
      lang,
      workspace: path.basename(workspace),
      from: values.from,
      to: values.to,
    });
  }
  const pct = (r: number | null): string => (r === null ? '-' : `${(r * 100).toFixed(1)}%`);
  report(
    values.json,
    { ...s, ...(out ? { report: out } : {}) },
    `${String(s.total)} cases; 按时核查率 ${pct(s.onTimeRate)}, 结案率 ${pct(s.closureRate)} (target 97%); overdue ${String(s.overdue)}` +
      (out ? `\nreport -> ${out}` : ''),
  );
  return 0;
}

function filterFrom(values: Record<string, string | boolean | undefined>): CaseFilter {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? values[k] : undefined);
  const status = str('status')
    ?.split(',')
    .map((s) => s.trim());
  for (const s of status ?? []) {
    if (!(CASE_STATES as readonly string[]).includes(s)) throw bad(`--status ${s}: one of ${CASE_STATES.join(', ')}`);
  }
  const f = CaseFilter.safeParse({
    bbox: bbox(str('bbox')),
    from: str('from'),
    to: str('to'),
    category: str('category'),
    status,
    dept: str('dept'),
    street: str('street'),
    assignee: str('assignee'),
    overdueOnly: values.overdue === true ? true : undefined,
    text: str('text'),
  });
  if (!f.success) throw bad(f.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return f.data;
}

async function query(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...COMMON,
    bbox: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    category: { type: 'string' },
    status: { type: 'string' },
    dept: { type: 'string' },
    street: { type: 'string' },
    assignee: { type: 'string' },
    overdue: { type: 'boolean' },
    text: { type: 'string' },
  });
  const filter = filterFrom(values);
  const ids = withDb(required(values.workspace, '--workspace'), (db) =>
    caseIds(db, filter, casesAsOfMs(db, Date.now())),
  );
  report(values.json, { count: ids.length, ids }, `${String(ids.length)} cases\n${ids.slice(0, 50).join('\n')}`);
  return Promise.resolve(0);
}

async function advance(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      ...COMMON,
      to: { type: 'string' },
      note: { type: 'string' },
      by: { type: 'string' },
      assignee: { type: 'string' },
      result: { type: 'string' },
    },
    1,
  );
  const to = CaseAction.safeParse(required(values.to, '--to'));
  if (!to.success) throw bad(`--to: one of ${CaseAction.options.join(', ')}`);
  const result = values.result === undefined ? undefined : CheckResult.safeParse(values.result);
  if (result && !result.success) throw bad('--result: pass or fail');
  const caseId = positionals[0] as string;
  const d = withDb(required(values.workspace, '--workspace'), (db) =>
    db
      .transaction(() => {
        advanceCase(
          db,
          {
            caseId,
            to: to.data,
            // the 值班长 of the command centre, when no one is named
            by: values.by ?? '值班长',
            note: values.note,
            assignee: values.assignee,
            result: result?.data,
          },
          Date.now(),
        );
        return caseDetail(db, caseId);
      })
      .immediate(),
  );
  report(
    values.json,
    { case: d.case, history: d.history },
    `${d.case.caseId}: ${d.case.status} (v${String(d.case.version)})`,
  );
  return Promise.resolve(0);
}

async function exportPackage(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...COMMON,
    out: { type: 'string' },
    bbox: { type: 'string' },
    street: { type: 'string' },
    dept: { type: 'string' },
    assignee: { type: 'string' },
  });
  const workspace = required(values.workspace, '--workspace');
  const out = required(values.out, '--out');
  const filter = { bbox: bbox(values.bbox), street: values.street, dept: values.dept, assignee: values.assignee };
  const count = await withDb(workspace, (db) =>
    writeOutputFile(out, (partial) => writePackage(db, partial, filter, path.basename(workspace), Date.now())),
  );
  report(values.json, { out: path.resolve(out), count }, `${String(count)} cases -> ${out}`);
  return 0;
}

async function merge(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON }, 1);
  const file = path.resolve(positionals[0] as string);
  const pkg = readPackage(file);
  const s = withDb(required(values.workspace, '--workspace'), (db) =>
    db.transaction(() => mergePackage(db, pkg, path.basename(file), Date.now())).immediate(),
  );
  report(
    values.json,
    s,
    `applied ${String(s.applied)}, added ${String(s.added)}, unchanged ${String(s.unchanged)}, conflicts ${String(s.conflicts.length)}` +
      s.conflicts.map((c) => `\n  ${c.case} ${c.field}: ours ${c.ours ?? '∅'} / theirs ${c.theirs ?? '∅'}`).join(''),
  );
  return Promise.resolve(0);
}

/** Push and pull the cases against a PostGIS server (main/pg/case-sync.ts); the password never enters the workspace. */
async function sync(args: string[]): Promise<number> {
  const { values } = parse(args, {
    ...COMMON,
    pg: { type: 'string' },
    schema: { type: 'string' },
    by: { type: 'string' },
  });
  const workspace = required(values.workspace, '--workspace');
  const { parsePgUrl } = await import('../pg/connection.js');
  const target = parsePgUrl(required(values.pg, '--pg'));
  if (values.schema) target.profile.schema = values.schema;
  const db = openWorkspaceDb(workspace);
  try {
    return await syncWith(db, target, values);
  } catch (err) {
    // as `cim pg`: with --json a fault is an error object on stdout too (which fault it is)
    if (values.json) {
      const e = toSerializedError(err);
      process.stdout.write(
        JSON.stringify({ error: { ...e, message: formatError(e, langFromEnv(process.env)) } }) + '\n',
      );
    }
    throw err;
  } finally {
    db.close();
  }
}

async function syncWith(
  db: Db,
  target: ParsedTarget,
  values: { json: boolean; by?: string | undefined },
): Promise<number> {
  const { connectPg } = await import('../pg/connection.js');
  const { syncCases } = await import('../pg/case-sync.js');
  const session = await connectPg(target);
  try {
    const s = await syncCases(db, session, Date.now(), {
      by: values.by,
      progress: (stage) => progressLine(stage === 'locked' ? 0.1 : stage === 'cases' ? 0.6 : 0.9, 'cases sync'),
    });
    report(
      values.json,
      s,
      `${s.target}: pushed ${String(s.pushed)}, pulled ${String(s.pulled)}, added ${String(s.added)}, history +${String(s.historyPushed)}/-${String(s.historyPulled)}, conflicts ${String(s.conflicts.length)} (${String(s.pending)} pending)` +
        s.conflicts.map((c) => `\n  ${c.case} ${c.field}: ours ${c.ours ?? '∅'} / server ${c.theirs ?? '∅'}`).join(''),
    );
    return 0;
  } finally {
    await session.close();
  }
}

async function resolve(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { ...COMMON, field: { type: 'string' }, take: { type: 'string' }, by: { type: 'string' } },
    1,
  );
  const take = required(values.take, '--take');
  if (take !== 'ours' && take !== 'theirs') throw bad('--take: ours or theirs');
  const field = required(values.field, '--field');
  const r = withDb(required(values.workspace, '--workspace'), (db) =>
    db
      .transaction(() => resolveConflict(db, positionals[0] as string, field, take, values.by ?? '值班长', Date.now()))
      .immediate(),
  );
  report(values.json, r, `${r.resolved.case} ${r.resolved.field}: ${take}; ${String(r.remaining)} conflicts left`);
  return Promise.resolve(0);
}

async function conflicts(args: string[]): Promise<number> {
  const { values } = parse(args, { ...COMMON });
  const list = withDb(required(values.workspace, '--workspace'), (db) => pendingConflicts(db));
  report(
    values.json,
    { count: list.length, conflicts: list },
    list.map((c) => `${c.case} ${c.field}: ours ${c.ours ?? '∅'} / theirs ${c.theirs ?? '∅'}`).join('\n') ||
      'no conflicts',
  );
  return Promise.resolve(0);
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON, map: { type: 'string' }, by: { type: 'string' } }, 1);
  const file = path.resolve(positionals[0] as string);
  const mapping = parseMapping(values.map);
  const s = withDb(required(values.workspace, '--workspace'), (db) =>
    db.transaction(() => importCases(db, file, mapping, values.by ?? '导入', Date.now())).immediate(),
  );
  report(values.json, s, `imported ${String(s.imported)}, skipped ${String(s.skipped)} already here`);
  return Promise.resolve(0);
}

const SUB: Record<string, (args: string[]) => Promise<number>> = {
  stats,
  query,
  advance,
  export: exportPackage,
  merge,
  sync,
  resolve,
  conflicts,
  import: importCommand,
};

export async function runCasesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const run = sub ? SUB[sub] : undefined;
  if (!run) {
    process.stderr.write(`usage:\n${CASES_USAGE}\n`);
    return sub === '--help' ? 0 : 2;
  }
  return run(rest);
}
