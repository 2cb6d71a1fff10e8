/**
 * The bureau's shared store on PostGIS (issue #20): connection profiles and what `cim pg`
 * publishes and opens. A profile never holds a password: that comes from PGPASSWORD or
 * ~/.pgpass (the browser host, `cim`), never from the workspace. Environment: common.
 */
import { z } from 'zod';
import { call } from './call.js';
import { BBoxLonLat, LayerName } from './shared.js';

/** TLS: `disable` plain TCP, `require` TLS without checking the certificate, `verify-full` TLS checked against the host name. */
export const PgTlsMode = z.enum(['disable', 'require', 'verify-full']);
export type PgTlsMode = z.infer<typeof PgTlsMode>;

export const PgProfile = z.object({
  name: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  database: z.string().min(1),
  user: z.string().min(1),
  schema: z.string().min(1),
  tls: PgTlsMode,
});
export type PgProfile = z.infer<typeof PgProfile>;

export const PgPublishResult = z.object({
  layer: LayerName,
  schema: z.string(),
  table: z.string(),
  srid: z.number().int(),
  geometryType: z.string(),
  count: z.number().int().nonnegative(),
  fields: z.array(z.string()),
  replaced: z.boolean(),
  profile: PgProfile,
});
export type PgPublishResult = z.infer<typeof PgPublishResult>;

/** What a PostGIS-backed workspace layer remembers of its source (workspace meta `pg.layer.<name>`). */
export const PgLayerSource = z.object({
  profile: PgProfile,
  schema: z.string(),
  table: z.string(),
  geometryColumn: z.string(),
  srid: z.number().int(),
  primaryKey: z.string().nullable(),
});
export type PgLayerSource = z.infer<typeof PgLayerSource>;

export const PgOpenResult = z.object({
  layer: LayerName,
  source: PgLayerSource,
  count: z.number().int().nonnegative(),
  bbox: BBoxLonLat.nullable(),
});
export type PgOpenResult = z.infer<typeof PgOpenResult>;

/**
 * A connection as the dialog gives it: the profile, and a password typed for this session
 * (kept in the host's memory for the call, never written to the workspace; without one the
 * host takes PGPASSWORD or ~/.pgpass).
 */
export const PgConnect = z.object({ profile: PgProfile, password: z.string().max(1000).optional() }).strict();
export type PgConnect = z.infer<typeof PgConnect>;

export const PgTestResult = z.object({ profile: PgProfile, server: z.string(), postgis: z.string() });
export type PgTestResult = z.infer<typeof PgTestResult>;

export const pgCalls = {
  /** Connects and checks PostGIS; a fault is a `pg.*` error naming which (unreachable, login, no PostGIS, …). */
  'pg.test': call(PgConnect, PgTestResult),
} as const;
