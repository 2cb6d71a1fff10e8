/**
 * Cases on the bureau's server against the local GeoPackage (issue #20): the same N cases
 * (default 1,000,000, spread over the city and a year) in a workspace's `cases` layer and in
 * the server's case table (`cim_cases`, as `cim cases sync` writes it, with its GiST index
 * and the report-time index), and the desk's query, a viewport (about 1 km) plus a
 * seven-day window: the count and the newest 100. Local: the desk's own `queryCases` (rtree
 * plus reported_at). Server: the same in SQL (`geom && box`, GiST and btree). p50 and p95 over
 * the same random queries, both answering the same counts (checked). The reference in the
 * same run is the local GeoPackage. A throwaway PostgreSQL 15 + PostGIS cluster on 127.0.0.1
 * (tests/unit/pg/cluster.ts), so the server costs no network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { queryCases } from '../main/cases/query.js';
import { ensureCaseModel } from '../main/cases/schema.js';
import { isoBeijing } from '../main/cases/time.js';
import { openWorkspaceDb } from '../main/store/connection.js';
import { encodeGpkg } from '../main/store/gpkg-geometry.js';
import { startCluster } from '../tests/unit/pg/cluster.js';
import { ratio } from './lib/stats.js';

export interface CasesQueryBenchOptions {
  outDir: string;
  seed: number;
  log: (line: string) => void;
  cases?: number;
  queries?: number;
}

interface Percentiles {
  p50Ms: number;
  p95Ms: number;
}

export type CasesQueryBenchResult =
  | {
      status: 'ok';
      cases: number;
      queries: number;
      meanHits: number;
      gpkg: Percentiles;
      postgis: Percentiles;
      /** PostGIS / GeoPackage at p50 and p95 (below 1: the server is faster). */
      ratioP50: number;
      ratioP95: number;
      loadS: { gpkg: number; postgis: number };
    }
  | { status: 'failed'; error: string };

const CITY = { minLon: 112.45, minLat: 32.95, maxLon: 112.65, maxLat: 33.1 };
const YEAR_START = Date.UTC(2024, 0, 1) - 8 * 3_600_000;
const YEAR_MS = 366 * 86_400_000;
const BOX_DEG = 0.01;
const WINDOW_MS = 7 * 86_400_000;
const STATUSES = ['上报', '立案', '派遣', '处置', '核查', '结案'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN).toFixed(2));
  return { p50Ms: at(0.5), p95Ms: at(0.95) };
}

