/** Orthophoto painters: ground textures, crowns, fields, roads, sports grounds, shadows and roofs. */
import type { City } from '../city/city.js';
import type { Building } from '../city/epochs.js';
import type { Parcel } from '../city/parcels.js';
import type { XY } from '../geo/frame.js';
import { boxOf, clipConvex, rect, type Box, type Ring } from '../geo/polygon.js';
import { hashInts } from '../rng.js';
import { convexHull, type Canvas, type RGB } from './canvas.js';
import { pointInRing } from '../../layers/geom.js';

export const C = {
  paving: [158, 154, 146],
  village: [138, 128, 112],
  industrialGround: [150, 148, 140],
  grass: [92, 124, 62],
  lawn: [104, 138, 70],
  forest: [48, 78, 42],
  orchard: [112, 132, 78],
  floodplain: [146, 146, 108],
  water: [44, 78, 92],
  pond: [52, 88, 84],
  sidewalk: [172, 168, 158],
  asphalt: [78, 80, 84],
  lane: [146, 128, 98],
  soil: [158, 128, 94],
  vacant: [138, 136, 96],
  track: [168, 74, 62],
} as const satisfies Record<string, RGB>;

const CROPS: readonly (readonly [RGB, RGB])[] = [
  [
    [96, 128, 58],
    [108, 140, 66],
  ],
  [
    [122, 138, 70],
    [134, 148, 82],
  ],
  [
    [148, 128, 92],
    [138, 118, 84],
  ],
  [
    [74, 112, 50],
    [84, 122, 56],
  ],
  [
    [170, 160, 96],
    [160, 150, 88],
  ],
];

const ROOFS: Record<Building['use'], readonly RGB[]> = {
  住宅: [
    [186, 180, 170],
    [160, 152, 142],
    [170, 100, 84],
    [124, 128, 136],
  ],
  农村住宅: [
    [158, 92, 72],
    [148, 146, 140],
    [128, 114, 100],
    [170, 110, 90],
  ],
  商业: [
    [138, 138, 144],
    [96, 102, 112],
  ],
  办公: [
    [118, 130, 142],
    [92, 110, 130],
  ],
  工业: [
    [70, 120, 170],
    [192, 192, 186],
    [118, 150, 172],
  ],
  仓储: [
    [200, 200, 194],
    [80, 130, 176],
  ],
  教育: [
    [190, 112, 82],
    [200, 172, 122],
  ],
  医疗: [[228, 228, 222]],
  公共服务: [[172, 162, 150]],
  文化: [[152, 112, 82]],
  市政: [[162, 162, 160]],
};

export function groundOf(p: Parcel): { colour: RGB; kind: 'field' | 'forest' | 'orchard' | 'water' | 'plain' } {
  const code = p.current;
  if (p.status === 'construction' || p.status === 'redevelop' || code === '2301')
    return { colour: code === '2301' && p.status === 'vacant' ? C.vacant : C.soil, kind: 'plain' };
  if (code.startsWith('01')) return { colour: C.grass, kind: 'field' };
  if (code === '0201' || code === '0304') return { colour: C.orchard, kind: 'orchard' };
  if (code.startsWith('03')) return { colour: C.forest, kind: 'forest' };
  if (code.startsWith('17')) return { colour: C.pond, kind: 'water' };
  if (code === '0703') return { colour: C.village, kind: 'plain' };
  if (code.startsWith('10') || code.startsWith('11') || code.startsWith('13'))
    return { colour: C.industrialGround, kind: 'plain' };
  if (code.startsWith('14')) return { colour: C.lawn, kind: 'plain' };
  return { colour: C.paving, kind: 'plain' };
}

