/**
 * 违法建设疑点: each changed building of the after epoch (match-core.ts) against the planning
 * permits (建设工程规划许可证) and the prohibited zones. Pure: groups, footprints, permits,
 * zones and an overlay engine in, suspects out.
 *
 * The rules, as stated to the user (defaults in CHECK_DEFAULTS):
 * - A building's **permit** is the permit footprint overlapping it most, among those whose
 *   overlap is at least `permitOverlap` (50 %) of the smaller of the two. None: `no_permit`.
 * - **Footprint**: the building must stand inside the permitted footprint grown by
 *   `footprintToleranceM` (0.5 m); it is `beyond_footprint` when at least `minExcessM2` (1 m²)
 *   of it lies outside that. The excess reported is its whole area outside the permit
 *   (plain difference). A footprint 0.4 m beyond its permit with 0.5 m tolerance complies.
 * - **Height**: `beyond_height` when its height is more than `heightToleranceM` (0.5 m) over
 *   the permitted height; a permit without a height is checked for its footprint only.
 * - **Prohibited zones** (生态保护红线, 永久基本农田, 道路红线, 河道蓝线): `in_protected_zone`
 *   when at least `minExcessM2` of it lies in one, permit or not.
 * - Legal changes are not suspects: demolition is never checked; a new, extended or raised
 *   building inside its permit, under its height and out of the zones is not listed.
 * - The suspect's **kind** is the first of its findings in the order in_protected_zone,
 *   no_permit, beyond_height, beyond_footprint; all findings are its reasons.
 * - **Measures**: excess area = the largest area finding (area in zones; area gained without
 *   a permit, the whole footprint when new; area outside the permit); excess height = the
 *   largest height finding (height gained without a permit or in a zone, the whole height
 *   when new; height over the permit).
 * - **Score** (0-100, higher first): the kind's base (zone 70, no permit 60, beyond height 50,
 *   beyond footprint 45) + min(15, excess area / 20 m²) + min(15, excess height × 1.5 /m)
 *   + 5 for each further finding, at most 100.
 * Environment: common.
 */
import Flatbush from 'flatbush';
import type { Footprint, FootprintOps } from './footprint.js';
import type { ChangeClass, ChangeGroup } from './match-core.js';

export type SuspectKind = 'in_protected_zone' | 'no_permit' | 'beyond_height' | 'beyond_footprint';
export const SUSPECT_KINDS: readonly SuspectKind[] = [
  'in_protected_zone',
  'no_permit',
  'beyond_height',
  'beyond_footprint',
];

export type ZoneCategory = 'eco_red_line' | 'basic_farmland' | 'road_red_line' | 'river_blue_line';

export interface PermitInput {
  footprint: Footprint;
  heightM: number | null;
}

export interface ZoneInput {
  footprint: Footprint;
  category: ZoneCategory;
  name: string;
}

export interface CheckOptions {
  permitOverlap: number;
  footprintToleranceM: number;
  heightToleranceM: number;
  minExcessM2: number;
}

export const CHECK_DEFAULTS: CheckOptions = {
  permitOverlap: 0.5,
  footprintToleranceM: 0.5,
  heightToleranceM: 0.5,
  minExcessM2: 1,
};

export type Finding =
  | { kind: 'no_permit'; gainedM2: number; heightGainM: number }
  | { kind: 'beyond_footprint'; outsideM2: number; toleranceM: number }
  | { kind: 'beyond_height'; heightM: number; permittedM: number; excessM: number }
  | { kind: 'in_protected_zone'; category: ZoneCategory; zone: string; insideM2: number };

export interface Suspect {
  /** Index of the building in the after epoch. */
  after: number;
  /** Indices of the before buildings of its group. */
  before: number[];
  classes: ChangeClass[];
  kind: SuspectKind;
  findings: Finding[];
  excessAreaM2: number;
  excessHeightM: number;
  score: number;
  /** Index of its permit, or null. */
  permit: number | null;
}

export interface AfterBuilding {
  footprint: Footprint;
  heightM: number | null;
}

const BASE: Record<SuspectKind, number> = {
  in_protected_zone: 70,
  no_permit: 60,
  beyond_height: 50,
  beyond_footprint: 45,
};

function indexOf(items: readonly { footprint: Footprint }[]): Flatbush | null {
  if (items.length === 0) return null;
  const index = new Flatbush(items.length);
  for (const it of items) index.add(...it.footprint.bbox);
  index.finish();
  return index;
}

