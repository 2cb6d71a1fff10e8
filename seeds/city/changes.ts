/**
 * Changes between the 2022 and 2024 surveys: raises, extensions and new builds, each legal
 * (a permit that matches) or planted as illegal (no permit, beyond the permit's footprint
 * or height, or on protected land).
 */
import { area, fitsInside, rect, type Box, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import { STOREY_M, type BuildingUse } from './buildings/place.js';
import {
  isoDate,
  type Building,
  type BuildingState,
  type IllegalBuild,
  type PendingPermit,
  type PermitFn,
  type Slot,
} from './epoch-types.js';
import type { Parcel } from './parcels.js';
import type { River } from './river.js';

function boxOfRect(ring: Ring): Box {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Extensions, raises and small new builds between the surveys, legal and illegal. */
export class ChangeMaker {
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
export function plantProtectedLandBuilds(
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
