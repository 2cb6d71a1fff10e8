/**
 * Migrations carry their issue's number, so versions leave gaps and land out of order across
 * branches. migrate() applies, in list order, every migration above the workspace's version:
 * a list out of order, or a number used twice, would skip one for ever on some workspaces.
 */
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/store/migrations/index.js';

describe('the migration list', () => {
  it('is in strictly increasing version order, and the latest version is the last one', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++)
      expect(versions[i], `after ${String(versions[i - 1])}`).toBeGreaterThan(versions[i - 1] ?? 0);
    expect(LATEST_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });
});
