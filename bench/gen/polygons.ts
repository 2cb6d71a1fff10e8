/**
 * Deterministic parcel generator for the import benchmark: N simple polygons of 5-8
 * vertices laid out on a ~50 m grid centred on Nanyang (112.5E, 33.0N), one parcel per
 * cell so none overlap, with the attributes a 控规 parcel layer carries.
 *
 * Same (count, seed) -> byte-identical file; the runner records its SHA-256.
 *   npx tsx bench/gen/polygons.ts OUT.geojson [--features N] [--seed S] [--offset-m E,N]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

export interface GeneratedFile {
  path: string;
  features: number;
  vertices: number;
  bytes: number;
  sha256: string;
}

const CENTRE_LON_LAT = [112.5, 33.0] as const;
const CELL_M = 50;
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((CENTRE_LON_LAT[1] * Math.PI) / 180);

/** 《国土空间调查、规划、用途管制用地用海分类指南》 second-level codes (GB/T 21010-2017 successor). */
const LAND_USE: readonly (readonly [code: string, name: string])[] = [
  ['0701', '城镇住宅用地'],
  ['0702', '城镇社区服务设施用地'],
  ['0801', '机关团体用地'],
  ['0803', '文化用地'],
  ['0804', '教育用地'],
  ['0806', '医疗卫生用地'],
  ['0901', '商业用地'],
  ['1001', '工业用地'],
  ['1101', '物流仓储用地'],
  ['1207', '城镇道路用地'],
  ['1401', '公园绿地'],
];

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One parcel as a counter-clockwise ring in local metres around its cell centre (RFC 7946 §3.1.6). */
function parcelRingM(rand: () => number): [number, number][] {
  const n = 5 + Math.floor(rand() * 4);
  const angles = Array.from({ length: n }, (_, i) => ((i + 0.2 + rand() * 0.6) / n) * 2 * Math.PI);
  const ring = angles.map((a): [number, number] => {
    const r = CELL_M * (0.2 + rand() * 0.25);
    return [r * Math.cos(a), r * Math.sin(a)];
  });
  ring.push(ring[0] as [number, number]);
  return ring;
}

function shoelaceAreaM2(ring: [number, number][]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

function featureJson(
  index: number,
  gridSide: number,
  rand: () => number,
  offsetM: readonly [number, number],
): { json: string; vertices: number } {
  const col = index % gridSide;
  const row = Math.floor(index / gridSide);
  const half = (gridSide * CELL_M) / 2;
  const cx = (col + 0.5) * CELL_M - half + offsetM[0] + (rand() - 0.5) * 4;
  const cy = (row + 0.5) * CELL_M - half + offsetM[1] + (rand() - 0.5) * 4;
  const ringM = parcelRingM(rand);
  const lonLat = ringM.map(([x, y]) => [
    Number((CENTRE_LON_LAT[0] + (cx + x) / M_PER_DEG_LON).toFixed(7)),
    Number((CENTRE_LON_LAT[1] + (cy + y) / M_PER_DEG_LAT).toFixed(7)),
  ]);
  const [code, name] = LAND_USE[Math.floor(rand() * LAND_USE.length)] as readonly [string, string];
  const properties = {
    编号: `NY-${String(index + 1).padStart(6, '0')}`,
    用地代码: code,
    用地名称: name,
    层数: 1 + Math.floor(rand() * 33),
    面积: Number(shoelaceAreaM2(ringM).toFixed(2)),
  };
  const geometry = { type: 'Polygon', coordinates: [lonLat] };
  return { json: JSON.stringify({ type: 'Feature', properties, geometry }), vertices: ringM.length - 1 };
}

/**
 * `offsetM` shifts the whole grid (metres east, north): a second layer made with another
 * seed and an offset overlaps the first the way two plans of one district do (the overlay
 * benchmark), while each layer on its own stays free of overlaps.
 */
export function generatePolygons(
  outPath: string,
  features: number,
  seed = 20240601,
  offsetM: readonly [number, number] = [0, 0],
): GeneratedFile {
  const rand = mulberry32(seed);
  const gridSide = Math.ceil(Math.sqrt(features));
  const hash = createHash('sha256');
  const fd = fs.openSync(outPath, 'w');
  let bytes = 0;
  let vertices = 0;
  const write = (s: string): void => {
    const buf = Buffer.from(s, 'utf8');
    hash.update(buf);
    fs.writeSync(fd, buf);
    bytes += buf.length;
  };
  try {
    write('{"type":"FeatureCollection","name":"parcels","features":[\n');
    let chunk: string[] = [];
    for (let i = 0; i < features; i++) {
      const f = featureJson(i, gridSide, rand, offsetM);
      vertices += f.vertices;
      chunk.push(f.json);
      if (chunk.length === 2000 || i === features - 1) {
        write(chunk.join(',\n') + (i === features - 1 ? '\n' : ',\n'));
        chunk = [];
      }
    }
    write(']}\n');
  } finally {
    fs.closeSync(fd);
  }
  return { path: outPath, features, vertices, bytes, sha256: hash.digest('hex') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      features: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20240601' },
      'offset-m': { type: 'string', default: '0,0' },
    },
  });
  const [east = 0, north = 0] = values['offset-m'].split(',').map(Number);
  const out = positionals[0];
  if (!out) {
    process.stderr.write('usage: tsx bench/gen/polygons.ts OUT.geojson [--features N] [--seed S] [--offset-m E,N]\n');
    process.exit(2);
  }
  const generated = generatePolygons(out, Number(values.features), Number(values.seed), [east, north]);
  process.stdout.write(JSON.stringify(generated) + '\n');
}
