/**
 * `cim pg`: the workstation as a PostGIS client (issue #20).
 *   cim pg test    --pg URL [--json]
 *   cim pg publish LAYER --workspace W.gpkg --pg URL [--schema S] [--table T] [--replace] [--json]
 *   cim pg open    TABLE --workspace W.gpkg --pg URL [--schema S] [--name N] [--json]
 * The password comes from PGPASSWORD or ~/.pgpass (or the URL), and is never written to the
 * workspace. With --json a failure prints `{"error": {code, facts, message}}` on stdout too.
 */
import { CimError, toSerializedError } from '../../common/errors.js';
import { connectPg, parsePgUrl } from '../pg/connection.js';
import { publishLayer } from '../pg/publish.js';
import { openWorkspaceDb } from '../store/connection.js';
import { parse, progressLine, report, required } from './args.js';
import { formatError, langFromEnv } from './messages.js';

const USAGE = `usage: cim pg test --pg URL [--json]
       cim pg publish LAYER --workspace W.gpkg --pg URL [--schema S] [--table T] [--replace] [--json]
       cim pg open TABLE --workspace W.gpkg --pg URL [--schema S] [--name N] [--json]`;

export async function runPgCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const json = rest.includes('--json');
  try {
    switch (sub) {
      case 'test':
        return await runTest(rest);
      case 'publish':
        return await runPublish(rest);
      case 'open':
        return await runOpen(rest);
      default:
        throw new CimError('cli.usage', { message: USAGE }, 'args');
    }
  } catch (err) {
    if (json && !(err instanceof CimError && err.kind === 'args')) {
      const e = toSerializedError(err);
      process.stdout.write(
        JSON.stringify({ error: { ...e, message: formatError(e, langFromEnv(process.env)) } }) + '\n',
      );
    }
    throw err;
  }
}

async function runTest(args: string[]): Promise<number> {
  const { values } = parse(args, { pg: { type: 'string' }, json: { type: 'boolean', default: false } });
  const session = await connectPg(parsePgUrl(required(values.pg, '--pg')));
  try {
    const v = await session.client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const server = v.rows[0]?.v ?? '';
    report(
      values.json,
      { ok: true, profile: session.profile, server, postgis: session.postgis },
      `PostgreSQL ${server}, PostGIS ${session.postgis}: ${session.profile.user}@${session.profile.host}:${String(session.profile.port)}/${session.profile.database}`,
    );
    return 0;
  } finally {
    await session.close();
  }
}

async function runPublish(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      workspace: { type: 'string' },
      pg: { type: 'string' },
      schema: { type: 'string' },
      table: { type: 'string' },
      replace: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const layer = positionals[0] ?? '';
  const target = parsePgUrl(required(values.pg, '--pg'));
  const db = openWorkspaceDb(required(values.workspace, '--workspace'), { readonly: true });
  try {
    const session = await connectPg(target);
    try {
      const out = await publishLayer(db, session, layer, {
        schema: values.schema,
        table: values.table,
        replace: values.replace,
        progress: (done, total) => progressLine(total ? done / total : 1, `publish ${layer}`),
      });
      report(values.json, out, `${out.schema}.${out.table}: ${String(out.count)} features, SRID ${String(out.srid)}`);
      return 0;
    } finally {
      await session.close();
    }
  } finally {
    db.close();
  }
}

async function runOpen(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      workspace: { type: 'string' },
      pg: { type: 'string' },
      schema: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    1,
  );
  const { openPgLayer } = await import('../pg/open.js');
  const target = parsePgUrl(required(values.pg, '--pg'));
  const session = await connectPg(target);
  try {
    const db = openWorkspaceDb(required(values.workspace, '--workspace'));
    try {
      const out = await openPgLayer(db, session, positionals[0] ?? '', { schema: values.schema, name: values.name });
      report(values.json, out, `${out.layer}: ${out.source.schema}.${out.source.table}, ${String(out.count)} features`);
      return 0;
    } finally {
      db.close();
    }
  } finally {
    await session.close();
  }
}