function scoreOf(kind: SuspectKind, findings: number, excessAreaM2: number, excessHeightM: number): number {
  const s =
    BASE[kind] + Math.min(15, excessAreaM2 / 20) + Math.min(15, Math.max(0, excessHeightM) * 1.5) + 5 * (findings - 1);
  return Math.min(100, Math.round(s * 10) / 10);
}

export function findSuspects(
  ops: FootprintOps,
  groups: readonly ChangeGroup[],
  after: readonly AfterBuilding[],
  permits: readonly PermitInput[],
  zones: readonly ZoneInput[],
  options: Partial<CheckOptions> = {},
): Suspect[] {
  const o = { ...CHECK_DEFAULTS, ...options };
  const permitIndex = indexOf(permits);
  const zoneIndex = indexOf(zones);
  const permitAreas = permits.map((p) => ops.area(p.footprint));
  const out: Suspect[] = [];
  for (const g of groups) {
    const isNew = g.classes.includes('new') || g.classes.includes('replaced');
    for (const a of g.afters) {
      if (!a.changed) continue;
      const b = after[a.index];
      if (!b) continue;
      const [minX, minY, maxX, maxY] = b.footprint.bbox;
      const areaM2 = ops.area(b.footprint);
      const findings: Finding[] = [];
      const heightGainM = isNew ? (b.heightM ?? 0) : Math.max(0, a.heightGainM ?? 0);
      for (const zi of zoneIndex?.search(minX, minY, maxX, maxY) ?? []) {
        const z = zones[zi];
        if (!z) continue;
        const insideM2 = ops.intersectionArea(b.footprint, z.footprint);
        if (insideM2 >= o.minExcessM2)
          findings.push({ kind: 'in_protected_zone', category: z.category, zone: z.name, insideM2 });
      }
      let permit: number | null = null;
      let best = 0;
      for (const pi of permitIndex?.search(minX, minY, maxX, maxY) ?? []) {
        const p = permits[pi];
        if (!p) continue;
        const m2 = ops.intersectionArea(b.footprint, p.footprint);
        if (m2 > best && m2 >= o.permitOverlap * Math.min(areaM2, permitAreas[pi] ?? 0)) {
          best = m2;
          permit = pi;
        }
      }
      const p = permit === null ? null : permits[permit];
      if (!p) {
        findings.push({ kind: 'no_permit', gainedM2: isNew ? areaM2 : a.gainedM2, heightGainM });
      } else {
        const beyond = ops.outsideArea(b.footprint, [p.footprint], o.footprintToleranceM);
        if (beyond >= o.minExcessM2) {
          findings.push({
            kind: 'beyond_footprint',
            outsideM2: ops.outsideArea(b.footprint, [p.footprint], 0),
            toleranceM: o.footprintToleranceM,
          });
        }
        if (p.heightM !== null && b.heightM !== null && b.heightM > p.heightM + o.heightToleranceM) {
          findings.push({
            kind: 'beyond_height',
            heightM: b.heightM,
            permittedM: p.heightM,
            excessM: b.heightM - p.heightM,
          });
        }
      }
      if (findings.length === 0) continue;
      const kind = SUSPECT_KINDS.find((k) => findings.some((f) => f.kind === k)) ?? 'no_permit';
      let excessAreaM2 = 0;
      let excessHeightM = 0;
      for (const f of findings) {
        if (f.kind === 'no_permit') {
          excessAreaM2 = Math.max(excessAreaM2, f.gainedM2);
          excessHeightM = Math.max(excessHeightM, f.heightGainM);
        } else if (f.kind === 'in_protected_zone') {
          excessAreaM2 = Math.max(excessAreaM2, f.insideM2);
          excessHeightM = Math.max(excessHeightM, heightGainM);
        } else if (f.kind === 'beyond_footprint') excessAreaM2 = Math.max(excessAreaM2, f.outsideM2);
        else excessHeightM = Math.max(excessHeightM, f.excessM);
      }
      out.push({
        after: a.index,
        before: g.before,
        classes: g.classes,
        kind,
        findings,
        excessAreaM2,
        excessHeightM,
        score: scoreOf(kind, findings.length, excessAreaM2, excessHeightM),
        permit,
      });
    }
  }
  return out.sort((x, y) => y.score - x.score || x.after - y.after);
}
