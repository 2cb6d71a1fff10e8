/**
 * `cim pg open`: a PostGIS table as a workspace layer. The workspace keeps an empty feature
 * table of the same fields (so the layer tree, styles and filters treat it as any vector
 * layer) with the server's extent, and the source (profile without password, schema, table,
 * geometry column, SRID) in cim_meta `pg.layer.<name>`. Its features are read from the
 * server by view (pg/feature-stream.ts). Environment: node.
 */
import type { PgLayerSource, PgOpenResult } from '../../common/contract/pg.js';
import { LayerName, type FieldDef, type GeometryType } from '../../common/contract/shared.js';
import { CimError } from '../../common/errors.js';
import { addLayer, getWorkspaceMeta, setWorkspaceMeta } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import { createFeatureTable, finishFeatureTable, tableExists } from '../store/feature-table.js';
import { pgError, profileUrl, quotePgIdent, type PgSession } from './connection.js';

const PG_LAYER_META = 'pg.layer.';

export interface OpenOptions {
  schema?: string;
  /** Workspace layer name; default the table's. */
  name?: string;
  now?: Date;
}

const GEOMETRY_TYPES: GeometryType[] = [
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
];

function fieldType(pgType: string): FieldDef['type'] {
  if (/^(smallint|integer|bigint)$/.test(pgType)) return 'INTEGER';
  if (/^(real|double precision|numeric)$/.test(pgType)) return 'REAL';
  if (pgType === 'boolean') return 'BOOLEAN';
  return 'TEXT';
}

/** The geometry column, SRID and fields of a server table; refuses a table without geometry. */
async function describePgTable(
  session: PgSession,
  schema: string,
  table: string,
): Promise<{
  source: PgLayerSource;
  geometryType: GeometryType;
  fields: FieldDef[];
}> {
  const { client, profile } = session;
  try {
    const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
      `${quotePgIdent(schema)}.${quotePgIdent(table)}`,
    ]);
    if (!exists.rows[0]?.t) throw new CimError('pg.table_not_found', { schema, table });
    const geom = await client.query<{ col: string; srid: number; type: string }>(
      'SELECT f_geometry_column AS col, srid, type FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 ORDER BY f_geometry_column LIMIT 1',
      [schema, table],
    );
    const g = geom.rows[0];
    if (!g) throw new CimError('pg.no_geometry', { schema, table });
    const cols = await client.query<{ name: string; type: string }>(
      'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, table],
    );
    const pk = await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary`,
      [`${quotePgIdent(schema)}.${quotePgIdent(table)}`],
    );
    const primaryKey = pk.rows.length === 1 ? (pk.rows[0]?.name ?? null) : null;
    const fields = cols.rows
      .filter((c) => c.name !== g.col && c.name !== primaryKey && c.type !== 'USER-DEFINED')
      .map((c) => ({ name: c.name, type: fieldType(c.type) }));
    const upper = g.type.toUpperCase();
    return {
      source: { profile, schema, table, geometryColumn: g.col, srid: g.srid, primaryKey },
      geometryType: GEOMETRY_TYPES.find((t) => t === upper) ?? 'GEOMETRY',
      fields,
    };
  } catch (err) {
    throw pgError(err, profile);
  }
}

export async function openPgLayer(
  db: Db,
  session: PgSession,
  table: string,
  options: OpenOptions = {},
): Promise<PgOpenResult> {
  const schema = options.schema ?? session.profile.schema;
  const name = options.name ?? table;
  if (!LayerName.safeParse(name).success) throw new CimError('pg.bad_layer_name', { layer: name }, 'args');
  if (tableExists(db, name)) throw new CimError('pg.layer_exists', { layer: name });
  const { source, geometryType, fields } = await describePgTable(session, schema, table);
  const g = quotePgIdent(source.geometryColumn);
  const stats = await session.client
    .query<{ n: string; x0: number | null; y0: number | null; x1: number | null; y1: number | null }>(
      `SELECT n, ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
       FROM (SELECT ST_Extent(${lonLat(source)}) AS e, count(${g}) AS n FROM ${quotePgIdent(schema)}.${quotePgIdent(table)}) s`,
    )
    .catch((err: unknown) => {
      throw pgError(err, session.profile);
    });
  const r = stats.rows[0];
  const bbox: PgOpenResult['bbox'] =
    r && r.x0 !== null && r.y0 !== null && r.x1 !== null && r.y1 !== null ? [r.x0, r.y0, r.x1, r.y1] : null;
  const srsId = source.srid === 4490 ? 4490 : 4326;
  db.transaction(() => {
    createFeatureTable(db, {
      name,
      title: `${table} (PostGIS ${session.profile.host}/${session.profile.database})`,
      geometryType,
      fields,
      srsId,
    });
    finishFeatureTable(db, name, bbox ? [bbox[0], bbox[2], bbox[1], bbox[3]] : null);
    addLayer(db, {
      name,
      title: `${schema}.${table} @ ${session.profile.host}/${session.profile.database}`,
      sourceCrs: `EPSG:${String(source.srid)}`,
      // where it comes from, without password: postgresql://user@host:port/db?schema=…#schema.table
      sourceFile: `${profileUrl(session.profile)}#${schema}.${table}`,
      createdAt: (options.now ?? new Date()).toISOString(),
    });
    setWorkspaceMeta(db, PG_LAYER_META + name, JSON.stringify(source));
  }).immediate();
  return { layer: name, source, count: Number(r?.n ?? 0), bbox };
}

/** The layer's PostGIS source, or null for an ordinary GeoPackage layer. */
export function pgLayerSource(db: Db, layer: string): PgLayerSource | null {
  const text = getWorkspaceMeta(db, PG_LAYER_META + layer);
  return text ? (JSON.parse(text) as PgLayerSource) : null;
}

/** The geometry in lon/lat degrees (4326, or 4490 kept as it is, as the store keeps it). */
export function lonLat(source: PgLayerSource): string {
  const g = quotePgIdent(source.geometryColumn);
  return source.srid === 4326 || source.srid === 4490 ? g : `ST_Transform(${g}, 4326)`;
}