export async function runCasesQueryBench(o: CasesQueryBenchOptions): Promise<CasesQueryBenchResult> {
  const n = o.cases ?? 1_000_000;
  const nq = o.queries ?? 200;
  const r = rng(o.seed);
  const gen = Array.from({ length: n }, (_, i) => ({
    id: `NY${String(i).padStart(10, '0')}`,
    lon: CITY.minLon + r() * (CITY.maxLon - CITY.minLon),
    lat: CITY.minLat + r() * (CITY.maxLat - CITY.minLat),
    at: isoBeijing(YEAR_START + Math.floor(r() * YEAR_MS)),
    status: STATUSES[Math.floor(r() * STATUSES.length)] as string,
  }));
  const file = path.join(o.outDir, 'cases-query.gpkg');
  fs.rmSync(file, { force: true });
  const db = openWorkspaceDb(file, { create: true });
  const cluster = await startCluster();
  try {
    let t0 = performance.now();
    db.transaction(() => {
      ensureCaseModel(db, new Date().toISOString());
      const ins = db.prepare(
        `INSERT INTO cases (geom, case_id, uuid, version, type, dl_code, dl_name, xl_code, xl_name, reported_at, status, street)
         VALUES (?, ?, ?, 1, '事件', '01', '市容环境', '0101', '暴露垃圾', ?, ?, '东关街道')`,
      );
      for (const c of gen) {
        ins.run(encodeGpkg({ type: 'Point', coordinates: [c.lon, c.lat] }, 4326), c.id, c.id, c.at, c.status);
      }
    })();
    db.exec('ANALYZE');
    const gpkgLoad = (performance.now() - t0) / 1000;
    o.log(`cases-query: ${String(n)} cases in the GeoPackage in ${gpkgLoad.toFixed(1)} s`);

    await cluster.createDatabase('bureau');
    const client = new pg.Client({
      host: '127.0.0.1',
      port: cluster.port,
      user: 'postgres',
      password: cluster.password,
      database: 'bureau',
    });
    await client.connect();
    t0 = performance.now();
    await client.query(`CREATE TABLE cim_cases (uuid text PRIMARY KEY, version bigint NOT NULL, rev bigint NOT NULL,
      deleted boolean NOT NULL DEFAULT false, case_id text, reported_at text, status text, street text,
      geom geometry(Point, 4326))`);
    const BATCH = 2000;
    for (let i = 0; i < n; i += BATCH) {
      const part = gen.slice(i, i + BATCH);
      const params: unknown[] = [];
      const rows = part.map((c, k) => {
        params.push(c.id, c.at, c.status, c.lon, c.lat);
        const b = k * 5;
        return `($${String(b + 1)}, 1, ${String(i + k)}, $${String(b + 1)}, $${String(b + 2)}, $${String(b + 3)}, '东关街道', ST_SetSRID(ST_MakePoint($${String(b + 4)}, $${String(b + 5)}), 4326))`;
      });
      await client.query(
        `INSERT INTO cim_cases (uuid, version, rev, case_id, reported_at, status, street, geom) VALUES ${rows.join(', ')}`,
        params,
      );
    }
    // the indexes `cim cases sync` makes (main/pg/case-sync.ts)
    await client.query('CREATE INDEX cim_cases_geom_gist ON cim_cases USING GIST (geom)');
    await client.query('CREATE INDEX cim_cases_reported ON cim_cases (reported_at)');
    await client.query('ANALYZE cim_cases');
    const pgLoad = (performance.now() - t0) / 1000;
    o.log(`cases-query: ${String(n)} cases on PostGIS in ${pgLoad.toFixed(1)} s`);

    const queries = Array.from({ length: nq }, () => {
      const lon = CITY.minLon + r() * (CITY.maxLon - CITY.minLon - BOX_DEG);
      const lat = CITY.minLat + r() * (CITY.maxLat - CITY.minLat - BOX_DEG);
      const from = YEAR_START + Math.floor(r() * (YEAR_MS - WINDOW_MS));
      return {
        bbox: [lon, lat, lon + BOX_DEG, lat + BOX_DEG] as [number, number, number, number],
        from: isoBeijing(from),
        to: isoBeijing(from + WINDOW_MS),
      };
    });
    const local: number[] = [];
    const server: number[] = [];
    let hits = 0;
    const asOf = Date.now();
    // warm both (page cache, plans), then alternate so both see the same load
    queryCases(db, queries[0] ?? {}, { limit: 100 }, asOf);
    const sqlCount = `SELECT count(*)::int AS n FROM cim_cases WHERE NOT deleted AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND reported_at >= $5 AND reported_at < $6`;
    const sqlRows = `SELECT uuid, case_id, reported_at, status, street, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cim_cases
      WHERE NOT deleted AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND reported_at >= $5 AND reported_at < $6
      ORDER BY reported_at DESC, uuid LIMIT 100`;
    for (const q of queries) {
      let t = performance.now();
      const a = queryCases(db, q, { limit: 100 }, asOf);
      local.push(performance.now() - t);
      const args = [...q.bbox, q.from, q.to];
      t = performance.now();
      const c = await client.query<{ n: number }>(sqlCount, args);
      const rows = await client.query(sqlRows, args);
      server.push(performance.now() - t);
      const count = c.rows[0]?.n ?? -1;
      if (count !== a.count || rows.rows.length !== a.rows.length) {
        throw new Error(`cases-query: the server found ${String(count)}, the GeoPackage ${String(a.count)}`);
      }
      hits += count;
    }
    await client.end();
    const gpkg = percentiles(local);
    const postgis = percentiles(server);
    o.log(
      `cases-query: GeoPackage p50 ${String(gpkg.p50Ms)} ms p95 ${String(gpkg.p95Ms)} ms; PostGIS p50 ${String(postgis.p50Ms)} ms p95 ${String(postgis.p95Ms)} ms`,
    );
    return {
      status: 'ok',
      cases: n,
      queries: nq,
      meanHits: Number((hits / nq).toFixed(1)),
      gpkg,
      postgis,
      ratioP50: ratio(postgis.p50Ms, gpkg.p50Ms),
      ratioP95: ratio(postgis.p95Ms, gpkg.p95Ms),
      loadS: { gpkg: Number(gpkgLoad.toFixed(1)), postgis: Number(pgLoad.toFixed(1)) },
    };
  } finally {
    db.close();
    cluster.stop();
    fs.rmSync(file, { force: true });
  }
}
