import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, SHARED, tempDir } from '../helpers.js';

function cim(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface OgrLayer {
  name: string;
  featureCount: number;
  extent: [number, number, number, number] | null;
  fields: string[];
}

/** Parses `ogrinfo -al -so` text (GDAL 3.6 has no -json for ogrinfo). */
function ogrinfo(file: string): OgrLayer[] {
  const text = execFileSync('ogrinfo', ['-al', '-so', file], { encoding: 'utf8' });
  return text
    .split(/\n(?=Layer name: )/)
    .filter((block) => block.startsWith('Layer name: '))
    .map((block) => {
      const ext = /Extent: \((\S+), (\S+)\) - \((\S+), (\S+)\)/.exec(block);
      const fieldLines = block
        .split('\n')
        .filter((l) => /^\S.*: (String|Integer|Integer64|Real|Date|DateTime)/.test(l));
      return {
        name: /Layer name: (.*)/.exec(block)?.[1]?.trim() ?? '',
        featureCount: Number(/Feature Count: (\d+)/.exec(block)?.[1]),
        extent: ext ? [Number(ext[1]), Number(ext[2]), Number(ext[3]), Number(ext[4])] : null,
        fields: fieldLines.map((l) => l.split(':')[0] ?? ''),
      };
    });
}

describe('cim import', () => {
  it('imports with --json and GDAL reads every layer with its count and extent', () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    const a = cim(['import', path.join(SHARED, 'crs-china/parcels_wgs84.geojson'), '--workspace', ws, '--json']);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ resultLayer: 'parcels_wgs84', count: 120 });
    const b = cim([
      'import',
      path.join(FIXTURES, 'geojson/mixed.geojson'),
      '--workspace',
      ws,
      '--name',
      '测试点',
      '--json',
    ]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ resultLayer: '测试点', count: 3 });

    const layers = ogrinfo(ws);
    expect(layers.map((l) => l.name).sort()).toEqual(['cim_layers', 'parcels_wgs84', '测试点']);
    const parcels = layers.find((l) => l.name === 'parcels_wgs84');
    const reference = ogrinfo(path.join(SHARED, 'crs-china/parcels_wgs84.geojson'))[0];
    expect(parcels?.featureCount).toBe(120);
    expect(parcels?.extent).toEqual(reference?.extent);
    expect(parcels?.fields).toEqual(reference?.fields);
    expect(parcels?.fields).toContain('用地名称');
    const points = layers.find((l) => l.name === '测试点');
    expect(points?.featureCount).toBe(3);
    const ext = points?.extent ?? [];
    // gdaltransform -s_srs EPSG:4526 -t_srs EPSG:4326 of the two points; ogrinfo prints 6 decimals
    expect(ext[0]).toBeCloseTo(114, 6);
    expect(ext[1]).toBeCloseTo(32.9932550638677, 6);
    expect(ext[2]).toBeCloseTo(114.010700815641, 6);
    expect(ext[3]).toBeCloseTo(33.0022713786527, 6);
  });

  it('fails with exit 1 and one line naming the file and record', () => {
    const ws = path.join(tempDir(), 'w.gpkg');
    const r = cim(['import', path.join(FIXTURES, 'bad/broken-geometry.geojson'), '--workspace', ws]);
    expect(r.code).toBe(1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('cim:'));
    expect(lines).toEqual([
      'cim: broken-geometry.geojson, record 2: broken geometry: position [112.53,"x"] is not two finite numbers',
    ]);
  });

  it('speaks Chinese when the locale is Chinese', () => {
    const r = cim(['import', path.join(FIXTURES, 'bad/empty.geojson'), '--workspace', path.join(tempDir(), 'w.gpkg')], {
      CIM_LANG: 'zh_CN.UTF-8',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.geojson 是空文件（0 字节）');
  });

  it('exits 2 on bad arguments', () => {
    expect(cim(['import']).code).toBe(2);
    expect(cim(['import', 'a.geojson', '--bogus']).code).toBe(2);
    expect(cim(['nonsense']).code).toBe(2);
    expect(cim(['import', 'a.geojson']).code).toBe(2);
  });

  it('lists and exports layers; GDAL reads the export with the same Chinese text', () => {
    const dir = tempDir();
    const ws = path.join(dir, 'w.gpkg');
    cim(['import', path.join(SHARED, 'crs-china/parcels_wgs84.geojson'), '--workspace', ws]);
    const list = JSON.parse(cim(['layers', '--workspace', ws, '--json']).stdout) as { count: number };
    expect(list.count).toBe(1);
    const out = path.join(dir, 'out.gpkg');
    const e = cim(['export', 'parcels_wgs84', '--workspace', ws, '--format', 'gpkg', '--out', out, '--json']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ count: 120, format: 'gpkg' });
    const text = execFileSync('ogrinfo', ['-al', '-q', '-fid', '1', out], { encoding: 'utf8' });
    const src = execFileSync(
      'ogrinfo',
      ['-al', '-q', '-fid', '0', path.join(SHARED, 'crs-china/parcels_wgs84.geojson')],
      { encoding: 'utf8' },
    );
    const name = /用地名称 \(String\) = (.*)/.exec(src)?.[1];
    expect(name).toBeTruthy();
    expect(text).toContain(`用地名称 (String) = ${name ?? ''}`);
  });
});
