import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQml } from '../../../main/style/qml.js';
import { FIXTURES, ROOT, tempDir } from '../helpers.js';
import { workspace } from '../style/workspace-fixture.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cim style import|export', () => {
  it(
    'imports the QGIS 3.22 categorised style, exports it, and the export reads back the same',
    { timeout: 60_000 },
    () => {
      const dir = tempDir();
      const ws = path.join(dir, 'w.gpkg');
      workspace(ws).close();
      const source = path.join(FIXTURES, 'qml/categorized-qgis.qml');
      const a = cim(['style', 'import', '--workspace', ws, '--layer', 'parcels', '--qml', source, '--json']);
      expect(a.stderr).toBe('');
      expect(a.code).toBe(0);
      const imported = JSON.parse(a.stdout) as {
        layer: string;
        style: { thematic: { method: string; categories: unknown[] } };
      };
      expect(imported.layer).toBe('parcels');
      expect(imported.style.thematic.method).toBe('categorized');
      expect(imported.style.thematic.categories).toHaveLength(4);

      const out = path.join(dir, 'out.qml');
      const b = cim(['style', 'export', '--workspace', ws, '--layer', 'parcels', '--qml', out, '--json']);
      expect(b.code).toBe(0);
      expect(JSON.parse(b.stdout)).toMatchObject({ layer: 'parcels', exported: out });
      const again = parseQml(readFileSync(out, 'utf8'), 'out.qml').thematic;
      expect(again).toEqual(parseQml(readFileSync(source, 'utf8'), 'c.qml').thematic);
    },
  );

  it('a style for a missing field exits 1 naming the file, the field and the layer', { timeout: 60_000 }, () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    workspace(ws).close();
    const bad = path.join(FIXTURES, 'qml/graduated-qgis.qml');
    const text = readFileSync(bad, 'utf8').replace('attr="height_m"', 'attr="floors"');
    const file = path.join(tempDir(), 'floors.qml');
    writeFileSync(file, text);
    const r = cim(['style', 'import', '--workspace', ws, '--layer', 'parcels', '--qml', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('floors.qml classifies by field floors, which layer parcels does not have');
  });

  it('refuses a workspace as the .qml (exit 2), and leaves the workspace as it was', { timeout: 60_000 }, () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    workspace(ws).close();
    const before = readFileSync(ws);
    for (const action of ['import', 'export']) {
      const r = cim(['style', action, '--workspace', ws, '--layer', 'parcels', '--qml', ws]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is a workspace, not a QGIS style');
    }
    expect(readFileSync(ws).equals(before)).toBe(true);
  });
});
