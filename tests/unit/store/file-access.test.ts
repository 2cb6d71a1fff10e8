/**
 * The rule of main/store/files.ts, checked on the sources: no code in a process that holds
 * SQLite connections opens, reads, copies or streams a workspace file (`.gpkg`, `-wal`,
 * `-shm`) with `fs` — closing such a descriptor drops SQLite's locks and loses data (issue
 * #10). The audited module is main/store/files.ts. Every other file that reads or writes
 * files with `fs` is listed below with the reason its paths are never a workspace: a new one
 * fails this test until someone has looked and written the reason down (a ratchet: the list
 * only shrinks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTilePath } from '../../../main/api/external-tiles.js';
import { ROOT, tempDir } from '../helpers.js';

const AUDITED = 'main/store/files.ts';
/** Code that runs in the workstation's processes (tests, scripts and bench run apart). */
const SOURCE_ROOTS = ['main', 'tiles', 'seeds', 'common', 'layers'];

const OPENING_CALLS = [
  'open',
  'openSync',
  'openAsBlob',
  'readFile',
  'readFileSync',
  'readSync',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'createReadStream',
  'createWriteStream',
];

/** file -> why the files it opens are never a workspace or its sidecars. */
const OPENS_FILES: Readonly<Record<string, string>> = {
  'main/analysis/multiplan/rules-csv.ts': 'a rules CSV the user names',
  'main/analysis/sunlight/entry.ts': 'a GeoJSON file of points the user names (cim analyze sunlight --points)',
  'main/analysis/sunlight/read-scheme.ts': "a scheme tileset's tileset.json",
  'main/analysis/worker-bundle.ts': "the analysis workers' bundle manifest in their temporary folder",
  'main/api/create-backend.ts': "an upload's bytes into the host's temporary uploads folder",
  'main/app/protocol.ts':
    'tiles, and finished export files in the temporary folder; a GeoPackage export is a new file its writer closed before renaming it into place (export-layer.ts)',
  'main/i18n/catalog.ts': 'the locale JSON files',
  'main/export/export-layer.ts':
    "a new export's text, or a shapefile's parts read back into its zip, all in partial files it made itself",
  'main/export/shapefile-writer.ts': "a shapefile's .shp/.shx/.dbf/.prj/.cpg",
  'main/host/server.ts': "the renderer's static files, tiles, and finished export files (see main/app/protocol.ts)",
  'main/import/bytes.ts': "a shapefile's parts",
  'main/import/cityjson/reader.ts': 'a CityJSON source',
  'main/import/csv/reader.ts': 'a CSV source',
  'main/cases/import-cases.ts': 'a CSV of cases from another city system (a .gpkg is opened by SQLite, read-only)',
  'main/cli/style-command.ts': 'a QGIS .qml style read or written (`cim style import|export`), never a workspace file',
  'main/import/dxf/reader.ts': 'a DXF source',
  'main/import/geojson.ts': 'a GeoJSON source',
  'main/import/json-scan.ts': 'a JSON source, scanned in chunks',
  'main/import/kml/reader.ts': 'a KML/KMZ source',
  'main/import/model/gltf-reader.ts': 'a glTF/GLB model and its buffers',
  'main/import/registry.ts': 'the head of a .json source, to tell GeoJSON, CityJSON and 3D Tiles apart',
  'main/import/shapefile/parts.ts': "a shapefile's parts or its zip",
  'main/import/tileset/reader.ts': "a 3D Tiles tileset.json and its tiles' headers",
  'main/pg/connection.ts': "the user's ~/.pgpass (PGPASSFILE), for a PostGIS password",
  'main/report/write-pdf.ts': 'the PDF report it writes',
  'tiles/raster/tiff-check.ts': "a GeoTIFF source's header",
  'tiles/tiles3d/heights.ts': "a terrain layer's layer.json and heightmap tiles",
};

/** Node's recursive mkdir spins for ever below /proc; these make folders where it cannot happen. */
const RECURSIVE_MKDIR: Readonly<Record<string, string>> = {
  'main/app/electron-entry.ts': "Electron's user data folder",
  'main/analysis/worker-bundle.ts': 'a folder in the system temporary folder',
  'main/api/create-backend.ts': "an upload folder inside the host's temporary folder",
  'main/tiles-jobs/output.ts': "folders inside an existing workspace's tiles folder",
  'tiles/tiles3d/build-city.ts': 'folders inside the staging tiles folder',
  'tiles/tiles3d/build-buildings.ts': 'folders inside the staging tiles folder',
  'tiles/imagery/unit.ts': 'folders inside the staging tiles folder',
  'tiles/terrain/unit.ts': 'folders inside the staging tiles folder',
};

