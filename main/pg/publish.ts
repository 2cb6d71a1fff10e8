/**
 * `cim pg publish`: a workspace vector layer to a PostGIS table of the same name (or
 * `table`), in one transaction: the table with its attributes and the layer's SRID, every
 * feature as WKB, a GiST index on the geometry. Any fault rolls the whole publish back, so
 * the server is left as it was. Environment: node.
 */
import type { PgProfile, PgPublishResult } from '../../common/contract/pg.js';
import { CimError } from '../../common/errors.js';
import { getLayer } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import { countFeatures, describeFeatureTable, iterateFeatures } from '../store/feature-table.js';
import { encodeGpkg, readGpkgHeader } from '../store/gpkg-geometry.js';
import { pgError, quotePgIdent, type PgSession } from './connection.js';

export interface PublishOptions {
  schema?: string;
  table?: string;
  /** Drop an existing table of that name (in the same transaction). */
  replace?: boolean;
  /** Rows written so far, of the total, after each batch. */
  progress?: (done: number, total: number) => void | Promise<void>;
}

const PG_TYPE = { INTEGER: 'bigint', REAL: 'double precision', TEXT: 'text', BOOLEAN: 'boolean' } as const;
const PG_GEOMETRY: Record<string, string> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRY: 'Geometry',
};
const BATCH = 500;

export async function publishLayer(
  db: Db,
  session: PgSession,
  layer: string,
  options: PublishOptions = {},
): Promise<PgPublishResult> {
  const entry = getLayer(db, layer);
  if (entry.kind !== 'vector') throw new CimError('pg.not_vector', { layer, kind: entry.kind });
  const info = describeFeatureTable(db, layer);
  const profile: PgProfile = session.profile;
  const schema = options.schema ?? profile.schema;
  const table = options.table ?? layer;
  const pk = info.primaryKey === 'rowid' ? 'fid' : info.primaryKey;
  const qualified = `${quotePgIdent(schema)}.${quotePgIdent(table)}`;
  const columns = [pk, ...info.fields.map((f) => f.name), info.geometryColumn];
  const total = countFeatures(db, layer);
  const { client } = session;
  let replaced = false;
  try {
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotePgIdent(schema)}`);
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [qualified]);
    if (exists.rows[0]?.t) {
      if (!options.replace) throw new CimError('pg.table_exists', { schema, table });
      await client.query(`DROP TABLE ${qualified}`);
      replaced = true;
    }
    const defs = [
      `${quotePgIdent(pk)} bigint PRIMARY KEY`,
      ...info.fields.map((f) => `${quotePgIdent(f.name)} ${PG_TYPE[f.type]}`),
      `${quotePgIdent(info.geometryColumn)} geometry(${PG_GEOMETRY[info.geometryType] ?? 'Geometry'}, ${String(info.srsId)})`,
    ];
    await client.query(`CREATE TABLE ${qualified} (${defs.join(', ')})`);
    await client.query(`COMMENT ON TABLE ${qualified} IS ${literal(`${entry.title} (cim pg publish ${layer})`)}`);
    const head = `INSERT INTO ${qualified} (${columns.map(quotePgIdent).join(', ')}) VALUES `;
    let rows: string[] = [];
    let params: unknown[] = [];
    let done = 0;
    const flush = async () => {
      if (rows.length === 0) return;
      await client.query(head + rows.join(', '), params);
      done += rows.length;
      rows = [];
      params = [];
      await options.progress?.(done, total);
    };
    for (const f of iterateFeatures(db, info)) {
      const base = params.length;
      const values = [f.fid, ...info.fields.map((d) => f.properties[d.name] ?? null)];
      let wkb: Buffer | null = null;
      if (f.geometry) {
        const blob = encodeGpkg(f.geometry, info.srsId);
        wkb = blob.subarray(readGpkgHeader(blob).wkbOffset);
      }
      params.push(...values, wkb);
      const ph = values.map((_, i) => `$${String(base + i + 1)}`);
      const g = `$${String(base + values.length + 1)}`;
      rows.push(`(${ph.join(', ')}, ST_GeomFromWKB(${g}::bytea, ${String(info.srsId)}))`);
      if (rows.length >= BATCH) await flush();
    }
    await flush();
    await client.query(
      `CREATE INDEX ${quotePgIdent(`${table}_${info.geometryColumn}_gist`.slice(0, 60))} ON ${qualified} USING GIST (${quotePgIdent(info.geometryColumn)})`,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw pgError(err, profile);
  }
  await client.query(`ANALYZE ${qualified}`).catch(() => undefined);
  return {
    layer,
    schema,
    table,
    srid: info.srsId,
    geometryType: info.geometryType,
    count: total,
    fields: info.fields.map((f) => f.name),
    replaced,
    profile,
  };
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
