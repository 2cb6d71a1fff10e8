/**
 * Building placement inside a parcel: axis-aligned rectangles that fit the parcel with the
 * setback, never overlap, and stop when the floor-area or density budget is spent.
 */
import { area, boxOf, fitsInside, rect, type Box, type Ring } from '../../geo/polygon.js';

export type BuildingUse =
  '住宅' | '农村住宅' | '商业' | '办公' | '工业' | '仓储' | '教育' | '医疗' | '公共服务' | '文化' | '市政';

/** Storey heights (m) by use: 住宅 2.9-3.0 (GB 50096 层高 <= 3.0 m), 公建 3.6-4.5. */
export const STOREY_M: Record<BuildingUse, number> = {
  住宅: 3.0,
  农村住宅: 3.2,
  商业: 4.5,
  办公: 3.6,
  工业: 0,
  仓储: 0,
  教育: 3.8,
  医疗: 4.0,
  公共服务: 3.6,
  文化: 4.5,
  市政: 4.0,
};

export interface BuildingDraft {
  ring: Ring;
  floors: number;
  heightM: number;
  use: BuildingUse;
  buildYear: number;
}

export interface Budget {
  /** Remaining gross floor area (m^2). */
  gfaM2: number;
  /** Remaining footprint area (m^2). */
  footprintM2: number;
  maxHeightM: number;
  setbackM: number;
}

export class Placer {
  readonly buildings: BuildingDraft[] = [];
  private readonly boxes: Box[] = [];

  constructor(
    readonly parcel: Ring,
    readonly budget: Budget,
  ) {}

  /** Footprint area already placed. */
  footprintM2(): number {
    return this.buildings.reduce((s, b) => s + area(b.ring), 0);
  }

  /** Whether a rectangle fits (inside with setback, clear of others by `gapM`). */
  fits(r: Box, gapM: number): boolean {
    const ring = rect(r.minX, r.minY, r.maxX, r.maxY);
    if (!fitsInside(ring, this.parcel, this.budget.setbackM)) return false;
    // a reflex parcel corner poking into the rectangle (corners alone would miss it)
    if (this.parcel.some(([x, y]) => x > r.minX && x < r.maxX && y > r.minY && y < r.maxY)) return false;
    return this.boxes.every(
      (b) => r.minX >= b.maxX + gapM || r.maxX <= b.minX - gapM || r.minY >= b.maxY + gapM || r.maxY <= b.minY - gapM,
    );
  }

  /**
   * Changes building `index` to rectangle `r` (an extension) if it still fits the parcel and
   * keeps clear of the others; budgets are not checked (extensions may break the plan).
   */
  resize(index: number, r: Box, gapM: number): boolean {
    const others = this.boxes.filter((_, i) => i !== index);
    const ring = rect(r.minX, r.minY, r.maxX, r.maxY);
    if (!fitsInside(ring, this.parcel, this.budget.setbackM)) return false;
    if (this.parcel.some(([x, y]) => x > r.minX && x < r.maxX && y > r.minY && y < r.maxY)) return false;
    if (
      !others.every(
        (b) => r.minX >= b.maxX + gapM || r.maxX <= b.minX - gapM || r.minY >= b.maxY + gapM || r.maxY <= b.minY - gapM,
      )
    ) {
      return false;
    }
    const b = this.buildings[index];
    if (!b) return false;
    this.boxes[index] = r;
    this.buildings[index] = { ...b, ring };
    return true;
  }

  boxAt(index: number): Box | undefined {
    return this.boxes[index];
  }

  /** Places a building if it fits and the budget allows; floors are cut to the budget. */
  place(
    r: Box,
    floors: number,
    use: BuildingUse,
    buildYear: number,
    gapM: number,
    storeyM?: number,
    singleStoreyHeightM?: number,
  ): boolean {
    if (!this.fits(r, gapM)) return false;
    const fp = (r.maxX - r.minX) * (r.maxY - r.minY);
    if (fp > this.budget.footprintM2) return false;
    const storey = storeyM ?? STOREY_M[use];
    const maxFloors = storey > 0 ? Math.floor((this.budget.maxHeightM - 1.5) / storey) : 1;
    let f = Math.min(floors, maxFloors, Math.floor(this.budget.gfaM2 / fp));
    if (f < 1) return false;
    if (storey === 0) f = 1;
    const heightM =
      storey > 0
        ? Number((f * storey + 1.2).toFixed(1))
        : Math.min(singleStoreyHeightM ?? 10, this.budget.maxHeightM - 1);
    const ring = rect(r.minX, r.minY, r.maxX, r.maxY);
    this.buildings.push({ ring, floors: f, heightM: Number(heightM.toFixed(1)), use, buildYear });
    this.boxes.push(r);
    this.budget.gfaM2 -= fp * f;
    this.budget.footprintM2 -= fp;
    return true;
  }
}

export function box(minX: number, minY: number, maxX: number, maxY: number): Box {
  return { minX, minY, maxX, maxY };
}

/** The parcel's bounding box shrunk by the setback. */
export function usableBox(parcel: Ring, setbackM: number): Box {
  const b = boxOf(parcel);
  return { minX: b.minX + setbackM, minY: b.minY + setbackM, maxX: b.maxX - setbackM, maxY: b.maxY - setbackM };
}
