/**
 * Phase 1 of the planted plan conflicts: parcel classes changed before the buildings are laid
 * out (an industrial parcel outside the 城镇开发边界, a village planned onto 永久基本农田, 控规
 * classes that differ from the 总规, a pond in the 控规, a temple in the hill 生态保护红线).
 */
import type { Rng } from '../rng.js';
import type { Parcel } from './parcels.js';

type ParcelPlantKind =
  | 'industrialOutsideUdb'
  | 'villageOnFarmland'
  | 'regCommercialOverResidential'
  | 'regResidentialOverShops'
  | 'regResidentialOverIndustrial'
  | 'pondInPlan'
  | 'templeInEcoLine';

export interface ParcelPlant {
  kind: ParcelPlantKind;
  dkbm: string;
}

function pickFirst(
  parcels: readonly Parcel[],
  rng: Rng,
  pred: (p: Parcel) => boolean,
  used: Set<string>,
): Parcel | null {
  const pool = parcels.filter((p) => pred(p) && !used.has(p.dkbm));
  if (pool.length === 0) return null;
  const p = pool[Math.floor(rng.next() * pool.length)] as Parcel;
  used.add(p.dkbm);
  return p;
}

/** Phase 1: class changes, made before buildings are laid out. */
export function plantParcelConflicts(parcels: Parcel[], rng: Rng, scale: 'small' | 'full'): ParcelPlant[] {
  const plants: ParcelPlant[] = [];
  const used = new Set<string>();
  const rural = (p: Parcel): boolean => p.block.cell.bank === 'rural';
  const neighbours = (p: Parcel): Parcel[] => parcels.filter((q) => q.block === p.block && q !== p);

  const factory = pickFirst(
    parcels,
    rng.fork('C'),
    (p) =>
      rural(p) && !p.basicFarmland && !p.ecoForest && (p.current === '0102' || p.current === '0103') && p.areaM2 > 6000,
    used,
  );
  if (factory) {
    factory.current = '1001';
    factory.master = '1001';
    factory.typology = 'industrial';
    factory.status = 'built';
    factory.name = '村办砖瓦厂';
    plants.push({ kind: 'industrialOutsideUdb', dkbm: factory.dkbm });
  }
  const expansion =
    pickFirst(
      parcels,
      rng.fork('D'),
      (p) => rural(p) && p.basicFarmland && neighbours(p).some((q) => q.current === '0703'),
      used,
    ) ?? pickFirst(parcels, rng.fork('D2'), (p) => rural(p) && p.basicFarmland, used);
  if (expansion) {
    expansion.master = '0703';
    plants.push({ kind: 'villageOnFarmland', dkbm: expansion.dkbm });
  }
  const cityBuilt = (p: Parcel): boolean =>
    p.block.cell.bank === 'city' && p.status === 'built' && p.block.kind !== 'fringe';
  const commercial = pickFirst(
    parcels,
    rng.fork('H1'),
    (p) => cityBuilt(p) && p.typology === 'residential' && p.reg === '0701' && neighbours(p).length > 0,
    used,
  );
  if (commercial) {
    commercial.reg = '0901';
    plants.push({ kind: 'regCommercialOverResidential', dkbm: commercial.dkbm });
  }
  const shops = pickFirst(parcels, rng.fork('H2'), (p) => cityBuilt(p) && p.typology === 'shops', used);
  if (shops) {
    shops.reg = '0701';
    plants.push({ kind: 'regResidentialOverShops', dkbm: shops.dkbm });
  }
  if (scale === 'full') {
    const works = pickFirst(parcels, rng.fork('H3'), (p) => cityBuilt(p) && p.typology === 'industrial', used);
    if (works) {
      works.reg = '0701';
      plants.push({ kind: 'regResidentialOverIndustrial', dkbm: works.dkbm });
    }
    const temple = pickFirst(parcels, rng.fork('K'), (p) => rural(p) && p.ecoForest && p.areaM2 > 5000, used);
    if (temple) {
      temple.master = '1503';
      temple.current = '1503';
      temple.typology = 'culture';
      temple.status = 'built';
      temple.name = '独山玉皇顶庙';
      plants.push({ kind: 'templeInEcoLine', dkbm: temple.dkbm });
    }
  }
  const pond = pickFirst(
    parcels,
    rng.fork('I'),
    (p) => cityBuilt(p) && (p.typology === 'community' || p.typology === 'shops'),
    used,
  );
  if (pond) {
    pond.current = '1704';
    pond.reg = '1704';
    pond.typology = 'none';
    pond.status = 'vacant';
    pond.name = '坑塘';
    plants.push({ kind: 'pondInPlan', dkbm: pond.dkbm });
  }
  return plants;
}
