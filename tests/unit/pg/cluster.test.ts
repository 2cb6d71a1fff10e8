/** The harness itself: a real PostGIS answers, and the cluster's folder is gone after stop. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startCluster } from './cluster.js';

describe('throwaway PostGIS cluster', () => {
  it('starts, answers PostGIS queries, and is removed on stop', async () => {
    const cluster = await startCluster();
    try {
      await cluster.createDatabase('harness');
      const rows = await cluster.query<{ v: string; a: number }>(
        'harness',
        "SELECT postgis_lib_version() AS v, ST_Area(ST_GeomFromText('POLYGON((0 0,2 0,2 3,0 3,0 0))')) AS a",
      );
      expect(rows[0]?.v).toMatch(/^3\./);
      expect(rows[0]?.a).toBe(6);
    } finally {
      cluster.stop();
    }
    expect(fs.existsSync(cluster.dir)).toBe(false);
  });
});