export function crowns(
  canvas: Canvas,
  ring: Ring,
  spacingM: number,
  radius: [number, number],
  base: RGB,
  seed: number,
  jitter = 0.45,
): void {
  const b = boxOf(ring);
  const ix0 = Math.floor(b.minX / spacingM);
  const iy0 = Math.floor(b.minY / spacingM);
  const ix1 = Math.ceil(b.maxX / spacingM);
  const iy1 = Math.ceil(b.maxY / spacingM);
  for (let j = iy0; j <= iy1; j++) {
    for (let i = ix0; i <= ix1; i++) {
      const h = hashInts(seed, 3, i, j);
      const x = (i + 0.5 + ((h & 0xff) / 255 - 0.5) * 2 * jitter) * spacingM;
      const y = (j + 0.5 + (((h >>> 8) & 0xff) / 255 - 0.5) * 2 * jitter) * spacingM;
      if (!pointInside(ring, [x, y])) continue;
      const r = radius[0] + (((h >>> 16) & 0xff) / 255) * (radius[1] - radius[0]);
      const tint = (((h >>> 24) & 0xff) / 255 - 0.5) * 24;
      canvas.disk([x, y], r, (k, col, row, t) => {
        // lit from the south-east: brighter on that side of the crown
        const lx = (col * canvas.cellM + canvas.originX - x) / r;
        const ly = (canvas.originY - row * canvas.cellM - y) / r;
        const light = 1 + 0.25 * (lx - ly) * 0.7 - 0.35 * t * t;
        canvas.set(
          k,
          (base[0] + tint) * light + canvas.grain(col, row) * 6,
          (base[1] + tint) * light + canvas.grain(row, col) * 6,
          (base[2] + tint * 0.5) * light,
        );
      });
    }
  }
}

function pointInside(ring: Ring, p: XY): boolean {
  return pointInRing(p[0], p[1], ring);
}

export function paintFields(canvas: Canvas, p: Parcel, seed: number): void {
  const h = hashInts(seed, 5, p.ring.length, Math.round(p.areaM2));
  const [c0, c1] = CROPS[h % CROPS.length] as readonly [RGB, RGB];
  const stripe = 2.5 + (h % 3);
  const b = boxOf(p.ring);
  const alongX = b.maxX - b.minX < b.maxY - b.minY;
  canvas.fill([p.ring], (i, col, row) => {
    const m = alongX ? col * canvas.cellM : row * canvas.cellM;
    const c = Math.floor(m / stripe) % 2 === 0 ? c0 : c1;
    canvas.tone(i, col, row, c, 8, 5);
  });
}

export function paintRoads(canvas: Canvas, city: City): void {
  for (const m of city.plans.master) {
    if (m.dlbm === '1207') canvas.fill([m.ring], (i, col, row) => canvas.tone(i, col, row, C.sidewalk, 5, 4));
    if (m.dlbm === '0601') canvas.fill([m.ring], (i, col, row) => canvas.tone(i, col, row, C.lane, 8, 8));
  }
  const district = city.river.district;
  for (const piece of city.network.pieces) {
    const sidewalk = piece.road.widthM >= 30 ? 5 : piece.road.widthM >= 16 ? 3.5 : 2;
    const half = piece.road.widthM / 2 - sidewalk;
    for (let k = 1; k < piece.line.length; k++) {
      const a = piece.line[k - 1] as XY;
      const b = piece.line[k] as XY;
      const carriage = clipConvex(bandOf(a, b, half), district);
      if (carriage.length === 0) continue;
      canvas.fill([carriage], (i, col, row) => canvas.tone(i, col, row, C.asphalt, 4, 5));
      if (piece.road.grade !== '支路') {
        // centre line: yellow double line on arterials, white dashes on secondary roads
        const centre = clipConvex(bandOf(a, b, 0.15), district);
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        canvas.fill([centre], (i, col, row) => {
          const x = col * canvas.cellM + canvas.originX - a[0];
          const y = canvas.originY - row * canvas.cellM - a[1];
          const s = (x * (b[0] - a[0]) + y * (b[1] - a[1])) / len;
          if (piece.road.grade === '主干路') canvas.set(i, 214, 180, 60);
          else if (s % 9 < 4) canvas.set(i, 222, 222, 214);
        });
      }
    }
    if (!piece.bridge) streetTrees(canvas, piece.line, piece.road.widthM / 2 - sidewalk / 2, city.seed);
  }
}

function bandOf(a: XY, b: XY, half: number): Ring {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const nx = (-(b[1] - a[1]) / len) * half;
  const ny = ((b[0] - a[0]) / len) * half;
  const ring: Ring = [
    [a[0] + nx, a[1] + ny],
    [a[0] - nx, a[1] - ny],
    [b[0] - nx, b[1] - ny],
    [b[0] + nx, b[1] + ny],
  ];
  // counter-clockwise for the convex clipper
  const area2 = ring.reduce(
    (s, p, i) => s + p[0] * (ring[(i + 1) % 4] as XY)[1] - (ring[(i + 1) % 4] as XY)[0] * p[1],
    0,
  );
  return area2 < 0 ? ring.reverse() : ring;
}

