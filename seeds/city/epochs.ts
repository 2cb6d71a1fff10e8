/**
 * Two survey epochs (2022 and 2024) of the buildings, the planning permits (建设工程规划许可证)
 * issued between them, and the planted illegal builds. Buildings keep their id across epochs;
 * between the surveys some are new, demolished, extended or raised. Legal changes have a
 * permit whose footprint and height the building matches; illegal ones differ from their
 * permit by a known area or height, have none, or stand in 生态保护红线 / 永久基本农田.
 */
import { area, centroid, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import { layoutParcel, type ParcelLayout } from './buildings/generate.js';
import { ChangeMaker, plantProtectedLandBuilds } from './changes.js';
import {
  isoDate,
  type Building,
  type BuildingState,
  type IllegalBuild,
  type PendingPermit,
  type Permit,
  type Slot,
} from './epoch-types.js';
import { targetIndicators, type Indicators } from './indicators.js';
import { DISTRICT_CODE } from './layout.js';
import type { Parcel } from './parcels.js';
import type { River } from './river.js';

export type { Building } from './epoch-types.js';

export interface Epochs {
  buildings: Building[];
  permits: Permit[];
  illegal: IllegalBuild[];
  layouts: Map<string, ParcelLayout>;
  targets: Map<string, Indicators>;
}

const STATE = (d: { ring: Ring; floors: number; heightM: number }): BuildingState => ({
  ring: d.ring,
  floors: d.floors,
  heightM: d.heightM,
});

function districtOf(p: readonly [number, number]): string {
  // 人民路 is taken as the 卧龙区 / 宛城区 line here
  return p[0] < -400 ? DISTRICT_CODE.wolong : DISTRICT_CODE.wancheng;
}

const BUILDERS = [
  '南阳建业置业有限公司',
  '南阳宛城城投置业有限公司',
  '南阳梅溪房地产开发有限公司',
  '南阳白河新区建设投资有限公司',
  '河南天冠置业有限公司',
];
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马'];

export function buildEpochs(parcels: readonly Parcel[], river: River, rng: Rng, scale: 'small' | 'full'): Epochs {
  const buildings: Building[] = [];
  const slots: Slot[] = [];
  const layouts = new Map<string, ParcelLayout>();
  const targets = new Map<string, Indicators>();
  const pending: PendingPermit[] = [];
  let seq = 0;
  const nextId = (): string => `JZ${String(++seq).padStart(6, '0')}`;
  const builderFor = (p: Parcel, r: Rng): string =>
    p.typology === 'village' ? `村民${r.pick(SURNAMES)}某` : r.pick(BUILDERS);
  const permitFor = (
    b: Building,
    p: Parcel | null,
    s: BuildingState,
    issued: string,
    what: string,
    r: Rng,
  ): PendingPermit => ({
    bldgId: b.id,
    ring: s.ring,
    heightM: s.heightM,
    floors: s.floors,
    gfaM2: Number((area(s.ring) * s.floors).toFixed(2)),
    issued,
    dkbm: p?.dkbm ?? null,
    project: `${p?.name ?? ''}${what}`,
    builder: p ? builderFor(p, r) : '',
  });

  for (const parcel of parcels) {
    const code = parcel.reg ?? parcel.master;
    const r = rng.fork('buildings', parcel.dkbm);
    const t = targetIndicators(code, r.fork('targets'), parcel.typology === 'oldTownHouses');
    if (t) targets.set(parcel.dkbm, t);
    if (!t || parcel.typology === 'none' || parcel.status === 'vacant') continue;
    const add = (layout: ParcelLayout, when: 'both' | 'old' | 'new' | 'partial'): void => {
      layout.drafts.forEach((d, index) => {
        const b: Building = {
          id: nextId(),
          dkbm: parcel.dkbm,
          use: d.use,
          buildYear: d.buildYear,
          s2022: null,
          s2024: null,
        };
        if (when === 'both' || when === 'old') b.s2022 = STATE(d);
        const built = when === 'both' || when === 'new' || (when === 'partial' && r.chance(0.5));
        if (when !== 'old' && built) b.s2024 = STATE(d);
        if (when === 'new' || when === 'partial') {
          pending.push(permitFor(b, parcel, STATE(d), isoDate(r, [2022, 3], [2023, 10]), '新建工程', r));
        }
        buildings.push(b);
        slots.push({ building: b, layout, index, parcel });
      });
    };
    if (parcel.status === 'redevelop') {
      const villageTargets = targetIndicators('0703', r.fork('old-targets'));
      if (villageTargets)
        add(layoutParcel(parcel, 'village', villageTargets, r.fork('old'), 'old', [1990, 2015]), 'old');
      const layout = layoutParcel(parcel, parcel.typology, t, r.fork('new'), 'new', [2023, 2024]);
      layouts.set(parcel.dkbm, layout);
      add(layout, 'partial');
      continue;
    }
    const years: [number, number] | undefined = parcel.status === 'built' ? undefined : [2023, 2024];
    const layout = layoutParcel(parcel, parcel.typology, t, r, parcel.status === 'built' ? parcel.era : 'new', years);
    layouts.set(parcel.dkbm, layout);
    add(layout, parcel.status === 'built' ? 'both' : parcel.status === 'new' ? 'new' : 'partial');
  }

  const illegal: IllegalBuild[] = [];
  const c = rng.fork('changes');
  const changes = new ChangeMaker(slots, c, pending, illegal, permitFor);
  const n = scale === 'full' ? 1 : 0.3;
  const count = (full: number, min: number): number => Math.max(min, Math.round(full * n));
  changes.run(count);
  plantProtectedLandBuilds(parcels, river, c.fork('protected'), buildings, illegal, nextId, count(6, 3));

  // Serial numbers per district and year in order of issue: 建字第411302202300123号
  const serials = new Map<string, number>();
  const permits: Permit[] = [...pending]
    .sort((a, b) => (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : a.bldgId < b.bldgId ? -1 : 1))
    .map((p) => {
      const district = districtOf(centroid(p.ring));
      const key = `${district}${p.issued.slice(0, 4)}`;
      const s = (serials.get(key) ?? 100) + 1;
      serials.set(key, s);
      return { ...p, xkzh: `建字第${key}${String(s).padStart(5, '0')}号` };
    });
  const xkzhByBldg = new Map(permits.map((p) => [p.bldgId, p.xkzh]));
  for (const i of illegal)
    if (i.kind === 'beyond_footprint' || i.kind === 'beyond_height') i.xkzh = xkzhByBldg.get(i.bldgId) ?? null;
  return { buildings, permits, illegal, layouts, targets };
}