function sources(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mjs|cjs)$/.test(entry.name)) out.push([rel, fs.readFileSync(path.join(ROOT, rel), 'utf8')]);
    }
  };
  for (const root of SOURCE_ROOTS) walk(root);
  return out;
}

/** Every call of an fs function that opens a file: `fs.readFileSync(x)`, or a bare imported `createReadStream(x)`. */
export function openingCalls(text: string): { call: string; args: string }[] {
  const bare = new Set<string>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:node:)?fs(?:\/promises)?'/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name && OPENING_CALLS.includes(name)) bare.add(alias ?? name);
    }
  }
  const names = OPENING_CALLS.join('|');
  const qualified = new RegExp(`\\b(?:fs|fsp|promises)\\.(${names})\\s*\\(([^;]*)`, 'g');
  const calls = [...text.matchAll(qualified)].map((m) => ({ call: m[1] ?? '', args: m[2] ?? '' }));
  if (bare.size > 0) {
    const plain = new RegExp(`(?<![.\\w])(${[...bare].join('|')})\\s*\\(([^;]*)`, 'g');
    calls.push(...[...text.matchAll(plain)].map((m) => ({ call: m[1] ?? '', args: m[2] ?? '' })));
  }
  return calls;
}

/** What names a workspace file in a call's arguments. */
const WORKSPACE_PATH = /gpkg|workspace|-wal|-shm|-journal/i;

describe('no fs access to workspace files outside main/store/files.ts', () => {
  const files = sources();

  it('finds the calls it looks for (the scanner is not blind)', () => {
    expect(openingCalls("import fs from 'node:fs';\nfs.readFileSync(file, 'utf8');")).toEqual([
      { call: 'readFileSync', args: "file, 'utf8')" },
    ]);
    expect(openingCalls("import { createReadStream as crs } from 'node:fs';\nconst s = crs(ws.gpkg);")).toEqual([
      { call: 'crs', args: 'ws.gpkg)' },
    ]);
    expect(files.find(([f]) => f === 'main/store/connection.ts')).toBeDefined();
  });

  it('no call opens, reads, copies or streams a path that names a workspace', () => {
    const offending = files.flatMap(([file, text]) =>
      openingCalls(text)
        .filter((c) => WORKSPACE_PATH.test(c.args))
        .map((c) => `${file}: ${c.call}(${c.args.slice(0, 80)}`),
    );
    expect(offending).toEqual([]);
  });

  it('every other file that opens files with fs is listed with its reason, and no listed file has stopped', () => {
    const opening = files
      .filter(([file, text]) => file !== AUDITED && openingCalls(text).length > 0)
      .map(([file]) => file)
      .sort();
    expect(opening).toEqual(Object.keys(OPENS_FILES).sort());
  });

  it("the SQLite sidecars' names are spelled only in the audited module", () => {
    const spelled = files
      .filter(
        ([file, text]) =>
          file !== AUDITED && /'-(wal|shm|journal)'|"-(wal|shm|journal)"|\}-(wal|shm|journal)`/.test(text),
      )
      .map(([file]) => file);
    expect(spelled).toEqual([]);
  });

  it("Node's recursive mkdir is used only where /proc cannot be the place", () => {
    const recursive = files
      .filter(([, text]) => /mkdirSync\([^;]*recursive:\s*true/.test(text))
      .map(([file]) => file)
      .sort();
    expect(recursive).toEqual(Object.keys(RECURSIVE_MKDIR).sort());
  });
});

describe('the tile server', () => {
  it('never serves a workspace file, even one lying in a registered tileset folder', () => {
    const data = tempDir();
    for (const f of ['tileset.json', 'w.gpkg', 'w.gpkg-wal', 'w.gpkg-shm', 'W.GPKG'])
      fs.writeFileSync(path.join(data, f), '');
    const resolve = (p: string): string | null => resolveTilePath(data, p, (layer) => (layer === 'city' ? data : null));
    expect(resolve('ext/city/tileset.json')).toBe(fs.realpathSync(path.join(data, 'tileset.json')));
    expect(resolve('tileset.json')).toBe(path.join(data, 'tileset.json'));
    for (const p of [
      'ext/city/w.gpkg',
      'ext/city/w.gpkg-wal',
      'ext/city/w.gpkg-shm',
      'ext/city/W.GPKG',
      'w.gpkg',
      'w.gpkg-wal',
    ]) {
      expect(resolve(p), p).toBeNull();
    }
  });
});
