/**
 * The dependency rules hold, and each one fails on a deliberate violation: a small tree
 * laid out like ours, cruised with our own config (.dependency-cruiser.cjs) and the folder
 * cycle check (scripts/folder-cycles.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, depcruise, tempDir } from '../helpers.js';

interface FolderCycles {
  folderCycles: (edges: [string, string][]) => { folders: string[] }[];
  cruiseEdges: (cwd: string, paths: string[], config: string) => [string, string][];
}
const { folderCycles, cruiseEdges } = (await import(path.join(ROOT, 'scripts/folder-cycles.mjs'))) as FolderCycles;

/** A scratch tree with our dependency config and the files given (path -> source). */
function tree(files: Record<string, string>): string {
  const dir = tempDir();
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowJs: true } }),
  );
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

function cruise(dir: string, paths: string[]): { code: number | null; out: string } {
  const r = depcruise(dir, ['--config', '.dependency-cruiser.cjs', ...paths]);
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('dependency rules', () => {
  it('refuses common/ importing anything of ours but layers/', () => {
    const dir = tree({
      'common/contract/x.ts':
        "import { y } from '../../main/store/y.js';\nimport { z } from '../../layers/z.js';\nexport const x = y + z;\n",
      'main/store/y.ts': 'export const y = 1;\n',
      'layers/z.ts': 'export const z = 1;\n',
    });
    const r = cruise(dir, ['common', 'main', 'layers']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/common-is-common: common\/contract\/x\.ts → main\/store\/y\.ts/);
    expect(r.out).not.toMatch(/layers\/z\.ts.*common-is-common|common-is-common.*layers\/z\.ts/);
  });

  it('finds a cycle between folders, not one inside a folder', () => {
    expect(
      folderCycles([
        ['main/store/a.ts', 'main/import/b.ts'],
        ['main/import/b.ts', 'main/import/shapefile/c.ts'],
        ['main/import/shapefile/c.ts', 'main/store/d.ts'],
        ['main/api/e.ts', 'main/store/a.ts'],
      ]).map((c) => c.folders),
    ).toEqual([['main/import', 'main/store']]);
    expect(
      folderCycles([
        ['main/import/a.ts', 'main/import/shapefile/b.ts'],
        ['main/import/shapefile/b.ts', 'main/import/a.ts'],
      ]),
    ).toEqual([]);
  });

  it('sees the folder cycle a real import makes, and none for a type-only one', () => {
    const dir = tree({
      'main/api/a.ts': "import { b } from '../store/b.js';\nexport const a = b;\n",
      'main/store/b.ts': "import type { T } from '../api/t.js';\nexport const b: T = 1;\n",
      'main/api/t.ts': 'export type T = number;\n',
      'main/store/c.ts': "import { a } from '../api/a.js';\nexport const c = a;\n",
    });
    const cycles = folderCycles(cruiseEdges(dir, ['main'], path.join(dir, '.dependency-cruiser.cjs')));
    expect(cycles.map((c) => c.folders)).toEqual([['main/api', 'main/store']]);
    fs.rmSync(path.join(dir, 'main/store/c.ts'));
    expect(folderCycles(cruiseEdges(dir, ['main'], path.join(dir, '.dependency-cruiser.cjs')))).toEqual([]);
  });
});