function streetTrees(canvas: Canvas, line: readonly XY[], offsetM: number, seed: number): void {
  for (let k = 1; k < line.length; k++) {
    const a = line[k - 1] as XY;
    const b = line[k] as XY;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    for (let s = 12; s < len - 12; s += 7) {
      for (const side of [1, -1]) {
        const h = hashInts(seed, 9, Math.round(a[0] + s), Math.round(a[1] + side * 7));
        if ((h & 7) === 0) continue;
        const p: XY = [
          a[0] + ((b[0] - a[0]) * s) / len + nx * offsetM * side,
          a[1] + ((b[1] - a[1]) * s) / len + ny * offsetM * side,
        ];
        const r = 2 + ((h >>> 8) & 0xff) / 255;
        canvas.disk(p, r, (i, col, row, t) =>
          canvas.set(
            i,
            (62 + canvas.grain(col, row) * 8) * (1.1 - 0.35 * t),
            (96 + canvas.grain(row, col) * 8) * (1.1 - 0.35 * t),
            46 * (1.1 - 0.35 * t),
          ),
        );
      }
    }
  }
}

export function paintTrack(canvas: Canvas, track: Box): void {
  const cx = (track.minX + track.maxX) / 2;
  const cy = (track.minY + track.maxY) / 2;
  const w = track.maxX - track.minX;
  const h = track.maxY - track.minY;
  const r = h / 2;
  const straight = Math.max(0, w / 2 - r);
  canvas.fill([rect(track.minX, track.minY, track.maxX, track.maxY)], (i, col, row) => {
    const x = col * canvas.cellM + canvas.originX - cx;
    const y = canvas.originY - row * canvas.cellM - cy;
    const dx = Math.max(0, Math.abs(x) - straight);
    const d = Math.hypot(dx, y);
    if (d > r) return;
    if (d > r - 8) {
      const lane = Math.floor((r - d) / 1.22) % 2 === 0;
      canvas.tone(i, col, row, C.track, 3, 4);
      if (lane && (r - d) % 1.22 < canvas.cellM) canvas.set(i, 230, 230, 225);
    } else {
      canvas.tone(i, col, row, [78, 132, 60], 4, 6);
    }
  });
}

export function paintBuildings(canvas: Canvas, buildings: readonly Building[], seed: number): void {
  // sun azimuth ~150 deg (SSE), elevation ~40 deg: shadow length ~1.2 x height towards NNW
  const sx = -0.42;
  const sy = 0.73;
  for (const b of buildings) {
    const s = b.s2024;
    if (!s) continue;
    const l = Math.min(s.heightM, 60) * 0.85;
    const pts = s.ring.flatMap((p) => [p, [p[0] + sx * l, p[1] + sy * l] as XY]);
    canvas.fill([convexHull(pts)], (i) => canvas.scale(i, 0.55));
  }
  for (const b of buildings) {
    const s = b.s2024;
    if (!s) continue;
    const palette = ROOFS[b.use];
    const h = hashInts(seed, 13, Math.round(s.ring[0]?.[0] ?? 0), Math.round(s.ring[0]?.[1] ?? 0));
    const base = palette[h % palette.length] as RGB;
    const v = ((h >>> 8) % 21) - 10;
    const box = boxOf(s.ring);
    const ridgeAlongX = box.maxX - box.minX >= box.maxY - box.minY;
    const edge = canvas.cellM * 1.2;
    canvas.fill([s.ring], (i, col, row) => {
      const x = col * canvas.cellM + canvas.originX;
      const y = canvas.originY - row * canvas.cellM;
      const nearEdge = x - box.minX < edge || box.maxX - x < edge || y - box.minY < edge || box.maxY - y < edge;
      let f = nearEdge ? 0.78 : 1;
      if ((b.use === '工业' || b.use === '仓储') && Math.floor((ridgeAlongX ? y : x) / 1.5) % 2 === 0) f *= 0.93;
      if (b.use === '农村住宅' || (b.use === '住宅' && s.floors <= 3)) {
        // pitched tile roofs: the south-facing half lighter
        const mid = ridgeAlongX ? (box.minY + box.maxY) / 2 : (box.minX + box.maxX) / 2;
        if ((ridgeAlongX ? y : x) < mid) f *= 1.08;
      }
      canvas.set(
        i,
        (base[0] + v + canvas.grain(col, row) * 3) * f,
        (base[1] + v + canvas.grain(row, col) * 3) * f,
        (base[2] + v) * f,
      );
    });
  }
}
