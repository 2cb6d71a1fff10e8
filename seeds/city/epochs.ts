/**
 * Two survey epochs (2022 and 2024) of the buildings, the planning permits (建设工程规划许可证)
 * issued between them, and the planted illegal builds. Buildings keep their id across epochs;
 * between the surveys some are new, demolished, extended or raised. Legal changes have a
 * permit whose footprint and height the building matches; illegal ones differ from their
 * permit by a known area or height, have none, or stand in 生态保护红线 / 永久基本农田.
 */
import { area, centroid, fitsInside, rect, type Box, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import { layoutParcel, type ParcelLayout } from './buildings/generate.js';
import { STOREY_M, type BuildingUse } from './buildings/place.js';
import { targetIndicators, type Indicators } from './indicators.js';
import { DISTRICT_CODE } from './layout.js';
import type { Parcel } from './parcels.js';
import type { River } from './river.js';

export interface BuildingState {
  ring: Ring;
  floors: number;
  heightM: number;
}

export interface Building {
  id: string;
  dkbm: string | null;
  use: BuildingUse;
  buildYear: number;
  s2022: BuildingState | null;
  s2024: BuildingState | null;
}

export interface Permit {
  xkzh: string;
  bldgId: string;
  ring: Ring;
  heightM: number;
  floors: number;
  gfaM2: number;
  /** ISO date. */
  issued: string;
  dkbm: string | null;
  project: string;
  builder: string;
}

export type IllegalKind = 'no_permit' | 'beyond_footprint' | 'beyond_height' | 'in_redline_or_farmland';

export interface IllegalBuild {
  bldgId: string;
  kind: IllegalKind;
  xkzh: string | null;
  excessAreaM2: number;
  excessHeightM: number;
}

export interface Epochs {
  buildings: Building[];
  permits: Permit[];
  illegal: IllegalBuild[];
  layouts: Map<string, ParcelLayout>;
  targets: Map<string, Indicators>;
}

interface Slot {
  building: Building;
  layout: ParcelLayout;
  index: number;
  parcel: Parcel;
}

type PendingPermit = Omit<Permit, 'xkzh'>;

const STATE = (d: { ring: Ring; floors: number; heightM: number }): BuildingState => ({
  ring: d.ring,
  floors: d.floors,
  heightM: d.heightM,
});

function isoDate(rng: Rng, from: [number, number], to: [number, number]): string {
  const start = Date.UTC(from[0], from[1] - 1, 1);
  const end = Date.UTC(to[0], to[1] - 1, 28);
  const t = start + Math.floor(rng.next() * ((end - start) / 86_400_000)) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function districtOf(p: readonly [number, number]): string {
  // 人民路 is taken as the 卧龙区 / 宛城区 line here
  return p[0] < -400 ? DISTRICT_CODE.wolong : DISTRICT_CODE.wancheng;
}

function boxOfRect(ring: Ring): Box {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
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

type PermitFn = (
  b: Building,
  p: Parcel | null,
  s: BuildingState,
  issued: string,
  what: string,
  r: Rng,
) => PendingPermit;

/** Extensions, raises and small new builds between the surveys, legal and illegal. */
class ChangeMaker {
  private readonly used = new Set<string>();

  constructor(
    private readonly slots: readonly Slot[],
    private readonly rng: Rng,
    private readonly pending: PendingPermit[],
    private readonly illegal: IllegalBuild[],
    private readonly permitFor: PermitFn,
  ) {}

  private pool(pred: (s: Slot) => boolean): Slot[] {
    return this.slots.filter((s) => pred(s) && s.building.s2022 && s.building.s2024 && !this.used.has(s.building.id));
  }

  private take(pool: Slot[], k: number): Slot[] {
    const out: Slot[] = [];
    const order = pool.map((s) => ({ s, key: this.rng.next() })).sort((a, b) => a.key - b.key);
    for (const { s } of order) {
      if (out.length >= k) break;
      if (this.used.has(s.building.id)) continue;
      out.push(s);
    }
    return out;
  }

  /** Extends a building by `depthM` on one side; returns the added strip's area or 0. */
  private extend(s: Slot, depthM: number): { before: Box; after: Box } | null {
    const before = s.layout.placer.boxAt(s.index);
    if (!before) return null;
    const sides: Box[] = [
      { ...before, maxX: before.maxX + depthM },
      { ...before, minX: before.minX - depthM },
      { ...before, maxY: before.maxY + depthM },
      { ...before, minY: before.minY - depthM },
    ];
    const start = this.rng.int(0, 3);
    for (let k = 0; k < 4; k++) {
      const after = sides[(start + k) % 4] as Box;
      if (s.layout.placer.resize(s.index, after, 0.4)) return { before, after };
    }
    return null;
  }

  private state(b: Box, floors: number, heightM: number): BuildingState {
    return { ring: rect(b.minX, b.minY, b.maxX, b.maxY), floors, heightM };
  }

  private storey(s: Slot): number {
    return STOREY_M[s.building.use] || 3.2;
  }

  private extension(s: Slot, kind: 'legal' | 'no_permit' | 'beyond_footprint'): boolean {
    const shed = s.building.use === '工业' || s.building.use === '仓储';
    const depth = Number((shed ? this.rng.range(8, 18) : this.rng.range(2, 3.5)).toFixed(1));
    const ext = this.extend(s, depth);
    if (!ext) return false;
    const b = s.building;
    const old = b.s2024 as BuildingState;
    b.s2024 = this.state(ext.after, old.floors, old.heightM);
    this.used.add(b.id);
    const issued = isoDate(this.rng, [2022, 9], [2024, 3]);
    if (kind === 'legal') {
      this.pending.push(this.permitFor(b, s.parcel, b.s2024, issued, '扩建工程', this.rng));
    } else if (kind === 'beyond_footprint') {
      // the permit allowed part of the extension only
      const allowed = Number((depth * this.rng.range(0.3, 0.6)).toFixed(1));
      const a = ext.after;
      const p = ext.before;
      const permitted: Box = {
        minX: a.minX < p.minX ? p.minX - allowed : a.minX,
        maxX: a.maxX > p.maxX ? p.maxX + allowed : a.maxX,
        minY: a.minY < p.minY ? p.minY - allowed : a.minY,
        maxY: a.maxY > p.maxY ? p.maxY + allowed : a.maxY,
      };
      const ps = this.state(permitted, old.floors, old.heightM);
      this.pending.push(this.permitFor(b, s.parcel, ps, issued, '扩建工程', this.rng));
      this.illegal.push({
        bldgId: b.id,
        kind,
        xkzh: null,
        excessAreaM2: area(b.s2024.ring) - area(ps.ring),
        excessHeightM: 0,
      });
    } else {
      this.illegal.push({
        bldgId: b.id,
        kind,
        xkzh: null,
        excessAreaM2: area(b.s2024.ring) - area(old.ring),
        excessHeightM: 0,
      });
    }
    return true;
  }

  private raise(s: Slot, kind: 'legal' | 'no_permit' | 'beyond_height'): void {
    const b = s.building;
    const old = b.s2024 as BuildingState;
    const add = kind === 'beyond_height' ? this.rng.int(2, 3) : this.rng.int(1, 2);
    const storey = this.storey(s);
    b.s2024 = { ring: old.ring, floors: old.floors + add, heightM: Number((old.heightM + add * storey).toFixed(1)) };
    this.used.add(b.id);
    const issued = isoDate(this.rng, [2022, 9], [2024, 3]);
    if (kind === 'legal') {
      this.pending.push(this.permitFor(b, s.parcel, b.s2024, issued, '加层工程', this.rng));
    } else if (kind === 'beyond_height') {
      const allowedFloors = old.floors + 1;
      const permitted = { ring: old.ring, floors: allowedFloors, heightM: Number((old.heightM + storey).toFixed(1)) };
      this.pending.push(this.permitFor(b, s.parcel, permitted, issued, '加层工程', this.rng));
      this.illegal.push({
        bldgId: b.id,
        kind,
        xkzh: null,
        excessAreaM2: 0,
        excessHeightM: Number((b.s2024.heightM - permitted.heightM).toFixed(1)),
      });
    } else {
      this.illegal.push({
        bldgId: b.id,
        kind,
        xkzh: null,
        excessAreaM2: 0,
        excessHeightM: Number((b.s2024.heightM - old.heightM).toFixed(1)),
      });
    }
  }

  run(count: (full: number, min: number) => number): void {
    const houses = (): Slot[] => this.pool((s) => s.building.use === '农村住宅' && s.parcel.status === 'built');
    const sheds = (): Slot[] =>
      this.pool((s) => (s.building.use === '工业' || s.building.use === '仓储') && s.parcel.status === 'built');
    for (const s of this.take(houses(), count(24, 4))) this.raise(s, 'legal');
    for (const s of this.take(houses(), count(14, 4))) this.raise(s, 'no_permit');
    for (const s of this.take(houses(), count(8, 2))) this.raise(s, 'beyond_height');
    let k = count(12, 3);
    for (const s of this.take([...sheds(), ...houses()], k * 3)) if (k > 0 && this.extension(s, 'legal')) k--;
    k = count(8, 2);
    for (const s of this.take([...houses(), ...sheds()], k * 4)) if (k > 0 && this.extension(s, 'no_permit')) k--;
    k = count(8, 2);
    for (const s of this.take([...sheds(), ...houses()], k * 4))
      if (k > 0 && this.extension(s, 'beyond_footprint')) k--;
    // a new tower topped out above its permit
    const towers = this.slots.filter(
      (s) => !s.building.s2022 && s.building.s2024 && s.building.use === '住宅' && !this.used.has(s.building.id),
    );
    for (const s of this.take(towers, count(3, 1))) {
      const b = s.building;
      const st = b.s2024 as BuildingState;
      const permit = this.pending.find((p) => p.bldgId === b.id);
      if (!permit) continue;
      const add = this.rng.int(2, 3);
      b.s2024 = { ...st, floors: st.floors + add, heightM: Number((st.heightM + add * 3).toFixed(1)) };
      this.used.add(b.id);
      this.illegal.push({
        bldgId: b.id,
        kind: 'beyond_height',
        xkzh: null,
        excessAreaM2: 0,
        excessHeightM: Number((b.s2024.heightM - permit.heightM).toFixed(1)),
      });
    }
  }
}

/** New builds on protected land: sheds (大棚房) in 永久基本农田 and a 农家乐 on the floodplain. */
function plantProtectedLandBuilds(
  parcels: readonly Parcel[],
  river: River,
  rng: Rng,
  buildings: Building[],
  illegal: IllegalBuild[],
  nextId: () => string,
  count: number,
): void {
  const fields = parcels.filter((p) => p.basicFarmland && p.block.cell.bank === 'rural');
  const order = fields.map((p) => ({ p, k: rng.next() })).sort((a, b) => a.k - b.k);
  const targets: { ring: Ring; dkbm: string | null; use: BuildingUse }[] = [];
  for (const { p } of order) {
    if (targets.length >= count - 1) break;
    const spot = findSpot(p.ring, rng, [14, 22], [30, 48], 4);
    if (spot) targets.push({ ring: spot, dkbm: p.dkbm, use: '仓储' });
  }
  const spot = findSpot(river.floodplainNw, rng, [12, 16], [14, 20], 5);
  if (spot) targets.push({ ring: spot, dkbm: null, use: '商业' });
  for (const t of targets) {
    const floors = t.use === '商业' ? 2 : 1;
    const heightM = t.use === '商业' ? 7.2 : Number(rng.range(4, 5.5).toFixed(1));
    const b: Building = {
      id: nextId(),
      dkbm: t.dkbm,
      use: t.use,
      buildYear: 2023,
      s2022: null,
      s2024: { ring: t.ring, floors, heightM },
    };
    buildings.push(b);
    illegal.push({
      bldgId: b.id,
      kind: 'in_redline_or_farmland',
      xkzh: null,
      excessAreaM2: area(t.ring),
      excessHeightM: heightM,
    });
  }
}

function findSpot(ring: Ring, rng: Rng, w: [number, number], d: [number, number], clearance: number): Ring | null {
  const b = boxOfRect(ring);
  for (let i = 0; i < 200; i++) {
    const ww = Number(rng.range(w[0], w[1]).toFixed(1));
    const dd = Number(rng.range(d[0], d[1]).toFixed(1));
    const x = Number(rng.range(b.minX, b.maxX - ww).toFixed(1));
    const y = Number(rng.range(b.minY, b.maxY - dd).toFixed(1));
    const r = rect(x, y, x + ww, y + dd);
    if (fitsInside(r, ring, clearance) && !ring.some(([px, py]) => px > x && px < x + ww && py > y && py < y + dd))
      return r;
  }
  return null;
}
