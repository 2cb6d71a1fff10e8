/**
 * Connections against a real server: the faults a planner meets (server away, wrong or
 * missing password, database without PostGIS) each come back as their own pg.* error;
 * profiles and ~/.pgpass parse as libpq reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { connectPg, parsePgUrl, passwordFromPgpass, profileUrl, redactUrl } from '../../../main/pg/connection.js';
import { tempDir } from '../helpers.js';
import { freePort, startCluster, type TestCluster } from './cluster.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.createDatabase('city');
  await cluster.createDatabase('plain', { postgis: false });
}, 60_000);

afterAll(() => cluster.stop());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CimError);
    return (err as CimError).code;
  }
  return 'no error';
}

describe('profiles', () => {
  it('parses a URL into a profile and keeps the URL password out of it', () => {
    const t = parsePgUrl(
      'postgresql://planner:s3cret@db.bureau.local:6543/city?schema=plan&sslmode=verify-full',
      'bureau',
    );
    expect(t.profile).toEqual({
      name: 'bureau',
      host: 'db.bureau.local',
      port: 6543,
      database: 'city',
      user: 'planner',
      schema: 'plan',
      tls: 'verify-full',
    });
    expect(t.urlPassword).toBe('s3cret');
    expect(JSON.stringify(t.profile)).not.toContain('s3cret');
    expect(profileUrl(t.profile)).toBe(
      'postgresql://planner@db.bureau.local:6543/city?schema=plan&sslmode=verify-full',
    );
    expect(redactUrl('postgresql://planner:s3cret@h/db')).toBe('postgresql://planner:***@h/db');
    expect(parsePgUrl('postgres://u@h/db').profile).toMatchObject({ port: 5432, schema: 'public', tls: 'disable' });
  });

  it('refuses what is not a PostGIS URL', () => {
    for (const bad of ['http://h/db', 'postgresql://u@h/', 'postgresql://u@h/db?sslmode=prefer', 'nonsense']) {
      expect(() => parsePgUrl(bad)).toThrow(/pg\.bad_url/);
    }
  });

  it('reads ~/.pgpass like libpq: wildcards, escapes, and not when others may read it', () => {
    const dir = tempDir('cim-pgpass-');
    const file = path.join(dir, 'pgpass');
    fs.writeFileSync(
      file,
      ['# comment', 'other:5432:city:planner:nope', '*:6543:city:planner:pa\\:ss\\\\word', '*:*:*:*:fallback'].join(
        '\n',
      ),
      { mode: 0o600 },
    );
    const p = parsePgUrl('postgresql://planner@db:6543/city').profile;
    expect(passwordFromPgpass(p, { PGPASSFILE: file })).toBe('pa:ss\\word');
    expect(passwordFromPgpass({ ...p, port: 5432, host: 'x' }, { PGPASSFILE: file })).toBe('fallback');
    fs.chmodSync(file, 0o644);
    expect(passwordFromPgpass(p, { PGPASSFILE: file })).toBeNull();
  });
});

describe('faults told apart (real server)', () => {
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PGPASSFILE: '/nonexistent', ...extra });

  it('connects with PGPASSWORD and reports the PostGIS version', async () => {
    const s = await connectPg(parsePgUrl(cluster.url('city')), env({ PGPASSWORD: cluster.password }));
    expect(s.postgis).toMatch(/^3\./);
    await s.close();
  });

  it('connects with the password from a pgpass file', async () => {
    const file = path.join(tempDir('cim-pgpass-'), 'pgpass');
    fs.writeFileSync(file, `127.0.0.1:${String(cluster.port)}:*:postgres:${cluster.password}\n`, { mode: 0o600 });
    const s = await connectPg(parsePgUrl(cluster.url('city')), { PGPASSFILE: file });
    await s.close();
  });

  it('a wrong password is a failed login', async () => {
    expect(await codeOf(connectPg(parsePgUrl(cluster.url('city')), env({ PGPASSWORD: 'wrong' })))).toBe(
      'pg.login_failed',
    );
  });

  it('no password at all says where to put one', async () => {
    expect(await codeOf(connectPg(parsePgUrl(cluster.url('city')), env()))).toBe('pg.no_password');
  });

  it('a port nobody listens on is an unreachable server', async () => {
    const port = await freePort();
    const url = `postgresql://postgres@127.0.0.1:${String(port)}/city`;
    expect(await codeOf(connectPg(parsePgUrl(url), env({ PGPASSWORD: cluster.password })))).toBe('pg.unreachable');
  });

  it('a database without PostGIS, and one that does not exist, are named as such', async () => {
    const pw = env({ PGPASSWORD: cluster.password });
    expect(await codeOf(connectPg(parsePgUrl(cluster.url('plain')), pw))).toBe('pg.no_postgis');
    expect(await codeOf(connectPg(parsePgUrl(cluster.url('nowhere')), pw))).toBe('pg.database_not_found');
  });
});
