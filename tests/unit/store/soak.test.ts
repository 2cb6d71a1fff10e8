/**
 * Soak (issue #10): while the host runs 20 jobs (imports of five formats, a multi-plan
 * review, a terrain build), one process reads the workspace in a loop with ogrinfo and
 * sqlite3, and another writes to it through SQLite: a table of its own with a row at a time
 * (sqlite3), and rows appended to a layer the host imported (ogr2ogr, as QGIS saving an edit).
 * At the end every job that reported success is in the file, so are the outside writes, the
 * host never crashed and PRAGMA integrity_check says ok.
 */
import { execFileSync, spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKSPACE_CHANGED, type JobInfo } from '../../../common/contract/index.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { FIXTURES, SHARED, tempDir } from '../helpers.js';
import { startHostProcess, type HostProcess } from './support/outside.js';

const PARCELS = path.join(SHARED, 'crs-china/parcels_wgs84.geojson');
/** Import sources, taken in turn: GeoJSON, KML, a GBK shapefile in GK zone 38, GeoPackage, a hand-made GeoJSON. */
const SOURCES = [
  PARCELS,
  path.join(SHARED, 'crs-china/parcels.kml'),
  path.join(SHARED, 'crs-china/parcels_cgcs2000_gk38_gbk.shp'),
  path.join(SHARED, 'crs-china/parcels_cgcs2000.gpkg'),
  path.join(FIXTURES, 'geojson/mixed.geojson'),
];
const IMPORTS = 18;
/** The layer the outside writer appends rows to: the first import. */
const EDITED = 'soak_01';

/** A shell loop in its own process; it prints one line per attempt and stops when `stop` exists. */
function loop(
  script: string,
  env: Record<string, string>,
): { child: ChildProcessByStdio<null, Readable, Readable>; lines: () => string[] } {
  const child = spawn('bash', ['-c', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (out += `stderr: ${c}`));
  return { child, lines: () => out.split('\n').filter(Boolean) };
}

const READER = `
while [ ! -e "$STOP" ]; do
  if ogrinfo -ro -so "$WS" >/dev/null 2>&1; then echo ogrinfo ok; else echo ogrinfo failed; fi
  if out=$(sqlite3 -cmd '.timeout 10000' "$WS" 'SELECT count(*) FROM cim_layers' 2>&1); then echo "sqlite3 ok $out"; else echo "sqlite3 failed $out"; fi
  sleep 0.5
done
times`;

// sqlite3 waits for the host's job to commit (.timeout); GDAL's own busy handling varies, so
// a locked ogr2ogr is simply tried again on the next round and counted only when it worked
const WRITER = `
sqlite3 -cmd '.timeout 20000' "$WS" 'CREATE TABLE outside_notes (n INTEGER PRIMARY KEY, note TEXT NOT NULL)' && echo created
i=0
while [ ! -e "$STOP" ]; do
  i=$((i+1))
  if sqlite3 -cmd '.timeout 20000' "$WS" "INSERT INTO outside_notes VALUES ($i, '外部写入 $i')"; then echo "note $i"; fi
  if [ "$(sqlite3 -cmd '.timeout 20000' "$WS" "SELECT 1 FROM gpkg_contents WHERE table_name = '$EDITED'")" = 1 ] &&
     ogr2ogr -append -update "$WS" "$SRC" -nln "$EDITED" -nlt MULTIPOLYGON -fid 1 >/dev/null 2>&1; then echo row; fi
  sleep 1
done
times`;

let host: HostProcess | null = null;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await host?.stop();
});

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

