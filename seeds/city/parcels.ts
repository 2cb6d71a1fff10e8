/**
 * Blocks -> parcels (地块): each block is cut into strips across its long side, each strip
 * a parcel with its current use (现状, the `parcels` layer), its 总规 class (plan_master) and
 * its 控规 class (plan_regulatory). Outside the planted conflicts the plan classes agree.
 * Codes: 用地用海分类 (layers/landuse); parcel code 地块编码 = block code + strip number.
 */
import { area, clipConvex, rect, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import type { Block } from './blocks.js';
import { stripSpecs, type StripSpec } from './parcel-kinds.js';
import type { HeightFn } from './terrain.js';
import type { Parcel, Status } from './parcel-types.js';

export type { Parcel, Typology } from './parcel-types.js';

function cutStrips(
  block: Block,
  specs: readonly StripSpec[],
): { spec: StripSpec; ring: Ring; span: [number, number]; axis: 'x' | 'y' }[] {
  const b = block.box;
  const axis: 'x' | 'y' = b.maxX - b.minX >= b.maxY - b.minY ? 'x' : 'y';
  const lo = axis === 'x' ? b.minX : b.minY;
  const hi = axis === 'x' ? b.maxX : b.maxY;
  const fixed = specs.reduce((s, sp) => s + sp.widthM, 0);
  const rest = Math.max(0, hi - lo - fixed);
  const restCount = specs.filter((s) => s.widthM === 0).length || 1;
  const spans: { spec: StripSpec; span: [number, number] }[] = [];
  let cursor = lo;
  specs.forEach((spec, i) => {
    const w = spec.widthM === 0 ? rest / restCount : spec.widthM;
    const end = i === specs.length - 1 ? hi : Math.min(hi, Math.round(cursor + w));
    if (end > cursor) spans.push({ spec, span: [cursor, end] });
    cursor = end;
  });
  const ringOf = (span: [number, number]): Ring =>
    clipConvex(
      block.ring,
      axis === 'x' ? rect(span[0], b.minY - 1, span[1], b.maxY + 1) : rect(b.minX - 1, span[0], b.maxX + 1, span[1]),
    );
  // A strip the bank cut to a sliver joins its neighbour, so the strips still cover the block.
  let rings = spans.map((s) => ringOf(s.span));
  for (let k = 0; k < spans.length && spans.length > 1;) {
    const ring = rings[k] as Ring;
    if (ring.length > 0 && area(ring) >= 300) {
      k++;
      continue;
    }
    const into = k > 0 ? k - 1 : k + 1;
    const a = spans[Math.min(k, into)] as { spec: StripSpec; span: [number, number] };
    const c = spans[Math.max(k, into)] as { spec: StripSpec; span: [number, number] };
    const keep = into < k ? a : c;
    const merged = { spec: keep.spec, span: [a.span[0], c.span[1]] as [number, number] };
    spans.splice(Math.min(k, into), 2, merged);
    rings = spans.map((s) => ringOf(s.span));
    k = 0;
  }
  const out: { spec: StripSpec; ring: Ring; span: [number, number]; axis: 'x' | 'y' }[] = [];
  spans.forEach((s, i) => {
    const ring = rings[i] as Ring;
    if (ring.length > 0) out.push({ spec: s.spec, ring, span: s.span, axis });
  });
  return out;
}

export function buildParcels(blocks: readonly Block[], rng: Rng, height: HeightFn): Parcel[] {
  const parcels: Parcel[] = [];
  for (const block of blocks) {
    const r = rng.fork('parcels', block.code);
    const school =
      block.kind === 'residential' && (block.cell.ix + block.cell.iy) % 3 === 0 && block.code.endsWith('-1');
    const strips = cutStrips(block, stripSpecs(block, r, height, school));
    strips.forEach(({ spec, ring, span, axis }, i) => {
      const status: Status = spec.status ?? (spec.typology === 'none' ? 'vacant' : 'built');
      const onCityBank = block.cell.bank === 'city';
      parcels.push({
        dkbm: `${block.code}-${String(i + 1).padStart(2, '0')}`,
        block,
        ring,
        areaM2: area(ring),
        axis,
        span,
        current: spec.current ?? spec.code,
        master: spec.master ?? spec.code,
        reg: spec.reg !== undefined ? spec.reg : onCityBank ? spec.code : null,
        typology: spec.typology,
        status,
        era: block.era,
        name: spec.name ?? '',
        basicFarmland: spec.basicFarmland ?? false,
        ecoForest: spec.ecoForest ?? false,
      });
    });
  }
  return parcels;
}
