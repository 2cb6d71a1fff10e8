/**
 * A throwaway PostgreSQL 15 + PostGIS cluster for the pg tests: `initdb` into a temporary
 * folder, `pg_ctl start` on a free port of 127.0.0.1, password login over TCP (scram), and
 * removed afterwards. No mock database: the tests talk to a real server. Run as the
 * `postgres` user when the tests run as root (initdb refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { tempDir } from '../helpers.js';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
export const SUPERUSER = 'postgres';

export interface TestCluster {
  port: number;
  password: string;
  dir: string;
  /** `postgresql://postgres@127.0.0.1:PORT/<db>`: no password in it; give it through PGPASSWORD. */
  url(database: string): string;
  /** Creates a database, with PostGIS unless `postgis` is false. */
  createDatabase(name: string, options?: { postgis?: boolean }): Promise<void>;
  /** libpq connection string for GDAL's `PG:` driver. */
  gdal(database: string): string;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(
    database: string,
    sql: string,
    params?: unknown[],
  ): Promise<T[]>;
  stop(): void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function runAsOwner(cmd: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', SUPERUSER, '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: 'pipe' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<TestCluster> {
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error('PostgreSQL 15 is missing: apt-get install -y postgresql-15 postgresql-15-postgis-3');
  }
  const dir = tempDir('cim-pg-');
  const data = path.join(dir, 'data');
  const password = `pw-${String(process.pid)}-${String(Date.now())}`;
  fs.writeFileSync(path.join(dir, 'pwfile'), password + '\n');
  if (isRoot) execFileSync('chown', ['-R', SUPERUSER, dir]);
  runAsOwner(path.join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    SUPERUSER,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${path.join(dir, 'pwfile')}`,
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  const options = `-p ${String(port)} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  runAsOwner(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);

  const connect = async (database: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
    await client.connect();
    return client;
  };
  const query = async <T extends pg.QueryResultRow>(database: string, sql: string, params: unknown[] = []) => {
    const client = await connect(database);
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    port,
    password,
    dir,
    url: (database) => `postgresql://${SUPERUSER}@127.0.0.1:${String(port)}/${database}`,
    gdal: (database) =>
      `PG:host=127.0.0.1 port=${String(port)} dbname=${database} user=${SUPERUSER} password=${password}`,
    query,
    async createDatabase(name, opts = {}) {
      await query('postgres', `CREATE DATABASE "${name}"`);
      if (opts.postgis !== false) await query(name, 'CREATE EXTENSION postgis');
    },
    stop() {
      if (stopped) return;
      stopped = true;
      spawnSync(isRoot ? 'runuser' : path.join(PG_BIN, 'pg_ctl'), [
        ...(isRoot ? ['-u', SUPERUSER, '--', path.join(PG_BIN, 'pg_ctl')] : []),
        '-D',
        data,
        '-m',
        'immediate',
        '-w',
        'stop',
      ]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