describe('soak: 20 jobs while other programs read and write the workspace', () => {
  it('keeps every finished job and every outside write; the host never crashes; integrity ok', async () => {
    const startedAt = Date.now();
    const { file: ws, db: seed } = planWorkspace(handCase());
    seed.close();
    const stop = path.join(tempDir(), 'stop');
    host = await startHostProcess(ws);
    const env = { WS: ws, STOP: stop, SRC: PARCELS, EDITED };
    const reader = loop(READER, env);
    const writer = loop(WRITER, env);
    children.push(reader.child, writer.child);

    const h = host;
    const start = async (method: string, input: unknown): Promise<string> =>
      (await h.call<{ jobId: string }>(method, input)).jobId;
    const jobIds: string[] = [];
    for (let i = 1; i <= IMPORTS; i++) {
      const source = SOURCES[(i - 1) % SOURCES.length] ?? PARCELS;
      const name = `soak_${String(i).padStart(2, '0')}`;
      jobIds.push(await start('import.start', { source: { kind: 'path', path: source }, name }));
      if (i === 6) {
        jobIds.push(
          await start('analysis.start', {
            kind: 'multiplan',
            params: { layers: ['plan_master', 'plan_regulatory', 'control_lines'] },
          }),
        );
      }
      if (i === 12) {
        jobIds.push(
          await start('tiles.build', {
            type: 'terrain',
            source: path.join(SHARED, 'geotiff/float_raster_with_nodata.tif'),
          }),
        );
      }
    }
    expect(jobIds).toHaveLength(20);
    const jobs: JobInfo[] = [];
    for (const id of jobIds) jobs.push(await h.waitJob(id, 240_000));
    expect(h.exited()).toBeNull();

    // once the jobs are over the host watches for outside commits again and says so
    const outside = await h.nextEvent(
      (e) => e.kind === WORKSPACE_CHANGED && (e.result as { reason?: string } | null)?.reason === 'outside',
      15_000,
    );
    expect(outside.state).toBe('done');
    fs.writeFileSync(stop, '');
    await Promise.all(
      [reader.child, writer.child].map(
        (c) => new Promise((resolve) => (c.exitCode === null ? c.once('exit', resolve) : resolve(null))),
      ),
    );
    expect(h.exited()).toBeNull();
    expect(await h.stop()).toBe(0);
    expect(h.log()).not.toMatch(/host error|SqliteError|Internal error/);

    expect(jobs.map((j) => `${j.kind} ${j.state}${j.error ? ` ${JSON.stringify(j.error)}` : ''}`)).toEqual([
      ...Array<string>(6).fill('import done'),
      'analysis done',
      ...Array<string>(6).fill('import done'),
      'tiles done',
      ...Array<string>(6).fill('import done'),
    ]);

    const readerLines = reader.lines();
    expect(readerLines.filter((l) => l.includes('failed'))).toEqual([]);
    expect(readerLines.filter((l) => l.startsWith('ogrinfo ok')).length).toBeGreaterThan(3);
    expect(readerLines.filter((l) => l.startsWith('sqlite3 ok')).length).toBeGreaterThan(3);
    const writerLines = writer.lines();
    expect(writerLines[0]).toBe('created');
    const notes = writerLines.filter((l) => l.startsWith('note ')).map((l) => Number(l.slice(5)));
    const rows = writerLines.filter((l) => l === 'row').length;
    expect(notes.length).toBeGreaterThan(3);
    expect(rows).toBeGreaterThan(0);

    const db = new Database(ws, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const catalogued = new Set(
        (db.prepare('SELECT name FROM cim_layers').all() as { name: string }[]).map((r) => r.name),
      );
      for (const job of jobs) {
        const result = job.result as { resultLayer: string; count: number };
        expect(catalogued.has(result.resultLayer), result.resultLayer).toBe(true);
        if (job.kind === 'tiles') continue;
        const expected = result.resultLayer === EDITED ? result.count + rows : result.count;
        expect(count(db, result.resultLayer), result.resultLayer).toBe(expected);
      }
      const stored = (db.prepare('SELECT n FROM outside_notes ORDER BY n').all() as { n: number }[]).map((r) => r.n);
      expect(stored).toEqual(expect.arrayContaining(notes));
      // R-tree kept in step with the rows GDAL appended
      expect(count(db, `rtree_${EDITED}_geom`)).toBe(count(db, EDITED));
    } finally {
      db.close();
    }
    expect(execFileSync('ogrinfo', ['-ro', '-so', ws, EDITED], { encoding: 'utf8' })).toMatch(
      new RegExp(`Feature Count: ${String(120 + rows)}`),
    );
    // wall time depends on the machine's load; CPU time says what an idle machine would need
    const hostCpu = /^CPU (\d+) ms$/m.exec(h.log())?.[1] ?? '?';
    const loopCpu = (lines: string[]): string => lines.filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l)).join(' / ');
    console.log(
      `soak: 20 jobs in ${String(Date.now() - startedAt)} ms wall; host CPU ${hostCpu} ms (jobs included); ` +
        `reader ${String(readerLines.length)} lines, CPU ${loopCpu(readerLines)}; writer ${String(notes.length)} notes + ` +
        `${String(rows)} rows, CPU ${loopCpu(writerLines)}; load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
  }, 300_000);
});
