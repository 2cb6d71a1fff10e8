import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { geojsonReader } from '../../../main/import/geojson.js';
import { scanFeatureCollection, type ScanEvent } from '../../../main/import/json-scan.js';
import { tempDir } from '../helpers.js';

function write(text: string | Buffer, name = 'x.geojson'): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

function scanAll(file: string): {
  events: ScanEvent[];
  outcome: ReturnType<typeof scanFeatureCollection> extends Generator<ScanEvent, infer R> ? R : never;
} {
  const gen = scanFeatureCollection(file);
  const events: ScanEvent[] = [];
  for (let step = gen.next(); ; step = gen.next()) {
    if (step.done) return { events, outcome: step.value };
    events.push(step.value);
  }
}

const feature = (name: string, x: number): string =>
  `{"type":"Feature","properties":{"名称":${JSON.stringify(name)}},"geometry":{"type":"Point","coordinates":[${String(x)},33]}}`;

describe('streaming FeatureCollection scan', () => {
  it('splits features, keeps strings with braces, brackets and escaped quotes intact', () => {
    const tricky = 'a}b]c{"d\\"e\\\\';
    const file = write(
      `\uFEFF{"type":"FeatureCollection","name":"t","features":[\n${feature(tricky, 112)},\n${feature('二', 113)}\n],"crs":{"type":"name","properties":{"name":"EPSG:4490"}}}`,
    );
    const { events, outcome } = scanAll(file);
    const features = events.flatMap((e) => (e.kind === 'feature' ? [e] : []));
    expect(features).toHaveLength(2);
    expect((JSON.parse(features[0]?.text ?? '') as { properties: { 名称: string } }).properties.名称).toBe(
      JSON.parse(JSON.stringify(tricky)),
    );
    expect(features.map((f) => f.line)).toEqual([2, 3]);
    const members = events.flatMap((e) => (e.kind === 'member' ? [[e.key, e.text]] : []));
    expect(members).toEqual([
      ['type', '"FeatureCollection"'],
      ['name', '"t"'],
      ['crs', '{"type":"name","properties":{"name":"EPSG:4490"}}'],
    ]);
    expect(outcome).toEqual({ sawFeatures: true, truncated: null, firstByte: 0x7b });
  });

  it('joins a feature that spans read chunks (over 1 MiB)', () => {
    const long = '长'.repeat(400_000); // 1.2 MB of UTF-8 in one property
    const file = write(`{"type":"FeatureCollection","features":[${feature(long, 112)},${feature('b', 113)}]}`);
    const texts = scanAll(file).events.flatMap((e) => (e.kind === 'feature' ? [e.text] : []));
    expect(texts).toHaveLength(2);
    expect((JSON.parse(texts[0] ?? '') as { properties: { 名称: string } }).properties.名称).toBe(long);
  });

  it('jumps over strings split by the 1 MiB read boundary at any byte, escapes included', () => {
    const CHUNK = 1 << 20;
    const value = 'q"\\"r\\\\}"s\\';
    const encoded = JSON.stringify(value);
    for (let split = 0; split <= encoded.length; split++) {
      // A first feature pads the file so that the boundary falls `split` bytes into the value.
      const head = '{"type":"FeatureCollection","features":[';
      const probe = `${head}${feature('', 1)},{"type":"Feature","properties":{"名称":`;
      const pad = CHUNK - split - Buffer.byteLength(probe);
      const before = `${head}${feature('p'.repeat(pad), 1)},{"type":"Feature","properties":{"名称":`;
      expect(Buffer.byteLength(before) + split).toBe(CHUNK);
      const file = write(`${before}${encoded}},"geometry":{"type":"Point","coordinates":[113,33]}}\n]}`);
      const { events, outcome } = scanAll(file);
      const texts = events.flatMap((e) => (e.kind === 'feature' ? [e.text] : []));
      expect(texts, `split ${String(split)}`).toHaveLength(2);
      expect((JSON.parse(texts[1] ?? '') as { properties: { 名称: string } }).properties.名称).toBe(value);
      expect(outcome.truncated).toBeNull();
    }
  });

  it('reports where a truncated file ends', () => {
    const file = write(
      `{"type":"FeatureCollection","features":[\n${feature('a', 1)},\n{"type":"Feature","properties":{`,
    );
    expect(scanAll(file).outcome.truncated).toEqual({ line: 3, column: 32 });
  });
});

describe('GeoJSON reader on awkward files', () => {
  async function open(text: string) {
    const file = write(text);
    return geojsonReader.open({ path: file, fileName: 'x.geojson' }, {});
  }

  it('honours a crs member written after the features', async () => {
    const src = await open(
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[38500000,3652000]}}],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4526"}}}`,
    );
    expect(src.layers[0]?.crs).toBe('EPSG:4526');
    const [f] = [...(src.layers[0]?.features() ?? [])];
    expect(f?.geometry?.type === 'Point' ? f.geometry.coordinates[0] : NaN).toBeCloseTo(114, 9);
  });

  it('reads a lone Feature and a bare geometry', async () => {
    expect((await open(feature('一', 112))).layers[0]?.featureCount).toBe(1);
    expect((await open('{"type":"Point","coordinates":[112,33]}')).layers[0]?.geometryType).toBe('POINT');
  });

  it.each([
    ['[1,2,3]', 'import.not_geojson'],
    ['{"type":"FeatureCollection","features":{}}', 'import.features_not_array'],
    ['{"type":"Topology"}', 'import.not_geojson'],
    [
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}, 5]}',
      'import.bad_feature',
    ],
    ['{"type":"FeatureCollection","features":[{"type":"Feature" "geometry":null}]}', 'import.bad_json'],
  ])('refuses %s with %s', async (text, code) => {
    const err = await open(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CimError);
    expect((err as CimError).code).toBe(code);
  });
});
