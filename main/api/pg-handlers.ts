/**
 * Handlers of the PostGIS calls (contract: pg.test, cases.sync, cases.syncState). A password
 * typed in the connection dialog lives only for the call; without one the host takes
 * PGPASSWORD or ~/.pgpass, as `cim` does. Nothing of it reaches the workspace. A sync holds
 * the job lock (no job writes the cases meanwhile) and writes the workspace in one
 * transaction after the server committed (main/pg/case-sync.ts). Environment: node.
 */
import type { Input, Output } from '../../common/contract/index.js';
import { syncCases, syncState } from '../pg/case-sync.js';
import { connectPg, type ParsedTarget } from '../pg/connection.js';
import type { Db } from '../store/connection.js';

export interface PgHandlerDeps {
  db(): Db;
  /** Runs `fn` holding the workspace's write lock (jobs and other writes wait). */
  locked<T>(fn: () => Promise<T>): Promise<T>;
  now(): Date;
  env?: NodeJS.ProcessEnv;
}

type M = 'pg.test' | 'cases.sync' | 'cases.syncState';

const target = (i: Input<'pg.test'>): ParsedTarget => ({ profile: i.profile, urlPassword: i.password ?? null });

export function createPgHandlers(d: PgHandlerDeps): { [K in M]: (input: Input<K>) => Promise<Output<K>> } {
  const env = d.env ?? process.env;
  return {
    'pg.test': async (i) => {
      const session = await connectPg(target(i), env);
      try {
        const v = await session.client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
        return { profile: session.profile, server: v.rows[0]?.v ?? '', postgis: session.postgis };
      } finally {
        await session.close();
      }
    },
    'cases.syncState': () => Promise.resolve(syncState(d.db())),
    'cases.sync': (i) =>
      d.locked(async () => {
        const session = await connectPg(target(i), env);
        try {
          return await syncCases(d.db(), session, d.now().getTime());
        } finally {
          await session.close();
        }
      }),
  };
}
