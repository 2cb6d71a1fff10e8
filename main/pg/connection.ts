/**
 * PostGIS connections: a profile from a `postgresql://` URL, the password from PGPASSWORD
 * or ~/.pgpass (never from, nor into, the workspace), and the server's faults told apart
 * as CimErrors (`pg.unreachable`, `pg.login_failed`, `pg.no_password`, `pg.no_postgis`, …).
 * Environment: node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgTlsMode, type PgProfile } from '../../common/contract/pg.js';
import { CimError } from '../../common/errors.js';

export interface ParsedTarget {
  profile: PgProfile;
  /** A password written in the URL itself: used for this connection, never stored. */
  urlPassword: string | null;
}

/** `postgresql://user[:password]@host[:port]/database[?schema=S&sslmode=disable|require|verify-full]` */
export function parsePgUrl(text: string, name = 'default'): ParsedTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CimError('pg.bad_url', { url: redactUrl(text) }, 'args');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new CimError('pg.bad_url', { url: redactUrl(text) }, 'args');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username) || os.userInfo().username;
  const tls = PgTlsMode.safeParse(url.searchParams.get('sslmode') ?? 'disable');
  if (!tls.success || !url.hostname || !database) {
    throw new CimError('pg.bad_url', { url: redactUrl(text) }, 'args');
  }
  return {
    profile: {
      name,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 5432,
      database,
      user,
      schema: url.searchParams.get('schema') ?? 'public',
      tls: tls.data,
    },
    urlPassword: url.password ? decodeURIComponent(url.password) : null,
  };
}

/** The URL with any password replaced by `***`: what messages and logs may show. */
export function redactUrl(text: string): string {
  return text.replace(/^(\w+:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

export function profileUrl(p: PgProfile): string {
  const q = new URLSearchParams({ schema: p.schema, sslmode: p.tls });
  return `postgresql://${encodeURIComponent(p.user)}@${p.host.includes(':') ? `[${p.host}]` : p.host}:${String(p.port)}/${encodeURIComponent(p.database)}?${q.toString()}`;
}

/**
 * libpq's ~/.pgpass (or $PGPASSFILE): `host:port:database:user:password`, `*` matches
 * anything, `\:` and `\\` escape. Like libpq, a file others may read is ignored.
 */
export function passwordFromPgpass(p: PgProfile, env: NodeJS.ProcessEnv = process.env): string | null {
  const file = env.PGPASSFILE ?? path.join(env.HOME ?? os.homedir(), '.pgpass');
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || (process.platform !== 'win32' && (st.mode & 0o077) !== 0)) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const want = [p.host, String(p.port), p.database, p.user];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      if (c === '\\' && i + 1 < line.length) cur += line.charAt(++i);
      else if (c === ':' && fields.length < 4) {
        fields.push(cur);
        cur = '';
      } else cur += c;
    }
    fields.push(cur);
    if (fields.length !== 5) continue;
    const hostOk = fields[0] === '*' || fields[0] === want[0] || (fields[0] === 'localhost' && want[0] === '127.0.0.1');
    if (hostOk && want.slice(1).every((w, i) => fields[i + 1] === '*' || fields[i + 1] === w)) return fields[4] ?? '';
  }
  return null;
}

function resolvePassword(target: ParsedTarget, env: NodeJS.ProcessEnv = process.env): string | null {
  return target.urlPassword ?? env.PGPASSWORD ?? passwordFromPgpass(target.profile, env);
}

function sslOption(tls: PgTlsMode): pg.ClientConfig['ssl'] {
  if (tls === 'disable') return false;
  return { rejectUnauthorized: tls === 'verify-full' };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);
const LOST = new Set(['57P01', '57P02', '57P03', '08006', '08003', '08001', 'ECONNRESET', 'EPIPE']);

/** Any error of the pg client as a CimError telling which fault it is. */
export function pgError(err: unknown, p: PgProfile): CimError {
  if (err instanceof CimError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const reason = e.message ?? String(err);
  const where = { host: p.host, port: p.port, database: p.database, user: p.user };
  if (UNREACHABLE.has(code) || /timeout expired|connect ETIMEDOUT/i.test(reason)) {
    return new CimError('pg.unreachable', { ...where, reason });
  }
  if (code === '28P01' || code === '28000') return new CimError('pg.login_failed', { ...where, reason }, 'auth');
  if (/client password must be a string|password authentication failed|SASL/i.test(reason)) {
    return new CimError('pg.no_password', where, 'auth');
  }
  if (code === '3D000') return new CimError('pg.database_not_found', where);
  if (
    LOST.has(code) ||
    /Connection terminated|terminating connection|Client has encountered a connection error/i.test(reason)
  ) {
    return new CimError('pg.connection_lost', { ...where, reason });
  }
  return new CimError('pg.server_error', { ...where, sqlstate: code || null, reason });
}

export interface PgSession {
  client: pg.Client;
  profile: PgProfile;
  postgis: string;
  close(): Promise<void>;
}

/** Connects and checks PostGIS is there; every fault becomes a `pg.*` CimError. */
export async function connectPg(target: ParsedTarget, env: NodeJS.ProcessEnv = process.env): Promise<PgSession> {
  const { profile } = target;
  const password = resolvePassword(target, env);
  const client = new pg.Client({
    host: profile.host,
    port: profile.port,
    database: profile.database,
    user: profile.user,
    // a function: pg's own (deprecated) ~/.pgpass lookup never runs
    password: () => password ?? '',
    ssl: sslOption(profile.tls),
    connectionTimeoutMillis: 10_000,
    application_name: 'cim-workstation',
  });
  // a server that goes away fires 'error' on the client: the pending query reports it
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    if (password === null && /SASL|password/i.test((err as Error).message)) {
      throw new CimError(
        'pg.no_password',
        { host: profile.host, port: profile.port, database: profile.database, user: profile.user },
        'auth',
      );
    }
    throw pgError(err, profile);
  }
  try {
    const r = await client.query<{ v: string | null }>(
      "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS v",
    );
    const version = r.rows[0]?.v ?? null;
    if (version === null)
      throw new CimError('pg.no_postgis', { host: profile.host, port: profile.port, database: profile.database });
    return { client, profile, postgis: version, close: () => client.end().catch(() => undefined) };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw pgError(err, profile);
  }
}

export function quotePgIdent(name: string): string {
  if (Buffer.byteLength(name, 'utf8') > 63) throw new CimError('pg.name_too_long', { name });
  return `"${name.replace(/"/g, '""')}"`;
}
