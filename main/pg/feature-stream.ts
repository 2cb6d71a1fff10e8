/**
 * A PostGIS-backed layer's features as the same GeoJSON text the features route streams
 * for GeoPackage layers (export/feature-stream.ts), read by view: `ST_Intersects` of the
 * view's box with the geometry (the GiST index answers it), fetched through a server-side
 * cursor 1000 rows at a time, so a large table never sits in memory on either side.
 * Environment: node.
 */
import { Readable } from 'node:stream';
import type { BBoxLonLat } from '../../common/contract/shared.js';
import type { PgLayerSource } from '../../common/contract/pg.js';
import type { Db } from '../store/connection.js';
import { decodeWkb } from '../store/gpkg-geometry.js';
import { describeFeatureTable } from '../store/feature-table.js';
import { connectPg, pgError, quotePgIdent, type PgSession } from './connection.js';
import { lonLat, pgLayerSource } from './open.js';

const FETCH = 1000;

function bboxSql(source: PgLayerSource, bbox: BBoxLonLat): { sql: string; params: number[] } {
  const env = 'ST_MakeEnvelope($1, $2, $3, $4, 4326)';
  const box =
    source.srid === 4326
      ? env
      : source.srid === 4490
        ? 'ST_SetSRID(' + env + ', 4490)'
        : `ST_Transform(${env}, ${String(source.srid)})`;
  return { sql: `ST_Intersects(${quotePgIdent(source.geometryColumn)}, ${box})`, params: [...bbox] };
}

async function* chunks(session: PgSession, db: Db, layer: string, source: PgLayerSource, bbox: BBoxLonLat | null) {
  const fields = describeFeatureTable(db, layer).fields;
  const { client } = session;
  const table = `${quotePgIdent(source.schema)}.${quotePgIdent(source.table)}`;
  const where = bbox ? bboxSql(source, bbox) : { sql: 'true', params: [] };
  const cols = [
    source.primaryKey ? quotePgIdent(source.primaryKey) : 'NULL',
    `ST_AsBinary(${lonLat(source)})`,
    ...fields.map((f) => quotePgIdent(f.name)),
  ];
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(
      `DECLARE cim_features NO SCROLL CURSOR FOR SELECT ${cols.join(', ')} FROM ${table} WHERE ${where.sql}`,
      where.params,
    );
    yield `{"type":"FeatureCollection","name":${JSON.stringify(layer)},"features":[\n`;
    let first = true;
    let n = 0;
    for (;;) {
      const r = await client.query<unknown[]>({ text: `FETCH ${String(FETCH)} FROM cim_features`, rowMode: 'array' });
      if (r.rows.length === 0) break;
      const out: string[] = [];
      for (const row of r.rows) {
        n++;
        const properties: Record<string, unknown> = {};
        fields.forEach((f, i) => {
          const v = row[i + 2];
          properties[f.name] =
            v === null || v === undefined ? null : f.type === 'INTEGER' || f.type === 'REAL' ? Number(v) : v;
        });
        const wkb = row[1];
        const geometry = wkb instanceof Uint8Array ? decodeWkb(wkb) : null;
        out.push(JSON.stringify({ type: 'Feature', id: row[0] === null ? n : Number(row[0]), geometry, properties }));
      }
      yield (first ? '' : ',\n') + out.join(',\n');
      first = false;
    }
    yield '\n]}\n';
    await client.query('COMMIT');
  } catch (err) {
    throw pgError(err, session.profile);
  } finally {
    await session.close();
  }
}

/**
 * The layer's features within `bbox` (all of them without one), or null when the layer is
 * not PostGIS-backed. Connects before returning, so an unreachable server or a failed login
 * is an error reply, not a broken stream. The password comes from `env` (PGPASSWORD, ~/.pgpass).
 */
export async function pgFeatureStream(
  db: Db,
  layer: string,
  bbox: BBoxLonLat | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Readable | null> {
  const source = pgLayerSource(db, layer);
  if (!source) return null;
  const session = await connectPg({ profile: source.profile, urlPassword: null }, env);
  return Readable.from(chunks(session, db, layer, source, bbox), { objectMode: false });
}
